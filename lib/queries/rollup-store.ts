// The rollup columns of completed jobs (lib/pipeline/rollup.ts), read from
// DATA_DIR/jobs/<id>/rollup.columns and kept in memory for the requests that
// follow (read as the job completes: warmRollup): the least recently used go
// first once they take more than CACHE_BYTES together. A job completed before
// the file existed, or whose file is missing or unreadable, gets it built once
// from its RollupCell rows; with none either, its requests fail with a message
// that says to re-run it.
import { readFile, rename, stat, writeFile } from "node:fs/promises";
import { AppError } from "../api/errors";
import { ensureDir, jobDir, newId, rollupColumnsPath } from "../jobs/storage";
import { readRollupRows } from "./results";
import {
  decodeRollup,
  encodeRollup,
  type NameColumn,
  type RollupColumns,
  rollupColumnsOf,
} from "../pipeline/rollup";
import { nameRanks, sliceRollup } from "./rollup-columns";

/**
 * The slices a request can be answered from when it neither filters nor
 * groups by the columns a slice sums over: every dashboard request but those
 * that use a month range, a region and products at once. On a SKU-level job
 * (818,000 rollup cells) they have 2,400, 5,000, 120,000 and 100,000 cells.
 */
const SLICES: readonly (readonly NameColumn[])[] = [
  ["month", "region", "category"],
  ["product", "category"],
  ["month", "product", "category"],
  ["region", "product", "category"],
];

/** ~2.5 jobs of 818,000 rollup cells (64 bytes each), or ~3,000 jobs of the bench file's 2,232 */
const CACHE_BYTES = 128 * 1024 * 1024;

interface Entry {
  cols: RollupColumns;
  /** by SLICES' index, made on first use: null when it would not be half the size */
  slices: (RollupColumns | null | undefined)[];
  /** the file it was read from: another one (a re-run of the job) is read again */
  mtimeMs: number;
  size: number;
}

interface Store {
  cache: Map<string, Entry>;
  /** reads under way: the dashboard asks for several datasets at once */
  loading: Map<string, Promise<Entry>>;
}

const holder = globalThis as unknown as { __salesRollups?: Store };

function store(): Store {
  holder.__salesRollups ??= { cache: new Map(), loading: new Map() };
  return holder.__salesRollups;
}

/**
 * The fewest cells that answer a request on a completed job's rollup using
 * (filtering or grouping by) these columns: a slice, or the rollup itself.
 */
export async function rollupFor(jobId: string, uses: readonly NameColumn[]): Promise<RollupColumns> {
  const entry = await load(jobId);
  let best = entry.cols;
  SLICES.forEach((columns, k) => {
    if (!uses.every((c) => columns.includes(c))) return;
    const slice = sliceAt(jobId, entry, k);
    if (slice && slice.cells < best.cells) best = slice;
  });
  return best;
}

/**
 * Reads a job's rollup and makes its slices as the job completes, so that
 * the dashboard's first requests find them (on a SKU-level job the first
 * request waited ~0.4 s for them, now ~20 ms), yielding to requests between
 * slices.
 */
export async function warmRollup(jobId: string): Promise<void> {
  // one that would crowd the others out of the cache waits for a request
  const file = await stat(rollupColumnsPath(jobId)).catch(() => null);
  if (file === null || file.size > CACHE_BYTES / 2) return;
  const entry = await load(jobId);
  for (let k = 0; k < SLICES.length; k++) {
    await new Promise((resolve) => setImmediate(resolve));
    sliceAt(jobId, entry, k);
  }
  // the products' places in name order, for pages deep in the product list (~50 ms for 50,000)
  await new Promise((resolve) => setImmediate(resolve));
  nameRanks(entry.cols.names.product);
}

/** the slice SLICES[k] of a job's rollup, made on first use; null when it would not be half the size */
function sliceAt(jobId: string, entry: Entry, k: number): RollupColumns | null {
  let slice = entry.slices[k];
  if (slice === undefined) {
    const made = sliceRollup(entry.cols, SLICES[k] as readonly NameColumn[]);
    slice = entry.slices[k] = made.cells <= entry.cols.cells / 2 ? made : null;
    trim(jobId);
  }
  return slice;
}

/** a completed job's rollup columns, with the slices made from them so far */
async function load(jobId: string): Promise<Entry> {
  const { cache, loading } = store();
  const path = rollupColumnsPath(jobId);
  const file = await stat(path).catch(() => null);
  const hit = cache.get(jobId);
  if (hit && file && hit.mtimeMs === file.mtimeMs && hit.size === file.size) {
    // most recently used last
    cache.delete(jobId);
    cache.set(jobId, hit);
    return hit;
  }
  const pending = loading.get(jobId);
  if (pending) return pending;
  const reading = read(jobId, path, file !== null).finally(() => loading.delete(jobId));
  loading.set(jobId, reading);
  return reading;
}

async function read(jobId: string, path: string, exists: boolean): Promise<Entry> {
  const { cache } = store();
  cache.delete(jobId);
  let cols: RollupColumns | null = null;
  if (exists) {
    try {
      cols = decodeRollup(await readFile(path));
    } catch (e) {
      console.warn(`[rollup] ${jobId}: ${e instanceof Error ? e.message : e}; building it from the database`);
    }
  }
  if (cols === null) {
    const rows = readRollupRows(jobId);
    // a job completed since the files exist has no rows there: its rollup is lost, not empty
    if (rows.length === 0)
      throw new AppError(
        "internal_error",
        "This job's rollup is missing on the server (its rollup.columns file is gone or damaged): re-run the job to rebuild it.",
      );
    const bytes = encodeRollup(rollupColumnsOf(rows));
    ensureDir(jobDir(jobId));
    const part = `${path}.${newId()}.part`;
    await writeFile(part, bytes);
    await rename(part, path);
    cols = decodeRollup(bytes);
  }
  const file = await stat(path);
  const entry: Entry = { cols, slices: [], mtimeMs: file.mtimeMs, size: file.size };
  cache.set(jobId, entry);
  trim(jobId);
  return entry;
}

const bytesOf = (e: Entry) => e.slices.reduce((sum, s) => sum + (s?.byteLength ?? 0), e.cols.byteLength);

/** drops the least recently used entries past CACHE_BYTES, `current` too when it alone is larger */
function trim(current: string): void {
  const { cache } = store();
  let total = 0;
  for (const e of cache.values()) total += bytesOf(e);
  for (const [id, e] of cache) {
    if (total <= CACHE_BYTES) break;
    if (id === current && bytesOf(e) <= CACHE_BYTES) continue;
    cache.delete(id);
    total -= bytesOf(e);
  }
}
