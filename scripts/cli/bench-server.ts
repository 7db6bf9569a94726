// The server half of `npm run bench` (issue 3's targets), measured from outside
// against one production server (`next start` on a loopback port, its own
// temporary DATA_DIR), as a user meets it:
//   1. server RSS growth while a ~1 GB CSV is streamed to POST /api/jobs
//   2. latency of the dashboard's data requests on that job once completed
//   3. job overhead: upload of the 1M-row file → completed, against the CLI
// The server is stopped and its DATA_DIR removed whatever happens, Ctrl-C included.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { DataFilters, DataPage, Dataset, DatasetRow, JobDto, JobStatus } from "../../lib/api/types";
import { CORE_PROCESS_FLAGS } from "../node-flags.mjs";
import type { BenchContext, MeasureFn, Measurement } from "./bench";
import { formatCount, generateFile, label, SKU_PRODUCTS, writeSkuFile } from "./common";

const HOST = "127.0.0.1";
const MB = 1024 * 1024;

const UPLOAD_GROWTH_MB = 100;
const DATA_P95_MS = 50;
const OVERHEAD_RATIO = 1.5;

const SAMPLE_EVERY_MS = 100;
const HEALTHY_WITHIN_MS = 60_000;
const REQUEST_TIMEOUT_MS = 30_000;
const UPLOAD_TIMEOUT_MS = 15 * 60_000;
const JOB_TIMEOUT_MS = 20 * 60_000;
const BUILD_TIMEOUT_MS = 20 * 60_000;
/**
 * How often a job's status is asked for: as the job page asks while a job
 * runs (use-job-query.ts). A job's measured time ends at the server's own
 * finishedAt, so the poll adds nothing to it; a faster one would. Polled
 * every 50 ms, the 1M-row job's worker ran ~0.1 s longer than polled once a
 * second (0.85–0.93 s against 0.74–0.78 s inside runFile, four jobs each): the
 * 20 status requests a second take CPU from the worker and its compiler
 * thread on a 2-core machine, load no user's page makes.
 */
const POLL_MS = 1000;
const LATENCY_RUNS = 20;
const OVERHEAD_RUNS = 2;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- build and server

function nextBin(root: string): string {
  return join(root, "node_modules", "next", "dist", "bin", "next");
}

