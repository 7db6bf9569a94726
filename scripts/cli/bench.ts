// npm run bench [-- --quick] [-- --rows N] [-- --no-server | --server]
// Measures the core, the CLI and the production server (SPEC §13, issue 3) and
// prints each figure beside its target. Every core measurement runs in a fresh
// child process (one worker thread, as a job runs), so the peak RSS it reports
// belongs to that file alone. The server measurements (bench-server.ts) start
// `next start` on a temporary DATA_DIR, building first if there is no build.
//
// To add a measurement, write a MeasureFn and append it to MEASUREMENTS below.
import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { generateSampleBytes } from "../../lib/pipeline/generate";
import { CORE_WORKER_LIMITS } from "../../lib/pipeline/run-file";
import { CORE_PROCESS_FLAGS } from "../node-flags.mjs";
import { measureServer } from "./bench-server";
import type { BenchWorkerInput, BenchWorkerOutput } from "./bench-worker";
import { formatCount, generateFile, label, runMain, SKU_PRODUCTS, UsageError, writeSkuFile } from "./common";

const USAGE = [
  "usage: npm run bench [-- --quick] [-- --rows N] [-- --no-server | --server]",
  "  --quick      the 1M-row file only (the server's upload too)",
  "  --rows N     one N-row file instead of 1M and 10M",
  "  --no-server  core, CLI and generator only: no build, no server",
  "  --server     the server measurements only",
].join("\n");

// This file runs bundled as node_modules/.cache/sales-cli/bench.mjs (scripts/run.mjs).
const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SAMPLE_ERROR_RATE = 0.15;
const SAMPLE_SEED = 42;
const MB = 1024 * 1024;

export interface BenchOptions {
  quick: boolean;
  /** --rows N: measure one file of N rows instead of the standard sizes */
  rows: number | null;
  /** which measurements run: all (default), --no-server, or --server */
  scope: "all" | "no-server" | "server";
}

export interface BenchContext {
  options: BenchOptions;
  root: string;
  /** data/bench: generated inputs, reused between runs */
  benchDir: string;
  /** a scratch folder, removed after the bench */
  scratch: string;
  /** path of a generated sample file of `rows` rows (errorRate 0.15, seed 42), made once */
  sampleFile(rows: number): string;
  /** wall time in ms of `npm run pipeline <file> --out <scratch dir>`, process start included */
  timeCli(file: string, opts?: { oneThread?: boolean }): number;
}

/** One line of the report. `ok` null: informational, no target. */
export interface Measurement {
  name: string;
  measured: string;
  target: string;
  ok: boolean | null;
}

export type MeasureFn = (ctx: BenchContext) => Measurement[] | Promise<Measurement[]>;

// ---------------------------------------------------------------- inputs

interface SampleMarker {
  rows: number;
  errorRate: number;
  seed: number;
  bytes: number;
}

/**
 * True when `file` is what the generator makes today: the marker matches, the
 * size matches, and the first rows equal a fresh generation (the first rows do
 * not depend on the total), so a changed generator invalidates old files.
 */
function sampleIsCurrent(file: string, marker: string, rows: number): boolean {
  if (!existsSync(file) || !existsSync(marker)) return false;
  let m: SampleMarker;
  try {
    m = JSON.parse(readFileSync(marker, "utf8")) as SampleMarker;
  } catch {
    return false;
  }
  if (m.rows !== rows || m.errorRate !== SAMPLE_ERROR_RATE || m.seed !== SAMPLE_SEED) return false;
  if (statSync(file).size !== m.bytes) return false;
  const chunks: Uint8Array[] = [];
  generateSampleBytes({ rows: Math.min(rows, 2000), errorRate: SAMPLE_ERROR_RATE, seed: SAMPLE_SEED }, (c) =>
    chunks.push(c.slice()),
  );
  const expected = Buffer.concat(chunks);
  const actual = Buffer.alloc(expected.length);
  const fd = openSync(file, "r");
  try {
    readSync(fd, actual, 0, actual.length, 0);
  } finally {
    closeSync(fd);
  }
  return actual.equals(expected);
}

function sampleFile(benchDir: string, rows: number): string {
  const file = join(benchDir, `${label(rows)}.csv`);
  const marker = `${file}.json`;
  if (sampleIsCurrent(file, marker, rows)) return file;
  process.stderr.write(`generating ${formatCount(rows)} rows → ${file} ... `);
  rmSync(marker, { force: true });
  const started = performance.now();
  const bytes = generateFile(file, rows, SAMPLE_ERROR_RATE, SAMPLE_SEED);
  const m: SampleMarker = { rows, errorRate: SAMPLE_ERROR_RATE, seed: SAMPLE_SEED, bytes };
  writeFileSync(marker, `${JSON.stringify(m)}\n`);
  process.stderr.write(
    `${((performance.now() - started) / 1000).toFixed(1)} s, ${(bytes / MB).toFixed(0)} MB\n`,
  );
  return file;
}

