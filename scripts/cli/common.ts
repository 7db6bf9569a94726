// Helpers shared by the command-line tools (not a command itself).
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { generateSampleBytes } from "../../lib/pipeline/generate";

/** A bad command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/**
 * Runs a command: a UsageError (or a parseArgs error) exits 2 with the usage,
 * anything else exits 1 with its message; `main` may also set process.exitCode.
 */
export async function runMain(usage: string, main: () => void | Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (err instanceof UsageError || isParseArgsError(err)) {
      console.error(`error: ${(err as Error).message}\n${usage}`);
      process.exitCode = 2;
    } else {
      console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    }
  }
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}

/** 1234567 → "1,234,567" */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** 1000000 → "1m", 10000 → "10k": the bench's name for a file of that many rows */
export function label(rows: number): string {
  if (rows % 1_000_000 === 0) return `${rows / 1_000_000}m`;
  if (rows % 1_000 === 0) return `${rows / 1_000}k`;
  return String(rows);
}

/** Generates sample data into `path` with big synchronous writes; returns the bytes written. */
export function generateFile(path: string, rows: number, errorRate = 0.15, seed = 42): number {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, "w");
  let bytes = 0;
  try {
    generateSampleBytes({ rows, errorRate, seed }, (chunk) => {
      for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off, chunk.length - off);
      bytes += chunk.length;
    });
  } finally {
    closeSync(fd);
  }
  return bytes;
}

export const SKU_PRODUCTS = 5_000;
const SKU_REGIONS = 20;
const SKU_CATEGORIES = 5;
const SKU_MONTHS = 24;

/**
 * A clean SKU-level export, as a retailer's would be: 5,000 products with
 * their own prices, 20 regions, 24 months. Its rollup has ~818,000 cells for
 * 1M rows, against the bench file's 2,232: the core and the dashboard's
 * requests must stay fast on it too. Deterministic (a fixed-seed xorshift).
 */
export function writeSkuFile(path: string, rows: number): void {
  let x = 0x9e3779b9;
  const next = (n: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
  const pad = (n: number, w: number) => String(n).padStart(w, "0");
  const prices = Array.from({ length: SKU_PRODUCTS }, () => (500 + next(50_000)) / 100);
  const fd = openSync(path, "w");
  try {
    let chunk = "Order ID,Order Date,Product,Category,Region,Quantity,Unit Price\n";
    for (let i = 0; i < rows; i++) {
      const p = next(SKU_PRODUCTS);
      const m = next(SKU_MONTHS);
      const date = `${2023 + Math.floor(m / 12)}-${pad((m % 12) + 1, 2)}-${pad(1 + next(28), 2)}`;
      chunk += `SO-${pad(i + 1, 8)},${date},SKU ${pad(p, 5)},Category ${(p % SKU_CATEGORIES) + 1},Region ${pad(next(SKU_REGIONS) + 1, 2)},${1 + next(10)},${(prices[p] as number).toFixed(2)}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = "";
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}