/** newest modification time of the files a production build is made from */
function newestSource(root: string): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ["app", "components", "lib", "prisma"]) walk(join(root, d));
  for (const f of ["next.config.mjs", "package.json"]) {
    const p = join(root, f);
    if (existsSync(p)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds when there is no production build or the sources changed since it
 * was made (a stale build would measure old code); one build at a time.
 */
function ensureBuild(root: string): void {
  const buildId = join(root, ".next", "BUILD_ID");
  const fresh = existsSync(buildId) && statSync(buildId).mtimeMs >= newestSource(root);
  if (fresh) return;
  process.stderr.write(
    existsSync(buildId)
      ? "server: the production build is older than the sources, running next build ...\n"
      : "server: no production build, running next build ...\n",
  );
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const hasFlock = spawnSync("sh", ["-c", "command -v flock"], { stdio: "ignore" }).status === 0;
  const build = [nextBin(root), "build"];
  const r = spawnSync(
    hasFlock ? "flock" : process.execPath,
    hasFlock ? ["/tmp/build.lock", process.execPath, ...build] : build,
    { cwd: root, env, stdio: ["ignore", 2, 2], timeout: BUILD_TIMEOUT_MS },
  );
  if (r.status !== 0 || !existsSync(buildId))
    throw new Error(`next build failed (exit ${r.status ?? r.signal ?? r.error?.message})`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, HOST, () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

interface BenchServer {
  url: string;
  /** the server process itself: `next start` serves in the process it was started as */
  pid: number;
  alive: () => boolean;
  /** the tail of its stdout and stderr */
  log: () => string;
  /** synchronous, for signal handlers */
  kill: () => void;
  stop: () => Promise<void>;
}

const LOG_KEEP = 64 * 1024;

async function startServer(root: string, env: NodeJS.ProcessEnv): Promise<BenchServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [...CORE_PROCESS_FLAGS, nextBin(root), "start", "-p", String(port), "-H", HOST],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  const keep = (d: Buffer) => {
    log = (log + d.toString("utf8")).slice(-LOG_KEEP);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const kill = () => {
    if (alive()) child.kill("SIGKILL");
  };
  // An uncaught error or process.exit must not leave the server running.
  process.once("exit", kill);
  const stop = async () => {
    process.off("exit", kill);
    if (!alive()) return;
    child.kill("SIGTERM");
    const force = setTimeout(kill, 5_000);
    await exited;
    clearTimeout(force);
  };
  const url = `http://${HOST}:${port}`;
  try {
    if (child.pid === undefined) throw new Error("could not start next start");
    const deadline = Date.now() + HEALTHY_WITHIN_MS;
    for (;;) {
      if (!alive()) throw new Error(`next start exited (${child.exitCode ?? child.signalCode}):\n${log}`);
      try {
        const r = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
        if (r.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`next start not healthy within 60 s:\n${log}`);
      await sleep(200);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pid: child.pid, alive, log: () => log, kill, stop };
}

// ---------------------------------------------------------------- memory

/** VmRSS of one process in bytes, null when it is gone or there is no /proc. */
function processRss(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function childPids(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
      if (text) for (const c of text.split(/\s+/)) out.push(Number(c));
    }
  } catch {
    // gone, or a kernel without the children file: the process alone
  }
  return out;
}

/** RSS of the server and any process it started (worker threads are inside the process already). */
function treeRss(pid: number, depth = 0): number | null {
  const own = processRss(pid);
  if (own === null || depth > 4) return own;
  let total = own;
  for (const c of childPids(pid)) total += treeRss(c, depth + 1) ?? 0;
  return total;
}

/** Samples the server's RSS every 100 ms in the background; `takePeak` starts a new window. */
class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly pid: number) {
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
  }
  private sample(): number | null {
    const rss = treeRss(this.pid);
    if (rss !== null && rss > this.peak) this.peak = rss;
    return rss;
  }
  /** the highest RSS since the last call (or the start), including one sample taken now */
  takePeak(): number {
    const now = this.sample() ?? 0;
    const peak = this.peak;
    this.peak = now;
    return peak;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

/** The settled RSS: median of ten samples 100 ms apart. */
async function settledRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    const rss = treeRss(pid);
    if (rss === null) throw new Error("cannot read the server's memory (needs Linux /proc)");
    samples.push(rss);
    await sleep(SAMPLE_EVERY_MS);
  }
  return percentile(samples, 0.5);
}

// ---------------------------------------------------------------- HTTP

interface UploadResult {
  status: number;
  body: string;
  ms: number;
}

/** POST /api/jobs with a raw text/csv body streamed from disk, never held in memory. */
function uploadFile(base: string, file: string): Promise<UploadResult> {
  const size = statSync(file).size;
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let settled = false;
    const finish = (e: Error | null, r?: UploadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (e) reject(e);
      else resolve(r!);
    };
    const req = request({
      host: hostname,
      port,
      method: "POST",
      path: `/api/jobs?filename=${encodeURIComponent(basename(file))}`,
      headers: { "content-type": "text/csv", "content-length": String(size) },
      // a connection of its own: a kept-alive socket idle for about the
      // server's 5 s keep-alive timeout can be closed just as the next upload
      // starts on it ("socket hang up", seen between two 1M uploads)
      agent: false,
    });
    const timer = setTimeout(
      () => req.destroy(new Error(`the upload took longer than ${UPLOAD_TIMEOUT_MS / 1000} s`)),
      UPLOAD_TIMEOUT_MS,
    );
    req.once("error", (e) => finish(e));
    req.once("response", (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on("data", (c: Buffer) => {
        if (kept < MB) chunks.push(c);
        kept += c.length;
      });
      res.once("error", (e) => finish(e));
      res.once("end", () =>
        finish(null, {
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          ms: performance.now() - started,
        }),
      );
    });
    const source = createReadStream(file, { highWaterMark: MB });
    source.once("error", (e) => req.destroy(e));
    source.pipe(req);
  });
}

async function uploadJob(base: string, file: string): Promise<{ job: JobDto; ms: number }> {
  const r = await uploadFile(base, file);
  if (r.status !== 202) throw new Error(`POST /api/jobs answered ${r.status}: ${r.body.slice(0, 500)}`);
  return { job: JSON.parse(r.body) as JobDto, ms: r.ms };
}

/** fetch, with the reason a request failed in the message ("fetch failed" alone says nothing) */
async function get(url: string): Promise<Response> {
  try {
    return await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    const why = cause instanceof Error ? `: ${cause.message}` : "";
    throw new Error(`GET ${url}: ${(e as Error).message}${why}`);
  }
}

async function getJson<T>(url: string): Promise<T> {
  const r = await get(url);
  const text = await r.text();
  if (!r.ok) throw new Error(`GET ${url} answered ${r.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/**
 * Polls the job until it reaches one of `until`; failed or cancelled (when not awaited) throws.
 * A few failed polls in a row are tolerated: a loaded machine can drop a connection.
 */
async function waitForJob(base: string, id: string, until: readonly JobStatus[]): Promise<JobDto> {
  const deadline = Date.now() + JOB_TIMEOUT_MS;
  let failures = 0;
  for (;;) {
    let job: JobDto;
    try {
      job = await getJson<JobDto>(`${base}/api/jobs/${id}`);
      failures = 0;
    } catch (e) {
      if (++failures >= 5 || Date.now() > deadline) throw e;
      process.stderr.write(`(poll failed, retrying: ${(e as Error).message}) `);
      await sleep(500);
      continue;
    }
    if (until.includes(job.status)) return job;
    if (job.status === "failed" || job.status === "cancelled")
      throw new Error(`job ${id} ${job.status}${job.error ? `: ${job.error}` : ""}`);
    if (Date.now() > deadline)
      throw new Error(`job ${id} still ${job.status} after ${JOB_TIMEOUT_MS / 1000} s`);
    await sleep(POLL_MS);
  }
}

/** a timestamp of the server's in ms (its clock is this process's: the same machine); NaN for none */
function serverMs(iso: string | null): number {
  return iso === null ? Number.NaN : Date.parse(iso);
}

/** when the server completed the job */
function finishedMs(job: JobDto): number {
  const at = serverMs(job.finishedAt);
  if (Number.isNaN(at)) throw new Error(`job ${job.id} is ${job.status} without a finishedAt`);
  return at;
}

function dataUrl(base: string, id: string, dataset: Dataset, filters: DataFilters, limit: number): string {
  const q = new URLSearchParams();
  if (filters.from) q.set("from", filters.from);
  if (filters.to) q.set("to", filters.to);
  for (const k of ["region", "category", "product"] as const)
    for (const v of filters[k] ?? []) q.append(k, v);
  q.set("limit", String(limit));
  return `${base}/api/jobs/${id}/data/${dataset}?${q}`;
}

/** ms for one request, the whole body read */
async function timeGet(url: string): Promise<number> {
  const started = performance.now();
  const r = await get(url);
  const text = await r.text();
  const ms = performance.now() - started;
  if (!r.ok) throw new Error(`GET ${url} answered ${r.status}: ${text.slice(0, 500)}`);
  return ms;
}

// ---------------------------------------------------------------- statistics and rows

/** nearest-rank percentile, p in 0..1 */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

// ---------------------------------------------------------------- 1. upload memory

interface UploadMemory {
  job: JobDto;
  lines: Measurement[];
}

async function measureUploadMemory(
  base: string,
  pid: number,
  file: string,
  rows: number,
): Promise<UploadMemory> {
  const size = statSync(file).size;
  const baseline = await settledRss(pid);
  const sampler = new RssSampler(pid);
  try {
    process.stderr.write(`server: uploading ${label(rows)} file (${mb(size)}) ... `);
    const { job, ms } = await uploadJob(base, file);
    // the 202 comes once the file is on disk and the job queued
    const uploadPeak = sampler.takePeak();
    process.stderr.write(`${(ms / 1000).toFixed(1)} s; processing ... `);
    const started = performance.now();
    const done = await waitForJob(base, job.id, ["completed"]);
    const jobPeak = sampler.takePeak();
    process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    const growth = uploadPeak - baseline;
    const name = `server: upload ${label(rows)} (${mb(size)})`;
    return {
      job: done,
      lines: [
        {
          name: `${name} RSS growth`,
          measured: mb(growth),
          target: `< ${UPLOAD_GROWTH_MB} MB${size >= 900 * MB ? "" : " (defined on 1 GB)"}`,
          ok: growth < UPLOAD_GROWTH_MB * MB,
        },
        {
          name: `${name} RSS: idle / upload peak / job peak`,
          measured: `${(baseline / MB).toFixed(0)} / ${(uploadPeak / MB).toFixed(0)} / ${mb(jobPeak)}`,
          target: "",
          ok: null,
        },
        {
          name: `${name} MB/s`,
          measured: (size / MB / (ms / 1000)).toFixed(0),
          target: "",
          ok: null,
        },
      ],
    };
  } finally {
    sampler.stop();
  }
}

// ---------------------------------------------------------------- 2. data latency

/** The page sizes the dashboard asks for (components/dashboard/results.tsx). */
const DASHBOARD_LIMIT: Record<"monthly" | "products" | "regions" | "categories", number> = {
  monthly: 1000,
  products: 25,
  regions: 1000,
  categories: 1000,
};

/** Filters a user would pick on this job: the middle half of its months, and its top region, category, product. */
async function pickFilters(
  base: string,
  id: string,
): Promise<{ name: string; label: string; filters: DataFilters }[]> {
  const months = (await getJson<DataPage<DatasetRow["monthly"]>>(dataUrl(base, id, "monthly", {}, 1000)))
    .rows;
  const first = <T>(rows: T[], what: string): T => {
    if (!rows[0]) throw new Error(`the job has no ${what} to filter by`);
    return rows[0];
  };
  const byRevenue = <T extends { revenue: number }>(rows: T[]) =>
    [...rows].sort((a, b) => b.revenue - a.revenue);
  const region = first(
    byRevenue((await getJson<DataPage<DatasetRow["regions"]>>(dataUrl(base, id, "regions", {}, 1000))).rows),
    "region",
  ).region;
  const category = first(
    byRevenue(
      (await getJson<DataPage<DatasetRow["categories"]>>(dataUrl(base, id, "categories", {}, 1000))).rows,
    ),
    "category",
  ).category;
  const product = first(
    byRevenue((await getJson<DataPage<DatasetRow["products"]>>(dataUrl(base, id, "products", {}, 25))).rows),
    "product",
  ).product;
  const sortedMonths = months.map((m) => m.month).sort();
  first(sortedMonths, "month");
  const from = sortedMonths[Math.floor(sortedMonths.length / 4)]!;
  const to = sortedMonths[Math.floor((sortedMonths.length * 3) / 4)]!;
  return [
    { name: "from/to", label: `${from}..${to}`, filters: { from, to } },
    { name: "region", label: region, filters: { region: [region] } },
    { name: "category", label: category, filters: { category: [category] } },
    { name: "product", label: product, filters: { product: [product] } },
  ];
}

async function measureDataLatency(base: string, job: JobDto, jobLabel: string): Promise<Measurement[]> {
  process.stderr.write(`server: data requests on the ${jobLabel} job ... `);
  const filtered = await pickFilters(base, job.id);
  const lines: Measurement[] = [];
  const row = (name: string, times: number[]): Measurement => {
    const p95 = percentile(times, 0.95);
    return {
      name,
      measured: `${percentile(times, 0.5).toFixed(1)} / ${p95.toFixed(1)} ms`,
      target: `p95 < ${DATA_P95_MS} ms`,
      ok: p95 < DATA_P95_MS,
    };
  };
  let slowest = { ms: 0, what: "" };
  for (const dataset of ["monthly", "products", "regions", "categories"] as const) {
    const timesFor = async (filters: DataFilters, what: string) => {
      const url = dataUrl(base, job.id, dataset, filters, DASHBOARD_LIMIT[dataset]);
      await timeGet(url); // warm-up
      const times: number[] = [];
      for (let i = 0; i < LATENCY_RUNS; i++) times.push(await timeGet(url));
      const p95 = percentile(times, 0.95);
      if (p95 > slowest.ms) slowest = { ms: p95, what: `${dataset} ${what}` };
      return times;
    };
    const plain = await timesFor({}, "unfiltered");
    const withFilters: number[] = [];
    for (const f of filtered) withFilters.push(...(await timesFor(f.filters, f.name)));
    const name = `server: data/${dataset} (${jobLabel} job)`;
    lines.push(
      row(`${name} no filter: median / p95`, plain),
      row(`${name} filtered: median / p95`, withFilters),
    );
  }
  lines.unshift({
    name: `server: data requests, ${LATENCY_RUNS} per kind after a warm-up; filters`,
    measured: filtered.map((f) => f.label).join("; "),
    target: "",
    ok: null,
  });
  lines.push({
    name: `server: slowest kind of data request (${slowest.what}): p95`,
    measured: `${slowest.ms.toFixed(1)} ms`,
    target: "",
    ok: null,
  });
  process.stderr.write("done\n");
  return lines;
}

// ---------------------------------------------------------------- 3. job overhead

async function measureJobOverhead(
  ctx: BenchContext,
  base: string,
  file: string,
  rows: number,
): Promise<Measurement[]> {
  // Alternated, so both see the same load on a shared machine; best of each.
  let bestJob = Number.POSITIVE_INFINITY;
  let bestCli = Number.POSITIVE_INFINITY;
  let breakdown = "";
  for (let i = 0; i < OVERHEAD_RUNS; i++) {
    process.stderr.write(`server: ${label(rows)} upload → completed, run ${i + 1} of ${OVERHEAD_RUNS} ... `);
    const started = Date.now();
    const { job, ms: uploadMs } = await uploadJob(base, file);
    const done = await waitForJob(base, job.id, ["completed"]);
    const jobMs = finishedMs(done) - started;
    if (jobMs < bestJob) {
      bestJob = jobMs;
      // where the time went, from the server's own timestamps
      const queuedMs = serverMs(done.startedAt) - serverMs(done.createdAt);
      const runMs = finishedMs(done) - serverMs(done.startedAt);
      const restMs = jobMs - uploadMs - queuedMs - runMs;
      breakdown = [uploadMs, queuedMs, runMs, restMs].map((t) => (t / 1000).toFixed(2)).join(" / ");
    }
    process.stderr.write(`${(jobMs / 1000).toFixed(2)} s; CLI ... `);
    // a job runs the core on one thread: compare with the CLI on one thread
    const cliMs = ctx.timeCli(file, { oneThread: true });
    bestCli = Math.min(bestCli, cliMs);
    process.stderr.write(`${(cliMs / 1000).toFixed(2)} s\n`);
  }
  const ratio = bestJob / bestCli;
  return [
    {
      name: `server: job ${label(rows)} upload → completed / CLI on one thread (best of ${OVERHEAD_RUNS})`,
      measured: `${(bestJob / 1000).toFixed(2)} s / ${(bestCli / 1000).toFixed(2)} s = ${ratio.toFixed(2)}×`,
      target: `≤ ${OVERHEAD_RATIO}×`,
      ok: ratio <= OVERHEAD_RATIO,
    },
    {
      name: "server: that job's seconds: upload / queued / running / the rest",
      measured: breakdown,
      target: "",
      ok: null,
    },
  ];
}

// ---------------------------------------------------------------- 4. a SKU-level job

async function measureSkuJob(ctx: BenchContext, base: string, rows: number): Promise<Measurement[]> {
  const file = join(ctx.scratch, "sku.csv");
  writeSkuFile(file, rows);
  const what = `${label(rows)} SKU-level`;
  process.stderr.write(`server: ${what} upload → completed ... `);
  const started = Date.now();
  const { job } = await uploadJob(base, file);
  const done = await waitForJob(base, job.id, ["completed"]);
  const jobMs = finishedMs(done) - started;
  process.stderr.write(`${(jobMs / 1000).toFixed(2)} s; CLI ... `);
  const cliMs = ctx.timeCli(file, { oneThread: true });
  process.stderr.write(`${(cliMs / 1000).toFixed(2)} s\n`);
  // the first request, as a user opening the dashboard meets it: the server
  // reads a job's rollup columns and makes their slices as the job completes
  const firstMs = await timeGet(dataUrl(base, done.id, "monthly", {}, DASHBOARD_LIMIT.monthly));
  return [
    {
      name: `server: job ${what} (${SKU_PRODUCTS} products) upload → completed / CLI on one thread`,
      measured: `${(jobMs / 1000).toFixed(2)} s / ${(cliMs / 1000).toFixed(2)} s = ${(jobMs / cliMs).toFixed(2)}×`,
      target: `≤ ${OVERHEAD_RATIO}×`,
      ok: jobMs / cliMs <= OVERHEAD_RATIO,
    },
    {
      name: `server: ${what} job's first data request`,
      measured: `${firstMs.toFixed(1)} ms`,
      target: "",
      ok: null,
    },
    ...(await measureDataLatency(base, done, what)),
  ];
}

