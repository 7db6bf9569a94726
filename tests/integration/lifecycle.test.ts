// Job lifecycle through the real server: samples, cancel (queued and running),
// failures that stay contained, re-run, delete, concurrency and responsiveness.
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import type { HealthDto, JobDto } from "@/lib/api/types";
import {
  countRows,
  createdJob,
  openDb,
  getJob,
  sampleCsv,
  uploadMultipart,
  uploadRaw,
  waitForJob,
  waitForStatus,
} from "./helpers";

const base = inject("baseUrl");
const dataDir = inject("dataDir");

const post = (path: string, body?: unknown) =>
  fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const sample = async (body: unknown) => createdJob(await post("/api/jobs/sample", body));
const uploads = () => readdirSync(join(dataDir, "uploads"));

describe("sample data", () => {
  it("generates N rows in the worker and processes them", async () => {
    const job = await sample({ rows: 2000, seed: 3, errorRate: 0.1 });
    expect(job.source).toBe("sample");
    const done = await waitForJob(base, job.id);
    expect(done.status, done.error ?? "").toBe("completed");
    expect(done.summary?.rowsRead).toBe(2000);
    expect(done.sizeBytes).toBe(Buffer.byteLength(sampleCsv(2000, 3, 0.1)));
    expect(done.summary!.rowsRejected).toBeGreaterThan(0);
  });

  it("refuses row counts out of range", async () => {
    expect((await post("/api/jobs/sample", { rows: 0 })).status).toBe(422);
    expect((await post("/api/jobs/sample", { rows: 50_000_001 })).status).toBe(422);
    expect((await post("/api/jobs/sample", { rows: 10, extra: 1 })).status).toBe(422);
    expect((await post("/api/jobs/sample", "not an object")).status).toBe(422);
  });
});

describe("cancel and failures", () => {
  it("cancels queued and running jobs, fails a broken job alone and stays responsive", async () => {
    // Occupy both workers (WORKER_CONCURRENCY=2) with big samples.
    const long1 = await sample({ rows: 40_000_000, seed: 1 });
    const long2 = await sample({ rows: 40_000_000, seed: 2 });
    await waitForStatus(base, long1.id, "running");
    await waitForStatus(base, long2.id, "running");

    // The server answers while both workers are busy.
    const t0 = performance.now();
    const health = (await (await fetch(`${base}/api/health`)).json()) as HealthDto;
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(health.running).toBe(2);

    // A queued job whose upload vanished: it will fail when it runs.
    const before = new Set(uploads());
    const broken = await createdJob(await uploadRaw(base, "broken.csv", sampleCsv(100, 5)));
    expect(broken.status).toBe("queued");
    const added = uploads().filter((f) => !before.has(f) && f.endsWith(".csv"));
    expect(added).toHaveLength(1);
    rmSync(join(dataDir, "uploads", added[0]!));

    // Cancelling a queued job just marks it.
    const queued = await sample({ rows: 1000 });
    const qc = await post(`/api/jobs/${queued.id}/cancel`);
    expect(qc.status).toBe(200);
    expect(((await qc.json()) as JobDto).status).toBe("cancelled");

    // Cancelling a running job stops its worker within a second.
    const c0 = performance.now();
    const rc = await post(`/api/jobs/${long1.id}/cancel`);
    expect(rc.status).toBe(200);
    expect(((await rc.json()) as JobDto).status).toBe("cancelled");
    expect(performance.now() - c0).toBeLessThan(1500);
    expect(existsSync(join(dataDir, "jobs", long1.id))).toBe(false);

    // The freed worker takes the broken job, which fails with a readable message.
    const failed = await waitForJob(base, broken.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/\w{5,}/);

    expect((await post(`/api/jobs/${long2.id}/cancel`)).status).toBe(200);
    expect((await post(`/api/jobs/${long1.id}/cancel`)).status).toBe(409);
    expect((await getJob(base, queued.id)).status).toBe("cancelled");

    // Nothing half-written stays behind, and the pool carries on.
    await new Promise((r) => setTimeout(r, 500));
    expect(uploads().filter((f) => f.endsWith(".part"))).toEqual([]);
    const after = await createdJob(await uploadRaw(base, "after.csv", sampleCsv(200, 6)));
    expect((await waitForJob(base, after.id)).status).toBe("completed");
    const h2 = (await (await fetch(`${base}/api/health`)).json()) as HealthDto;
    expect(h2.running).toBe(0);
  }, 120_000);

  it("409 when cancelling a finished job", async () => {
    const j = await createdJob(await uploadRaw(base, "done.csv", sampleCsv(100, 8)));
    await waitForJob(base, j.id);
    const r = await post(`/api/jobs/${j.id}/cancel`);
    expect(r.status).toBe(409);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe("conflict");
  });
});

