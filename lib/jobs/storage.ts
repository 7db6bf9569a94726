// Where things live on disk (SPEC §8). Every path is built from server-made
// names that passed a strict regex: never from user input.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import type { DownloadFile } from "../api/types";

/** 16 random bytes as base64url: 22 URL-safe characters. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function newId(): string {
  return randomBytes(16).toString("base64url");
}

export function isId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}

/** The project root: `next start`, the CLI and the tests all run from it. */
export function projectRoot(): string {
  return process.cwd();
}

export function dataDir(): string {
  const dir = process.env.DATA_DIR || "./data";
  // Runtime data, not a build input: keep the bundler from tracing it.
  return isAbsolute(dir) ? dir : resolve(/*turbopackIgnore: true*/ projectRoot(), dir);
}

/** DATABASE_URL (file:…) else DATA_DIR/app.db; the same rule as scripts/migrate.mjs. */
export function databaseFile(): string {
  const url = process.env.DATABASE_URL;
  if (url) {
    const p = url.replace(/^file:/, "");
    return p === ":memory:" || isAbsolute(p) ? p : resolve(/*turbopackIgnore: true*/ projectRoot(), p);
  }
  return join(dataDir(), "app.db");
}

function checked(id: string): string {
  if (!isId(id)) throw new Error(`not a server-made id: ${JSON.stringify(id).slice(0, 40)}`);
  return id;
}

export function uploadsDir(): string {
  return join(dataDir(), "uploads");
}

export function uploadPath(uploadKey: string): string {
  return join(uploadsDir(), `${checked(uploadKey)}.csv`);
}

/** A file being received or generated; renamed to uploadPath() when complete. */
export function partialUploadPath(uploadKey: string, suffix: string): string {
  return join(uploadsDir(), `${checked(uploadKey)}.${checked(suffix)}.part`);
}

export function jobDir(jobId: string): string {
  return join(dataDir(), "jobs", checked(jobId));
}

/** `file` must be one of DOWNLOAD_FILES (a constant), never a request string. */
export function jobFile(jobId: string, file: Exclude<DownloadFile, "all.zip">): string {
  return join(jobDir(jobId), file);
}

/** The job's rollup as columns (lib/queries/rollup-columns.ts): the server's, never a download. */
export const ROLLUP_COLUMNS_FILE = "rollup.columns";

export function rollupColumnsPath(jobId: string): string {
  return join(jobDir(jobId), ROLLUP_COLUMNS_FILE);
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeJobFiles(jobId: string): void {
  rmSync(jobDir(jobId), { recursive: true, force: true });
}

export function removeUpload(uploadKey: string): void {
  rmSync(uploadPath(uploadKey), { force: true });
}

export function maxUploadBytes(): number {
  const mb = Number(process.env.MAX_UPLOAD_MB ?? 2048);
  return Math.floor((Number.isFinite(mb) && mb > 0 ? mb : 2048) * 1024 * 1024);
}
