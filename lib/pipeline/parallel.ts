// Two threads over one file (SPEC §2–7 with the mergeable state of state.ts):
// the file is cut at a line break near its middle, each half runs through its
// own Pipeline in a worker thread, and the two aggregate states merge into
// exactly the state of one pass. Used by the CLI on large files, unless the
// file's first megabyte shows a large catalog (rowsPerProduct): then the
// halves' states would cost more to clone and merge than the threads save.
//
// What keeps the halves exact:
// - both halves settle day-first as one pass does: the first from its own
//   first 10,000 rows, the second by reading the header and those rows at the
//   head of the file before its range (while the first half runs: nothing
//   waits for it; a first half shorter than that head reads it too);
// - the second half reads the header's bytes, then its range, numbering lines
//   from the count of line breaks before the cut;
// - the first half must end exactly at a record boundary at the cut (a quoted
//   field with a line break can straddle it) and both halves must settle the
//   same encoding; otherwise the file runs again on one thread (runFile),
//   which handles all of these;
// - when the merged fences need the anomaly second pass, it reads the whole
//   file on this thread with the merged state (Pipeline.rescanOf).
// The answer never depends on which way it went.
import { closeSync, fstatSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { Pipeline } from "./core";
import { type Encoding, EncodingRestart } from "./decode";
import { computeFences, finalize } from "./finalize";
import { groupKey } from "./names";
import { openRejectedWriter, REJECTED_HEADER } from "./outputs";
import { CORE_WORKER_LIMITS, pushFileRange, runFile } from "./run-file";
import { QuantileSketch } from "./sketch";
import { type AggregateState, mergeStates } from "./state";
import { type PipelineOptions, PipelineError, type PipelineResult, type Progress } from "./types";

/**
 * Files smaller than this run on one thread. Each half's worker starts cold:
 * on two cores both run interpreted while V8 compiles the same code twice on
 * the same cores, and only a long file earns that back. `npm run pipeline`
 * on the bench's generated files here, one thread against two (four
 * alternated runs of each): 31 MB 0.61–0.75 s against 0.95–1.09 s, 103 MB
 * 1.02–1.05 s against 1.21–1.38 s, 124 MB 1.08–1.44 against 1.31–1.53, 206 MB
 * even (1.59–1.88 against 1.59–1.87), 1 GB 7.4 s against 4.6 s. The threshold
 * was 24 MB, set when the core was slower. SALES_PARALLEL_MIN_BYTES overrides
 * it (tests use small files).
 */
function parallelMinBytes(): number {
  const env = Number(process.env.SALES_PARALLEL_MIN_BYTES);
  return Number.isInteger(env) && env > 0 ? env : 256 << 20;
}
/**
 * Two threads need about this many rows per product to pay off. Each half's
 * state grows with the catalog (key groups, anomaly sketches, rollup cells)
 * and is cloned and merged on one thread: a 1M-row file of 5,000 products
 * (200 rows each) took 4.1 s on two threads and 3.8–4.0 s on one, one of
 * 50,000 products 9–11 s against 6.2 s. SALES_PARALLEL_MIN_ROWS_PER_PRODUCT
 * overrides it (tests: 0).
 */
function minRowsPerProduct(): number {
  const env = process.env.SALES_PARALLEL_MIN_ROWS_PER_PRODUCT;
  const n = env === undefined || env === "" ? Number.NaN : Number(env);
  return Number.isFinite(n) && n >= 0 ? n : 500;
}
/** the head of the file that estimates its rows per product */
const CATALOG_SAMPLE = 1 << 20;
const CHUNK = 1 << 20;
/** the header (at most 4 MiB) and the day-first sample (at most 16 MiB after it) end within this */
const HEAD_BYTES = 24 * CHUNK;

/** what a range worker is given */
export interface RangeJob {
  path: string;
  /**
   * The bytes [start, end) of the file. With `start` 0 the range holds the
   * header; otherwise the worker first reads the head of the file for the
   * header's bytes and the day-first decision (headOf), then the range. A
   * first half shorter than the head takes the decision from headOf too.
   */
  start: number;
  end: number;
  options: PipelineOptions;
  /**
   * For the second half: the line number of its first record, filled in by
   * the main thread while the worker starts (0 until then, -1 if counting
   * failed); the worker waits for it before reading.
   */
  startLine?: BigInt64Array;
  rejectedPath: string;
}

/** the line number a worker was given, once the main thread has counted it */
function awaitStartLine(shared: BigInt64Array | undefined): number | undefined {
  if (shared === undefined) return undefined;
  Atomics.wait(shared, 0, 0n);
  const line = Number(Atomics.load(shared, 0));
  if (line < 0) throw new Error("counting the lines before the cut failed");
  return line;
}

/** what a range worker posts */
export type RangeMessage =
  | { type: "progress"; bytes: number; rows: number }
  | { type: "done"; state: AggregateState | null; encoding: Encoding | null; boundary: boolean }
  | { type: "restart" }
  /** the second half cannot start at its cut: no header and day-first decision in the file's head, or a header past the cut */
  | { type: "no-head" }
  | { type: "error"; pipelineError: boolean; code: string; message: string; details?: unknown };

/** Runs a RangeJob (inside the worker thread); returns the message to post. */
export function runRange(job: RangeJob, onProgress: (bytes: number, rows: number) => void): RangeMessage {
  const rejected = openRejectedWriter(job.rejectedPath);
  try {
    const fd = openSync(job.path, "r");
    try {
      const size = fstatSync(fd).size;
      let ranges: [number, number][] = [[job.start, job.end]];
      let options = job.options;
      // a first half that ends within the head could see a day-first sample cut short
      if (job.start > 0 || job.end < HEAD_BYTES) {
        const head = headOf(fd, size, job.options);
        if (head === null || head.headerEnd > (job.start > 0 ? job.start : job.end))
          return { type: "no-head" };
        if (job.start > 0) ranges = [[0, head.headerEnd], ...ranges];
        options = { ...options, dayFirst: head.dayFirst };
      }
      const startLine = awaitStartLine(job.startLine);
      const p = new Pipeline(options, rejected.sink, { startLine, rejectBytes: rejected.sinkBytes });
      let last = Date.now();
      const report = () => {
        const now = Date.now();
        if (now - last > 200) {
          last = now;
          onProgress(p.bytesRead, p.rowsRead);
        }
      };
      for (const [start, end] of ranges) pushFileRange(p, fd, start, end, report);
      onProgress(p.bytesRead, p.rowsRead);
      // The first half must end at a record's end; the second ends with the
      // file, whose last line needs no line break (a Google Sheets export has
      // none): endRange reads it as end() does. Asking that of the second half
      // too sent every such file back to one thread after both had run.
      if (job.end < size && !p.atRecordBoundary)
        return { type: "done", state: null, encoding: null, boundary: false };
      const state = p.endRange();
      // the cells' figures are a view of the pass's larger array: posted as they are, all of it would go
      state.cells.sums = state.cells.sums.slice();
      return { type: "done", state, encoding: p.encodingSeen, boundary: true };
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if (e instanceof EncodingRestart) return { type: "restart" };
    if (e instanceof PipelineError)
      return { type: "error", pipelineError: true, code: e.code, message: e.message, details: e.details };
    return {
      type: "error",
      pipelineError: false,
      code: "internal",
      message: String((e as Error)?.stack ?? e),
    };
  } finally {
    rejected.close();
  }
}

/**
 * The buffers of a range's message that move to the receiving thread instead
 * of being copied: the cells' arrays (the worker is done with them). Moving
 * them took a 1M-row, 50,000-product state's trip from 2.5 s to 1.7 s;
 * moving each anomaly group's small arrays as well made it slower (3.3 s).
 */
export function transferablesOf(m: RangeMessage): ArrayBuffer[] {
  if (m.type !== "done" || m.state === null) return [];
  const c = m.state.cells;
  const buffers = new Set<ArrayBuffer>();
  for (const a of [c.product, c.region, c.category, c.monthKey, c.sums])
    if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  return [...buffers];
}

/** a state that crossed a thread boundary: its sketches lost their class */
function revive(state: AggregateState): AggregateState {
  Object.setPrototypeOf(state.globalSketch, QuantileSketch.prototype);
  for (const g of state.anomalyGroups) if (g) Object.setPrototypeOf(g.sketch, QuantileSketch.prototype);
  return state;
}

export interface ParallelHooks {
  onProgress?: (p: Progress) => void;
  progressEveryMs?: number;
  /** how the file was run: "two threads", or one thread and why */
  onPlan?: (how: string) => void;
}

/**
 * Runs the core over a file on two threads when it is large enough (and on
 * one otherwise), writing rejected rows to `rejectedPath`. `workerUrl` is the
 * script that calls runRange (scripts/cli/pipeline-worker.ts, bundled).
 */
export async function runFileParallel(
  path: string,
  options: PipelineOptions,
  rejectedPath: string,
  workerUrl: URL,
  hooks: ParallelHooks = {},
): Promise<PipelineResult> {
  const started = Date.now();
  let fd = openSync(path, "r");
  let split: number;
  let size: number;
  try {
    size = fstatSync(fd).size;
    split = size >= parallelMinBytes() ? cutPoint(fd, size) : -1;
  } finally {
    closeSync(fd);
  }
  if (split < 0) {
    hooks.onPlan?.(size < parallelMinBytes() ? "one thread: small file" : "one thread: no cut point");
    return runOneThread(path, options, rejectedPath, hooks);
  }

  const secondPart = `${rejectedPath}.part2`;
  const progress = [0, 0, 0, 0]; // bytes and rows of each half
  let lastReport = 0;
  /** the second pass for the anomalies, once it runs */
  let rescan: Pipeline | null = null;
  const report = (final = false) => {
    const now = Date.now();
    if (!hooks.onProgress || (!final && now - lastReport < (hooks.progressEveryMs ?? 500))) return;
    lastReport = now;
    const rows = (progress[1] as number) + (progress[3] as number);
    hooks.onProgress({
      bytesRead: rescan
        ? rescan.bytesRead
        : Math.min(size, (progress[0] as number) + (progress[2] as number)),
      totalBytes: size,
      rowsRead: rows,
      rowsPerSecond: Math.round(rows / Math.max((now - started) / 1000, 0.001)),
      ...(rescan ? { secondPass: true } : {}),
    });
  };
  const workers: Worker[] = [];
  const start = (job: RangeJob, slot: number) =>
    new Promise<RangeMessage>((resolve, reject) => {
      const w = new Worker(workerUrl, { workerData: job, resourceLimits: CORE_WORKER_LIMITS });
      workers.push(w);
      w.on("message", (m: RangeMessage) => {
        if (m.type === "progress") {
          progress[slot * 2] = m.bytes;
          progress[slot * 2 + 1] = m.rows;
          report();
        } else resolve(m);
      });
      w.on("error", reject);
      w.on("exit", (code) => reject(new Error(`range worker exited with code ${code}`)));
    });

  let results: RangeMessage[];
  try {
    // both halves start at once; the second waits (while its thread starts up,
    // which takes about as long) for the count of line breaks before the cut
    const startLine = new BigInt64Array(new SharedArrayBuffer(8));
    const first = start({ path, start: 0, end: split, options, rejectedPath }, 0);
    first.catch(() => {});
    const second = start({ path, start: split, end: size, options, startLine, rejectedPath: secondPart }, 1);
    second.catch(() => {});
    let line = -1n;
    try {
      fd = openSync(path, "r");
      try {
        line = BigInt(1 + countLineBreaks(fd, split));
      } finally {
        closeSync(fd);
      }
    } finally {
      Atomics.store(startLine, 0, line);
      Atomics.notify(startLine, 0);
    }
    const perProduct = rowsPerProduct(path, size, options);
    if (perProduct < minRowsPerProduct()) {
      await Promise.all(workers.map((w) => w.terminate()));
      rmSync(secondPart, { force: true });
      hooks.onPlan?.(`one thread: a large catalog (~${Math.round(perProduct)} rows per product)`);
      return runOneThread(path, options, rejectedPath, hooks);
    }
    results = await Promise.all([first, second]);
  } catch (e) {
    // a worker crashed (or could not start): stop the other one too
    await Promise.all(workers.map((w) => w.terminate()));
    rmSync(secondPart, { force: true });
    throw e;
  }
  const [a, b] = results as [RangeMessage, RangeMessage];
  for (const m of [a, b]) {
    if (m.type === "error" && !m.pipelineError) {
      rmSync(secondPart, { force: true });
      throw new Error(m.message);
    }
  }
  // a data error (no rows in a half, say) or any doubt: one thread decides
  const fallBack = (why: string) => {
    rmSync(secondPart, { force: true });
    hooks.onPlan?.(`one thread: ${why}`);
    return runOneThread(path, options, rejectedPath, hooks);
  };
  if (a.type === "restart" || b.type === "restart") return fallBack("encoding restart");
  if (a.type === "no-head" || b.type === "no-head")
    return fallBack("no header and day-first decision before the cut");
  if (a.type !== "done" || b.type !== "done") return fallBack("error in a half");
  if (!a.boundary || !a.state || !b.state) return fallBack("the cut is inside a record");
  if (a.encoding !== null && b.encoding !== null && a.encoding !== b.encoding)
    return fallBack("the halves differ in encoding");
  // both settled it from the same rows (a safeguard)
  if (a.state.dayFirst !== b.state.dayFirst) return fallBack("the halves differ in day-first");
  const merged = mergeStates(revive(a.state), revive(b.state));
  merged.encoding = a.encoding === "windows-1252" || b.encoding === "windows-1252" ? "windows-1252" : "utf-8";
  const fences = computeFences(merged, options);
  appendWithoutHeader(rejectedPath, secondPart);
  rmSync(secondPart, { force: true });
  if (fences.candidatesComplete) {
    hooks.onPlan?.("two threads");
    const result = finalize(merged, options, Date.now() - started, fences);
    progress[0] = size;
    progress[2] = 0;
    report(true);
    return result;
  }
  // rows a threshold left out may be anomalies after all: the whole file once
  // more on this thread, for the anomalies only (the merged state has the rest)
  hooks.onPlan?.("two threads, then one for the anomalies' second pass");
  const second = Pipeline.rescanOf(merged, fences, options, Date.now() - started);
  rescan = second;
  fd = openSync(path, "r");
  try {
    pushFileRange(second, fd, 0, size, () => report());
  } finally {
    closeSync(fd);
  }
  second.end();
  report(true);
  return second.result();
}

function runOneThread(
  path: string,
  options: PipelineOptions,
  rejectedPath: string,
  hooks: ParallelHooks,
): PipelineResult {
  const rejected = openRejectedWriter(rejectedPath);
  try {
    return runFile(path, options, {
      onProgress: hooks.onProgress,
      progressEveryMs: hooks.progressEveryMs,
      onRejected: rejected.sink,
      onRejectedBytes: rejected.sinkBytes,
      onRestart: rejected.reset,
    });
  } finally {
    rejected.close();
  }
}

/**
 * The header's end and the day-first decision, as one pass settles them, from
 * the head of the file (the header is at most 4 MiB and the day-first sample
 * ends within 16 MiB after it); null when the head does not settle both (a
 * header error: runFile reports those).
 */
function headOf(
  fd: number,
  size: number,
  options: PipelineOptions,
): { headerEnd: number; dayFirst: boolean } | null {
  const probe = new Pipeline(options, undefined, { probe: true });
  const buf = new Uint8Array(CHUNK);
  let pos = 0;
  try {
    while ((probe.headerEnd < 0 || probe.dayFirstDecision === null) && pos < Math.min(size, HEAD_BYTES)) {
      const n = readSync(fd, buf, 0, CHUNK, pos);
      if (n <= 0) break;
      pos += n;
      probe.push(buf.subarray(0, n));
    }
    if (pos >= size) probe.endProbe();
  } catch {
    return null;
  }
  const dayFirst = probe.dayFirstDecision;
  if (probe.headerEnd < 0 || dayFirst === null) return null;
  return { headerEnd: probe.headerEnd, dayFirst };
}

/**
 * The file's rows per product as its first CATALOG_SAMPLE bytes suggest (the
 * products seen there, and the rows the file would have at their size);
 * Infinity when the sample cannot tell (no header or product column found,
 * no rows: the real run reports what is wrong). Cheap while the workers
 * start: the core reads only the header, then the product cells of lines
 * without quotes are split out as plain text (an estimate; running the core
 * over the sample cost the 2M-row bench file ~40 ms).
 */
function rowsPerProduct(path: string, size: number, options: PipelineOptions): number {
  const n = Math.min(size, CATALOG_SAMPLE);
  const bytes = new Uint8Array(n);
  const fd = openSync(path, "r");
  try {
    readSync(fd, bytes, 0, n, 0);
  } finally {
    closeSync(fd);
  }
  // day-first does not change which products there are: no need to wait for its sample
  const p = new Pipeline({ ...options, dayFirst: options.dayFirst ?? false }, undefined, { probe: true });
  try {
    p.push(bytes);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
  const col = p.headerEnd < 0 ? -1 : p.headers.indexOf(p.mappingUsed.product ?? "");
  if (col < 0) return Number.POSITIVE_INFINITY;
  const lines = Buffer.from(bytes.buffer, bytes.byteOffset, n).toString("latin1", p.headerEnd).split("\n");
  // the last line may be cut short
  if (n < size) lines.pop();
  const products = new Set<string>();
  for (const line of lines) {
    if (line.includes('"')) continue;
    const cell = line.split(p.delimiter)[col];
    if (cell !== undefined) products.add(groupKey(cell));
  }
  products.delete("");
  if (products.size === 0) return Number.POSITIVE_INFINITY;
  return (size * (lines.length / (n - p.headerEnd))) / products.size;
}

/** Where to cut: after the first line feed past the middle of the file; -1 when there is none. */
function cutPoint(fd: number, size: number): number {
  const buf = new Uint8Array(CHUNK);
  for (let at = Math.floor(size / 2); at < size; at += CHUNK) {
    const n = readSync(fd, buf, 0, CHUNK, at);
    if (n <= 0) break;
    const i = buf.subarray(0, n).indexOf(10);
    if (i >= 0) return at + i + 1 < size ? at + i + 1 : -1;
  }
  return -1;
}

/** line breaks in the file's first `end` bytes as the core counts them: LF, CRLF and a lone CR each one */
function countLineBreaks(fd: number, end: number): number {
  const buf = Buffer.allocUnsafe(CHUNK + 1);
  let count = 0;
  for (let pos = 0; pos < end; ) {
    // one byte more than the chunk so a CR at its end sees what follows
    const want = Math.min(CHUNK, end - pos);
    const n = readSync(fd, buf, 0, want + 1, pos);
    if (n <= 0) break;
    const len = Math.min(n, want);
    const view = buf.subarray(0, len);
    for (let i = view.indexOf(10); i >= 0; i = view.indexOf(10, i + 1)) count++;
    for (let i = view.indexOf(13); i >= 0; i = view.indexOf(13, i + 1)) {
      // a CR right before the cut is followed by the LF the cut is after
      if (i + 1 >= n || buf[i + 1] !== 10) count++;
    }
    pos += len;
  }
  return count;
}

/** appends `part` (a rejected_rows.csv of the second half) to `path`, without its header line */
function appendWithoutHeader(path: string, part: string): void {
  const out = openSync(path, "a");
  const src = openSync(part, "r");
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = Buffer.byteLength(REJECTED_HEADER);
    for (;;) {
      const n = readSync(src, buf, 0, CHUNK, pos);
      if (n <= 0) break;
      pos += n;
      let off = 0;
      while (off < n) off += writeSync(out, buf, off, n - off);
    }
  } finally {
    closeSync(src);
    closeSync(out);
  }
}
