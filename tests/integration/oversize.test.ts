// Uploads over MAX_UPLOAD_MB sent as a stream (chunked, no declared length):
// each gets its 413 and the server logs no uncaught error while refusing them.
// Cutting off the request body under Next made it log "ReadableStream is
// already closed" now and then, so the refusal reads on and drops the rest.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createdJob, ownDataDir, uploadRaw, waitForJob } from "./helpers";

describe("streamed uploads over the limit", () => {
  const { dataDir, start } = ownDataDir("sales-it-oversize-");

  it("are refused with 413, nothing kept and nothing uncaught in the server's log", async () => {
    const server = await start({ MAX_UPLOAD_MB: "1" });
    const line = Buffer.from("2024-01-05,Widget,2,3.50\n");
    for (const size of [1.05, 1.2, 3, 1.01, 1.5, 2, 1.02, 1.1, 4, 1.3]) {
      const body = Readable.from(
        (function* () {
          yield Buffer.from("sale_date,product,quantity,unit_price\n");
          const n = Math.ceil((size * 1024 * 1024) / line.length);
          for (let i = 0; i < n; i += 1000) yield Buffer.concat(Array(Math.min(1000, n - i)).fill(line));
        })(),
      );
      const r = await fetch(`${server.url}/api/jobs?filename=big.csv`, {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: Readable.toWeb(body) as ReadableStream,
        duplex: "half",
      } as RequestInit);
      expect(r.status, `${size} MB`).toBe(413);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(server.output()).not.toMatch(/uncaught|ReadableStream is already closed/i);
    expect(readdirSync(join(dataDir, "uploads"))).toEqual([]);
    const list = (await (await fetch(`${server.url}/api/jobs`)).json()) as { jobs: unknown[] };
    expect(list.jobs).toEqual([]);
  });
});

describe("uploads whose header is past the first megabyte", () => {
  const { start } = ownDataDir("sales-it-late-header-");

  it("finds a header past the first megabyte, as the CLI does: after blank lines, or a line wider than that", async () => {
    const server = await start({ MAX_UPLOAD_MB: "32" });
    const rows = "2024-01-01,Widget,2,3.5\n2024-02-01,Widget,1,3.5\n";
    // 1.2 MB of blank lines (CRLF) before the header
    const late = `${"\r\n".repeat(600_000)}date,product,quantity,price\n${rows}`;
    const j = await createdJob(await uploadRaw(server.url, "late-header.csv", late));
    const done = await waitForJob(server.url, j.id);
    expect(done.status, done.error ?? "").toBe("completed");
    expect(done.summary?.rowsValid).toBe(2);
    // a header of 1.5 MB: the four roles, then 150,000 more columns
    const extra = Array.from({ length: 150_000 }, (_, i) => `c${i}`).join(",");
    const pad = ",".repeat(150_000);
    const wide = `date,product,quantity,price,${extra}\n${rows.replaceAll("\n", `${pad}\n`)}`;
    expect(Buffer.byteLength(wide)).toBeGreaterThan(1 << 20);
    const w = await createdJob(await uploadRaw(server.url, "wide-header.csv", wide));
    const wd = await waitForJob(server.url, w.id);
    expect(wd.status, wd.error ?? "").toBe("completed");
    expect(wd.summary?.rowsValid).toBe(2);
    // nothing but blank lines: still no header
    const blank = await uploadRaw(server.url, "blank.csv", "\n".repeat(3 << 20));
    expect(blank.status).toBe(422);
    const error = ((await blank.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe("no_header");
  });
});
