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
