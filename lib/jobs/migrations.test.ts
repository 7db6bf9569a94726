// The start-up migrator and the wasm-engine tool (scripts/migrate.mjs) must
// agree on _prisma_migrations, in both directions.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { applyPendingMigrations, readMigrationFiles } from "./migrations";

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), "sales-mig-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const migrateTool = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(process.cwd(), "scripts", "migrate.mjs"), ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
    encoding: "utf8",
  });

describe("start-up migrations", () => {
  it("creates the schema and records each migration as Prisma does", () => {
    const dir = temp();
    const file = join(dir, "app.db");
    const files = readMigrationFiles();
    expect(files.length).toBeGreaterThan(0);
    expect(applyPendingMigrations(file)).toEqual(files.map((f) => f.name));
    expect(applyPendingMigrations(file)).toEqual([]);
    const db = new Database(file, { readonly: true });
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as {
      name: string;
    }[];
    const rows = db
      .prepare(`SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations"`)
      .all();
    db.close();
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        "Job",
        "RollupCell",
        "Anomaly",
        "CleaningMerge",
        "RejectedRow",
        "_prisma_migrations",
      ]),
    );
    expect(rows).toEqual(
      files.map((f) => ({ migration_name: f.name, checksum: f.checksum, applied_steps_count: 1 })),
    );

    const status = migrateTool(dir, "status");
    expect(status.stdout + status.stderr).toContain("up to date");
    expect(status.status).toBe(0);
  });

  it("accepts a database migrated by the schema engine", () => {
    const dir = temp();
    const deploy = migrateTool(dir, "deploy");
    expect(deploy.status, deploy.stderr).toBe(0);
    expect(applyPendingMigrations(join(dir, "app.db"))).toEqual([]);
  });

  it("refuses to start over a failed migration", () => {
    const dir = temp();
    const file = join(dir, "app.db");
    applyPendingMigrations(file);
    const db = new Database(file);
    db.prepare(`UPDATE "_prisma_migrations" SET finished_at = NULL`).run();
    db.close();
    expect(() => applyPendingMigrations(file)).toThrow(/failed/);
  });
});
