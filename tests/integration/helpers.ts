// Shared helpers of the integration tests: HTTP calls, fixtures, expected outputs.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, inject } from "vitest";
import type { JobDto, JobStatus } from "@/lib/api/types";
import { generateSample } from "@/lib/pipeline/generate";
import { ROOT, type RunningServer, startServer } from "./server";

export function sampleCsv(rows: number, seed = 7, errorRate = 0.15): string {
  let out = "";
  generateSample({ rows, seed, errorRate }, (c) => {
    out += c;
  });
  return out;
}

/** Under the run's tmpRoot (removed by global-setup's teardown). */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(inject("tmpRoot") || tmpdir(), prefix));
}

/**
 * A DATA_DIR of its own for a describe block's tests, and `start` for a
 * server on it: the server last started is stopped, and the directory
 * removed, after the block.
 */
export function ownDataDir(prefix: string): {
  dataDir: string;
  start: (env?: Record<string, string>) => Promise<RunningServer>;
} {
  const dataDir = tempDir(prefix);
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    start: async (env = {}) => {
      server = await startServer({ DATA_DIR: dataDir, ...env });
      return server;
    },
  };
}

export function writeTemp(name: string, content: string | Uint8Array): string {
  const dir = tempDir("sales-it-file-");
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A copy with a plain ArrayBuffer, as fetch and Blob want. */
function bytes(content: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return typeof content === "string" ? new TextEncoder().encode(content) : new Uint8Array(content);
}

export async function uploadMultipart(
  base: string,
  fileName: string,
  content: string | Uint8Array,
  options?: unknown,
): Promise<Response> {
  const form = new FormData();
  if (options !== undefined)
    form.append("options", typeof options === "string" ? options : JSON.stringify(options));
  form.append("file", new Blob([bytes(content)], { type: "text/csv" }), fileName);
  return fetch(`${base}/api/jobs`, { method: "POST", body: form });
}

export async function uploadRaw(
  base: string,
  fileName: string,
  content: string | Uint8Array,
  contentType = "text/csv",
  options?: unknown,
): Promise<Response> {
  const qs = new URLSearchParams({ filename: fileName });
  if (options !== undefined) qs.set("options", JSON.stringify(options));
  return fetch(`${base}/api/jobs?${qs}`, {
    method: "POST",
    body: bytes(content),
    headers: { "content-type": contentType },
  });
}

export async function getJob(base: string, id: string): Promise<JobDto> {
  const r = await fetch(`${base}/api/jobs/${id}`);
  expect(r.status).toBe(200);
  return (await r.json()) as JobDto;
}

const FINAL: JobStatus[] = ["completed", "failed", "cancelled"];

export async function waitForJob(base: string, id: string, timeoutMs = 60_000): Promise<JobDto> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(base, id);
    if (FINAL.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function waitForStatus(base: string, id: string, status: JobStatus, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(base, id);
    if (job.status === status) return job;
    if (FINAL.includes(job.status)) throw new Error(`job ${id} ended ${job.status}, wanted ${status}`);
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function createdJob(r: Response): Promise<JobDto> {
  const body = await r.text();
  expect(r.status, body).toBe(202);
  return JSON.parse(body) as JobDto;
}

/**
 * The result files the command line writes for the same input: the CLI when it
 * exists (`node scripts/run.mjs pipeline <file> --out <dir>`), else the core's
 * own writer over runFile — the same code path the CLI uses.
 */
export async function expectedOutputs(file: string, cliArgs: string[] = []): Promise<string> {
  const out = tempDir("sales-it-cli-");
  const runner = join(ROOT, "scripts", "run.mjs");
  if (existsSync(runner)) {
    const r = spawnSync(process.execPath, [runner, "pipeline", file, "--out", out, ...cliArgs], {
      cwd: ROOT,
      encoding: "utf8",
    });
    if (r.status === 0) return out;
    console.warn(`CLI failed (${r.status}); comparing against the core directly:\n${r.stderr}`);
  }
  const { runFile } = await import("@/lib/pipeline/run-file");
  const { writeResultFiles, openRejectedWriter } = await import("@/lib/pipeline/outputs");
  mkdirSync(out, { recursive: true });
  const w = openRejectedWriter(join(out, "rejected_rows.csv"));
  const result = runFile(file, { fuzzy: !cliArgs.includes("--no-fuzzy") }, { onRejected: w.sink });
  w.close();
  writeResultFiles(out, result);
  return out;
}

/** The names in a zip's central directory. */
export function zipEntryNames(buf: Buffer): string[] {
  const names: string[] = [];
  for (let i = 0; i + 46 <= buf.length; i++) {
    if (buf.readUInt32LE(i) !== 0x02014b50) continue;
    const nameLen = buf.readUInt16LE(i + 28);
    const extra = buf.readUInt16LE(i + 30);
    const comment = buf.readUInt16LE(i + 32);
    names.push(buf.toString("utf8", i + 46, i + 46 + nameLen));
    i += 45 + nameLen + extra + comment;
  }
  return names;
}

export function openDb(dataDir: string, opts: { write?: boolean } = {}): Database.Database {
  return new Database(join(dataDir, "app.db"), {
    readonly: !opts.write,
    fileMustExist: true,
    timeout: 15_000,
  });
}

export function countRows(dataDir: string, table: string, jobId: string): number {
  const db = openDb(dataDir);
  try {
    const row = db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE "jobId" = ?`).get(jobId) as {
      n: number;
    };
    return row.n;
  } finally {
    db.close();
  }
}

/** summary.json without its timings, which differ run to run. */
export function stableSummary(text: string): Record<string, unknown> {
  const s = JSON.parse(text) as Record<string, unknown>;
  delete s.durationMs;
  delete s.rowsPerSecond;
  return s;
}