describe("a worker waiting for the next job", () => {
  const health = async () => (await (await fetch(`${base}/api/health`)).json()) as HealthDto;
  const healthUntil = async (want: (h: HealthDto) => boolean, what: string) => {
    for (let i = 0; i < 150; i++) {
      const h = await health();
      if (want(h)) return h;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`health never showed ${what}: ${JSON.stringify(await health())}`);
  };

  it("is loaded while no job runs, taken by the next job, and loaded again after it", async () => {
    await healthUntil((h) => h.running === 0 && h.workerReady, "no job running and a worker waiting");
    const job = await sample({ rows: 20_000_000, seed: 21 });
    await waitForStatus(base, job.id, "running");
    // the job took the waiting worker, and none loads while a job runs
    expect((await health()).workerReady).toBe(false);
    expect((await post(`/api/jobs/${job.id}/cancel`)).status).toBe(200);
    await healthUntil((h) => h.running === 0 && h.workerReady, "a worker waiting after the job");
    // the next job runs on it to the end
    const next = await createdJob(await uploadRaw(base, "next.csv", sampleCsv(500, 22)));
    const done = await waitForJob(base, next.id);
    expect(done.status, done.error ?? "").toBe("completed");
    expect(done.summary?.rowsRead).toBe(500);
    expect(countRows(dataDir, "RejectedRow", next.id)).toBe(done.summary?.rowsRejected);
    expect(existsSync(join(dataDir, "jobs", next.id, "rollup.columns"))).toBe(true);
  }, 60_000);
});

describe("progress", () => {
  it("is persisted to the database at least every second while the job runs", async () => {
    const job = await sample({ rows: 1_500_000, seed: 12 });
    await waitForStatus(base, job.id, "running");
    // a sample job first generates its file, and says so
    let seen: JobDto["progress"] | null = null;
    for (let i = 0; i < 100 && !seen; i++) {
      const p = (await getJob(base, job.id)).progress;
      if (p.phase === "generating" && p.fraction > 0) seen = p;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen?.fraction).toBeGreaterThan(0);
    expect(seen?.fraction).toBeLessThanOrEqual(1);
    expect(seen?.rowsPerSecond).toBeGreaterThan(0);
    const db = openDb(dataDir);
    const read = () =>
      db.prepare(`SELECT status, bytesRead, rowsRead, sizeBytes FROM "Job" WHERE id = ?`).get(job.id) as {
        status: string;
        bytesRead: number;
        rowsRead: number;
        sizeBytes: number;
      };
    try {
      // generation first (sizeBytes is set when the file is ready), then processing
      const deadline = Date.now() + 60_000;
      let first = read();
      while (!(first.sizeBytes > 0 && first.bytesRead > 0) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        first = read();
      }
      expect(first.status).toBe("running");
      expect(first.bytesRead).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 1100));
      const second = read();
      if (second.status === "running") expect(second.rowsRead).toBeGreaterThan(first.rowsRead);
      const live = await getJob(base, job.id);
      if (live.status === "running") {
        expect(live.progress.phase).toBe("processing");
        expect(live.progress.fraction).toBeGreaterThan(0);
        expect(live.progress.fraction).toBeLessThanOrEqual(1);
        expect(live.progress.rowsPerSecond).toBeGreaterThan(0);
      }
    } finally {
      db.close();
      await post(`/api/jobs/${job.id}/cancel`);
    }
  }, 90_000);
});

