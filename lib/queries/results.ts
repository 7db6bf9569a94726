// Bulk rows of a completed job (anomalies, merges, the first rejected rows),
// written through one better-sqlite3 connection in a single synchronous
// transaction. Prisma's createMany through the driver adapter took ~1.5 s for
// 10,000 rejected rows — most of a 1M-row job's time after its worker
// finished; prepared statements take milliseconds. The job row itself stays
// with Prisma (lib/queries/jobs.ts). The rollup is the job's rollup.columns
// file (rollup-store.ts): jobs completed before that have it in RollupCell,
// read once to make the file. Storing a SKU-level job's 818,000 cells here
// took ~6 s of its ~12 s.
import Database from "better-sqlite3";
import { databaseFile } from "../jobs/storage";
import type { StoredResult } from "../jobs/messages";
import type { RollupRow } from "../pipeline/types";
import type { StoredRejectedRow } from "./jobs";

const cache = globalThis as unknown as { __salesRawDb?: { file: string; db: Database.Database } };

function rawDb(): Database.Database {
  const file = databaseFile();
  if (!cache.__salesRawDb || cache.__salesRawDb.file !== file) {
    const db = new Database(file, { timeout: 15_000 });
    // rows of a job deleted meanwhile must fail, not linger
    db.pragma("foreign_keys = ON");
    cache.__salesRawDb = { file, db };
  }
  return cache.__salesRawDb.db;
}

const TABLES = ["RollupCell", "Anomaly", "CleaningMerge", "RejectedRow"] as const;

/** Removes a job's result rows. */
export function deleteResultRows(jobId: string): void {
  const db = rawDb();
  db.transaction(() => {
    for (const t of TABLES) db.prepare(`DELETE FROM "${t}" WHERE "jobId" = ?`).run(jobId);
  })();
}

/** Replaces a job's result rows, all or nothing. Throws if the job no longer exists. */
export function storeResultRows(jobId: string, result: StoredResult, rejected: StoredRejectedRow[]): void {
  const db = rawDb();
  const anomaly = db.prepare(
    `INSERT INTO "Anomaly" ("jobId","rank","line","orderId","saleDate","product","region","category","quantity","unitPrice","discount","revenue","score","reason") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const merge = db.prepare(
    `INSERT INTO "CleaningMerge" ("jobId","rank","field","original","canonical","rows") VALUES (?,?,?,?,?,?)`,
  );
  const reject = db.prepare(`INSERT INTO "RejectedRow" ("jobId","line","reason","raw") VALUES (?,?,?,?)`);
  db.transaction(() => {
    for (const t of TABLES) db.prepare(`DELETE FROM "${t}" WHERE "jobId" = ?`).run(jobId);
    result.anomalies.forEach((a, rank) => {
      anomaly.run(
        jobId,
        rank,
        a.line,
        a.orderId,
        a.saleDate,
        a.product,
        a.region,
        a.category,
        a.quantity,
        a.unitPrice,
        a.discount,
        a.revenue,
        a.score,
        a.reason,
      );
    });
    result.cleaning.forEach((c, rank) => {
      merge.run(jobId, rank, c.field, c.original, c.canonical, c.rows);
    });
    for (const r of rejected) reject.run(jobId, r.line, r.reason, r.raw);
  })();
}

/** The rollup rows of a job completed before rollup.columns files, in the order they were stored. */
export function readRollupRows(jobId: string): RollupRow[] {
  return rawDb()
    .prepare(
      `SELECT "month","region","category","product","revenue","profit","quantity","transactions","discountRevenue","discountSum"
       FROM "RollupCell" WHERE "jobId" = ? ORDER BY "id"`,
    )
    .all(jobId) as RollupRow[];
}
