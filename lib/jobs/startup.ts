// Start-up, once per process (instrumentation.ts, and lazily from every route):
// apply pending migrations, re-queue jobs a killed process left running, start
// the worker pool.
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { requeueRunning } from "../queries/jobs";
import { applyPendingMigrations } from "./migrations";
import { getPool } from "./pool";
import { databaseFile, ensureDir, uploadsDir } from "./storage";

const g = globalThis as unknown as { __salesStartup?: Promise<void> };

async function start(): Promise<void> {
  const applied = applyPendingMigrations(databaseFile());
  if (applied.length) console.log(`[db] applied migrations: ${applied.join(", ")}`);
  // Half-received uploads and half-generated samples of a killed process.
  const uploads = ensureDir(uploadsDir());
  for (const f of readdirSync(uploads)) if (f.endsWith(".part")) rmSync(join(uploads, f), { force: true });
  const requeued = await requeueRunning();
  if (requeued) console.log(`[jobs] re-queued ${requeued} job(s) left running`);
  getPool().start();
}

export function ensureStarted(): Promise<void> {
  g.__salesStartup ??= start().catch((e) => {
    g.__salesStartup = undefined; // try again on the next request
    throw e;
  });
  return g.__salesStartup;
}