describe("re-run and delete", () => {
  it("re-runs from the same upload, and delete removes rows and files but keeps a shared upload", async () => {
    const csv = sampleCsv(3000, 21, 0.2);
    const before = new Set(uploads());
    const parent = await waitForJob(
      base,
      (await createdJob(await uploadMultipart(base, "shared.csv", csv))).id,
    );
    expect(parent.status).toBe("completed");
    const ours = () => uploads().filter((f) => !before.has(f) && f.endsWith(".csv"));
    const uploadFile = ours();
    expect(uploadFile).toHaveLength(1);

    const rr = await post(`/api/jobs/${parent.id}/rerun`, { options: { fuzzy: false, dayFirst: true } });
    const child = await createdJob(rr);
    expect(child.parentId).toBe(parent.id);
    expect(child.options).toMatchObject({ fuzzy: false, dayFirst: true });
    const childDone = await waitForJob(base, child.id);
    expect(childDone.status, childDone.error ?? "").toBe("completed");
    expect(childDone.summary?.rowsRead).toBe(3000);
    expect(ours()).toEqual(uploadFile); // no copy made

    expect(
      (await post(`/api/jobs/${parent.id}/rerun`, { options: { mapping: { product: "nope" } } })).status,
    ).toBe(422);

    expect(countRows(dataDir, "RejectedRow", parent.id)).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, "jobs", parent.id, "rollup.columns"))).toBe(true);
    const del = await fetch(`${base}/api/jobs/${parent.id}`, { method: "DELETE" });
    expect(del.status).toBe(204);
    expect((await fetch(`${base}/api/jobs/${parent.id}`)).status).toBe(404);
    for (const t of ["Anomaly", "CleaningMerge", "RejectedRow"]) {
      expect(countRows(dataDir, t, parent.id), t).toBe(0);
    }
    expect(existsSync(join(dataDir, "jobs", parent.id))).toBe(false);
    // the re-run still uses the upload
    expect(ours()).toEqual(uploadFile);
    expect((await fetch(`${base}/api/jobs/${child.id}/download/products.csv`)).status).toBe(200);

    expect((await fetch(`${base}/api/jobs/${child.id}`, { method: "DELETE" })).status).toBe(204);
    expect(ours()).toEqual([]);
    expect(existsSync(join(dataDir, "jobs", child.id))).toBe(false);
  });

  it("deletes a running job", async () => {
    const big = await sample({ rows: 30_000_000, seed: 9 });
    await waitForStatus(base, big.id, "running");
    expect((await fetch(`${base}/api/jobs/${big.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await fetch(`${base}/api/jobs/${big.id}`)).status).toBe(404);
    await new Promise((r) => setTimeout(r, 300));
    expect(existsSync(join(dataDir, "jobs", big.id))).toBe(false);
    expect(uploads().filter((f) => f.endsWith(".part"))).toEqual([]);
  });
});

describe("concurrency", () => {
  it("two concurrent uploads both complete", async () => {
    const [a, b] = await Promise.all([
      uploadMultipart(base, "one.csv", sampleCsv(4000, 31)).then(createdJob),
      uploadRaw(base, "two.csv", sampleCsv(4000, 32)).then(createdJob),
    ]);
    const [da, db] = await Promise.all([waitForJob(base, a.id), waitForJob(base, b.id)]);
    expect(da.status).toBe("completed");
    expect(db.status).toBe("completed");
    expect(da.summary?.rowsRead).toBe(4000);
    expect(db.summary?.rowsRead).toBe(4000);
    expect(statSync(join(dataDir, "jobs", a.id, "summary.json")).size).toBeGreaterThan(0);
  });
});