// ---------------------------------------------------------------- the measurement

export const measureServer: MeasureFn = async (ctx) => {
  const uploadRows = ctx.options.rows ?? (ctx.options.quick ? 1_000_000 : 10_000_000);
  const overheadRows = ctx.options.rows ?? 1_000_000;
  const uploadPath = ctx.sampleFile(uploadRows);
  const overheadPath = ctx.sampleFile(overheadRows);
  const warmupPath = join(ctx.scratch, "warmup.csv");
  generateFile(warmupPath, 10_000);
  ensureBuild(ctx.root);

  const dataDir = mkdtempSync(join(tmpdir(), "sales-bench-server-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATA_DIR: dataDir,
    MAX_UPLOAD_MB: String(Math.max(2048, Math.ceil((statSync(uploadPath).size * 2) / MB))),
  };
  // the database belongs in the temporary DATA_DIR, whatever the caller's shell says
  delete env.DATABASE_URL;
  let server: BenchServer | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(ctx.scratch, { recursive: true, force: true });
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    process.stderr.write("server: starting next start ... ");
    server = await startServer(ctx.root, env);
    process.stderr.write(`${server.url}, pid ${server.pid}\n`);
    const base = server.url;
    // Warm-up: the upload, job and data routes loaded, a worker run once,
    // so the baseline is the server as it idles after its first job.
    const warm = await uploadJob(base, warmupPath);
    await waitForJob(base, warm.job.id, ["completed"]);
    await getJson(dataUrl(base, warm.job.id, "monthly", {}, 1000));

    const upload = await measureUploadMemory(base, server.pid, uploadPath, uploadRows);
    const latency = await measureDataLatency(base, upload.job, label(uploadRows));
    const overhead = await measureJobOverhead(ctx, base, overheadPath, overheadRows);
    const sku = await measureSkuJob(ctx, base, overheadRows);
    const rowsRead = upload.job.summary?.rowsRead;
    return [
      ...upload.lines,
      ...latency,
      ...overhead,
      ...sku,
      {
        name: `server: ${label(uploadRows)} job rows read`,
        measured: rowsRead === undefined ? "?" : formatCount(rowsRead),
        target: "",
        ok: null,
      },
    ];
  } catch (e) {
    // the server's own output usually says why
    if (server) {
      const state = server.alive() ? "is still running" : "exited";
      const tail = server.log().slice(-4000);
      throw new Error(`${(e as Error).message}\nthe server ${state}; its last output:\n${tail}`);
    }
    throw e;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
