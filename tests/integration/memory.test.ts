// A job whose worker fills its heap (WORKER_HEAP_MB): the job fails with a
// message that says why and what to check, and the server and its pool go on.
// The file maps an order-line id as the product: every row a product of its own.
import { describe, expect, it } from "vitest";
import { createdJob, ownDataDir, sampleCsv, uploadRaw, waitForJob } from "./helpers";

describe("a job that runs out of memory", () => {
  const { start } = ownDataDir("sales-it-memory-");

  it("fails alone with a message naming the cause, and the next job completes", async () => {
    const server = await start({ WORKER_HEAP_MB: "48", WORKER_CONCURRENCY: "1" });
    let csv = "sale_date,line_id,quantity,unit_price\n";
    for (let i = 0; i < 400_000; i++)
      csv += `2024-01-${String(1 + (i % 28)).padStart(2, "0")},L${i}-${(i * 7919) % 1000},2,3.50\n`;
    const big = await createdJob(
      await uploadRaw(server.url, "lines.csv", csv, "text/csv", { mapping: { product: "line_id" } }),
    );
    const failed = await waitForJob(server.url, big.id, 120_000);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/^The job ran out of memory \(WORKER_HEAP_MB=48\)/);
    expect(failed.error).toContain("Check that the product column holds product names");

    // the server answers, and the pool takes the next job
    const small = await createdJob(await uploadRaw(server.url, "small.csv", sampleCsv(500)));
    const done = await waitForJob(server.url, small.id);
    expect(done.status, done.error ?? "").toBe("completed");
    expect(done.summary?.rowsRead).toBe(500);
    expect(server.output()).not.toMatch(/uncaught/i);
  });
});