// ---------------------------------------------------------------- core, in a child process

interface CoreRun extends BenchWorkerOutput {
  wallMs: number;
  maxRssBytes: number;
  bytes: number;
}

/** Child side: one worker thread runs the core; report its figures and this process's peak RSS. */
async function childCore(file: string, rejectedPath: string): Promise<void> {
  const started = performance.now();
  const input: BenchWorkerInput = { file, rejectedPath };
  const out = await new Promise<BenchWorkerOutput>((resolve, reject) => {
    const worker = new Worker(new URL("./bench-worker.mjs", import.meta.url), {
      workerData: input,
      resourceLimits: CORE_WORKER_LIMITS,
    });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) =>
      reject(new Error(`bench worker exited with code ${code} before reporting`)),
    );
  });
  const run: CoreRun = {
    ...out,
    wallMs: performance.now() - started,
    // kilobytes on Linux and macOS
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    bytes: statSync(file).size,
  };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

/** Child side of the baseline: the same process shape with a worker that does nothing. */
async function childBaseline(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const worker = new Worker("require('node:worker_threads').parentPort.postMessage(0)", { eval: true });
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  process.stdout.write(`${JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
}

/** a child process measuring the core, started as the server is (node-flags.mjs) */
function runChild(args: string[]): unknown {
  const r = spawnSync(process.execPath, [...CORE_PROCESS_FLAGS, SELF, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`bench child ${args.join(" ")} failed (exit ${r.status ?? r.signal})`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "");
}

function runCoreChild(ctx: BenchContext, file: string): CoreRun {
  const rejectedPath = join(ctx.scratch, "rejected_rows.csv");
  try {
    return runChild(["--child-core", file, rejectedPath]) as CoreRun;
  } finally {
    rmSync(rejectedPath, { force: true });
  }
}

/** Best of `times` runs by core time; small files are noisy on a shared machine. */
function bestOf<T>(times: number, run: () => T, key: (t: T) => number): T {
  let best = run();
  for (let i = 1; i < times; i++) {
    const next = run();
    if (key(next) < key(best)) best = next;
  }
  return best;
}

const CORE_ROWS_PER_SECOND = 1_500_000;
const PEAK_RSS_MB = 150;
const CLI_ROWS_PER_SECOND = 1_000_000;

function coreSizes(o: BenchOptions): number[] {
  if (o.rows !== null) return [o.rows];
  return o.quick ? [1_000_000] : [1_000_000, 10_000_000];
}

const measureCore: MeasureFn = (ctx) => {
  // What the process costs before the core reads a byte: puts the peak RSS figures in proportion.
  const baseline = runChild(["--child-baseline"]) as { maxRssBytes: number };
  const lines: Measurement[] = [
    {
      name: "baseline: node + 1 idle worker, peak RSS",
      measured: `${(baseline.maxRssBytes / MB).toFixed(0)} MB`,
      target: "",
      ok: null,
    },
  ];
  for (const rows of coreSizes(ctx.options)) {
    const file = ctx.sampleFile(rows);
    const tries = rows <= 2_000_000 ? 2 : 1;
    process.stderr.write(`core: ${label(rows)} file, ${tries === 1 ? "1 run" : `best of ${tries}`} ... `);
    const run = bestOf(
      tries,
      () => runCoreChild(ctx, file),
      (r) => r.coreMs,
    );
    const secs = run.coreMs / 1000;
    const rowsPerSecond = run.rowsRead / secs;
    process.stderr.write(`${secs.toFixed(2)} s\n`);
    const name = `core ${label(rows)} (${(run.bytes / MB).toFixed(0)} MB, 1 worker)`;
    const onTarget = rows === 1_000_000;
    lines.push(
      {
        name: `${name} rows/s`,
        measured: formatCount(rowsPerSecond),
        target: onTarget ? `≥ ${formatCount(CORE_ROWS_PER_SECOND)}` : "",
        ok: onTarget ? rowsPerSecond >= CORE_ROWS_PER_SECOND : null,
      },
      { name: `${name} MB/s`, measured: (run.bytes / MB / secs).toFixed(0), target: "", ok: null },
      {
        name: `${name} seconds: core / with worker start`,
        measured: `${secs.toFixed(2)} / ${(run.wallMs / 1000).toFixed(2)}`,
        target: "",
        ok: null,
      },
      {
        name: `${name} peak RSS`,
        measured: `${(run.maxRssBytes / MB).toFixed(0)} MB`,
        target: `< ${PEAK_RSS_MB} MB`,
        ok: run.maxRssBytes < PEAK_RSS_MB * MB,
      },
      {
        name: `${name} rows read / rejected`,
        measured: `${formatCount(run.rowsRead)} / ${formatCount(run.rowsRejected)}`,
        target: "",
        ok: null,
      },
    );
  }
  // a SKU-level file: rollup cells, names and sketches by the thousand, as a real export has them
  const skuRows = ctx.options.rows ?? 1_000_000;
  const sku = join(ctx.scratch, "sku-core.csv");
  writeSkuFile(sku, skuRows);
  process.stderr.write(`core: ${label(skuRows)} SKU-level file ... `);
  const run = runCoreChild(ctx, sku);
  rmSync(sku, { force: true });
  process.stderr.write(`${(run.coreMs / 1000).toFixed(2)} s\n`);
  lines.push({
    name: `core ${label(skuRows)} SKU-level (${SKU_PRODUCTS} products, 1 worker): rows/s, peak RSS`,
    measured: `${formatCount(run.rowsRead / (run.coreMs / 1000))}, ${(run.maxRssBytes / MB).toFixed(0)} MB`,
    target: "",
    ok: null,
  });
  return lines;
};

// ---------------------------------------------------------------- CLI end to end

/** Wall time (ms) of `npm run pipeline -- <file> --out <dir>`'s command, as a user runs it. */
function timeCli(scratch: string, file: string, opts: { oneThread?: boolean } = {}): number {
  const out = join(scratch, "cli-out");
  // Rebuild stale bundles (lib/ may have changed since this bench started) outside the timing:
  // without arguments the command only checks its bundle and prints its usage.
  spawnSync(process.execPath, [join(ROOT, "scripts", "run.mjs"), "pipeline"], { cwd: ROOT, stdio: "ignore" });
  rmSync(out, { recursive: true, force: true });
  try {
    const started = performance.now();
    const r = spawnSync(
      process.execPath,
      // the node flag of package.json's "pipeline" script
      ["--max-semi-space-size=4", join(ROOT, "scripts", "run.mjs"), "pipeline", file, "--out", out],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
        encoding: "utf8",
        // large files run on two threads unless the threshold is out of reach
        env: opts.oneThread ? { ...process.env, SALES_PARALLEL_MIN_BYTES: String(2 ** 52) } : process.env,
      },
    );
    const ms = performance.now() - started;
    if (r.status !== 0)
      throw new Error(`npm run pipeline failed (exit ${r.status ?? r.signal}):\n${r.stderr}`);
    if (!existsSync(join(out, "summary.json"))) throw new Error("npm run pipeline wrote no summary.json");
    return ms;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** `npm run pipeline` as a user runs it, process start included, on a messy file (~10% quoted rows). */
const measureCli: MeasureFn = (ctx) => {
  const rows = ctx.options.rows ?? (ctx.options.quick ? 1_000_000 : 2_000_000);
  const file = ctx.sampleFile(rows);
  process.stderr.write(`cli: ${label(rows)} file, best of 2 ... `);
  const ms = bestOf(
    2,
    () => ctx.timeCli(file),
    (t) => t,
  );
  process.stderr.write(`${(ms / 1000).toFixed(2)} s\n`);
  const rowsPerSecond = rows / (ms / 1000);
  const lines: Measurement[] = [
    {
      name: `CLI end to end ${label(rows)} (process start included)`,
      measured: `${formatCount(rowsPerSecond)} rows/s`,
      target: `≥ ${formatCount(CLI_ROWS_PER_SECOND)} rows/s${rows === 2_000_000 ? "" : " (defined on 2M)"}`,
      ok: rowsPerSecond >= CLI_ROWS_PER_SECOND,
    },
  ];
  // Files under 256 MiB run on one thread (parallel.ts); the 10M file shows the two-thread path.
  if (ctx.options.rows === null && !ctx.options.quick) {
    const big = ctx.sampleFile(10_000_000);
    process.stderr.write("cli: 10m file, one run each on two threads and on one ... ");
    const two = ctx.timeCli(big);
    const one = ctx.timeCli(big, { oneThread: true });
    process.stderr.write(`${(two / 1000).toFixed(2)} s / ${(one / 1000).toFixed(2)} s\n`);
    lines.push({
      name: "CLI end to end 10m: two threads / one thread",
      measured: `${formatCount(10_000_000 / (two / 1000))} / ${formatCount(10_000_000 / (one / 1000))} rows/s`,
      target: "",
      ok: null,
    });
  }
  return lines;
};

// ---------------------------------------------------------------- generator

const GENERATE_ROWS_PER_SECOND = 1_000_000;

/** The sample generator in memory (no disk): what a 10M-row bench file or a sample job costs to make. */
const measureGenerator: MeasureFn = () => {
  const rows = 1_000_000;
  const secs = bestOf(
    2,
    () => {
      const started = performance.now();
      // the chunks are produced and dropped: this times the generator alone
      generateSampleBytes({ rows, errorRate: SAMPLE_ERROR_RATE, seed: SAMPLE_SEED }, () => {});
      return (performance.now() - started) / 1000;
    },
    (t) => t,
  );
  return [
    {
      name: "generator, 1m rows in memory",
      measured: `${formatCount(rows / secs)} rows/s`,
      target: `≥ ${formatCount(GENERATE_ROWS_PER_SECOND)} rows/s`,
      ok: rows / secs >= GENERATE_ROWS_PER_SECOND,
    },
  ];
};

// ---------------------------------------------------------------- the list

/**
 * Run in order; each adds lines to the table. Extension point for more measurements.
 * `server`: needs the production server (skipped by --no-server, the only ones run by --server).
 */
export const MEASUREMENTS: { name: string; server: boolean; run: MeasureFn }[] = [
  { name: "core", server: false, run: measureCore },
  { name: "cli", server: false, run: measureCli },
  { name: "generator", server: false, run: measureGenerator },
  { name: "server", server: true, run: measureServer },
];

// ---------------------------------------------------------------- report

function printTable(lines: Measurement[]): void {
  const rows = [
    ["measurement", "measured", "target", ""],
    ...lines.map((l) => [l.name, l.measured, l.target, l.ok === null ? "" : l.ok ? "ok" : "MISSED"]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    `${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padStart(widths[1]!)}  ${r[2]!.padEnd(widths[2]!)}  ${r[3]}`.trimEnd();
  console.log(fmt(rows[0]!));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows.slice(1)) console.log(fmt(r));
  const judged = lines.filter((l) => l.ok !== null);
  const met = judged.filter((l) => l.ok).length;
  console.log(`\n${met} of ${judged.length} targets met (node ${process.version}, ${process.platform})`);
}

function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean" },
      rows: { type: "string" },
      server: { type: "boolean" },
      "no-server": { type: "boolean" },
    },
  });
  if (values.server && values["no-server"])
    throw new UsageError("--server and --no-server exclude each other");
  let rows: number | null = null;
  if (values.rows !== undefined) {
    rows = Number(values.rows.replaceAll("_", ""));
    if (!Number.isSafeInteger(rows) || rows < 1)
      throw new UsageError(`--rows must be a whole number ≥ 1, got "${values.rows}"`);
  }
  const scope = values.server ? "server" : values["no-server"] ? "no-server" : "all";
  return { quick: values.quick === true, rows, scope };
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === "--child-baseline") {
    await childBaseline();
    return;
  }
  if (argv[0] === "--child-core") {
    const [, file, rejectedPath] = argv;
    if (!file || !rejectedPath) throw new Error("--child-core needs <file> <rejected path>");
    await childCore(file, rejectedPath);
    return;
  }
  const options = parseOptions(argv);
  const benchDir = join(ROOT, "data", "bench");
  const scratch = mkdtempSync(join(tmpdir(), "sales-bench-"));
  const ctx: BenchContext = {
    options,
    root: ROOT,
    benchDir,
    scratch,
    sampleFile: (rows) => sampleFile(benchDir, rows),
    timeCli: (file, opts) => timeCli(scratch, file, opts),
  };
  const lines: Measurement[] = [];
  try {
    for (const m of MEASUREMENTS) {
      if (options.scope === "no-server" && m.server) continue;
      if (options.scope === "server" && !m.server) continue;
      // One failing measurement (no build, a busy port...) still leaves the others' figures.
      try {
        lines.push(...(await m.run(ctx)));
      } catch (err) {
        process.stderr.write(`\n${m.name}: ${err instanceof Error ? err.message : String(err)}\n`);
        lines.push({ name: `${m.name}: failed (see above)`, measured: "—", target: "", ok: false });
        process.exitCode = 1;
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log("");
  printTable(lines);
}

await runMain(USAGE, () => main(process.argv.slice(2)));
