// Applies pending prisma/migrations/*/migration.sql at start-up, without the
// schema engine, recording them in _prisma_migrations the way Prisma does
// (checksum = sha256 of the file) so `prisma migrate status` agrees.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { projectRoot } from "./storage";

// Exactly the table Prisma's SQLite connector creates.
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsDir(): string {
  return join(projectRoot(), "prisma", "migrations");
}

export function readMigrationFiles(dir = migrationsDir()): MigrationFile[] {
  // Read at run time from the project: nothing for the bundler to trace.
  if (!existsSync(/*turbopackIgnore: true*/ dir)) return [];
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Prisma writes RFC 3339 with an explicit offset. */
function timestamp(): string {
  return new Date().toISOString().replace("Z", "+00:00");
}

/** Applies what is pending; returns the names applied. Safe to call from several processes. */
export function applyPendingMigrations(dbFile: string, dir = migrationsDir()): string[] {
  if (dbFile !== ":memory:") mkdirSync(dirname(dbFile), { recursive: true });
  const db = new Database(dbFile, { timeout: 15_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.exec(MIGRATIONS_TABLE);
    const files = readMigrationFiles(dir);
    const applied: string[] = [];
    // IMMEDIATE: a second process starting at the same moment waits, then sees them applied.
    db.transaction(() => {
      const rows = db
        .prepare(
          `SELECT migration_name AS name, finished_at AS finished FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
        )
        .all() as { name: string; finished: string | null }[];
      const failed = rows.filter((r) => r.finished === null).map((r) => r.name);
      if (failed.length) {
        throw new Error(
          `migration(s) failed earlier and need attention: ${failed.join(", ")} (npm run db:migrate status)`,
        );
      }
      const done = new Set(rows.map((r) => r.name));
      const insert = db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, 0)`,
      );
      const finish = db.prepare(
        `UPDATE "_prisma_migrations" SET finished_at = ?, applied_steps_count = 1 WHERE id = ?`,
      );
      for (const m of files) {
        if (done.has(m.name)) continue;
        const id = randomUUID();
        insert.run(id, m.checksum, m.name, timestamp());
        db.exec(m.sql);
        finish.run(timestamp(), id);
        applied.push(m.name);
      }
    }).immediate();
    return applied;
  } finally {
    db.close();
  }
}
