// The start-up migrator and the wasm-engine tool (scripts/migrate.mjs) must
// agree on _prisma_migrations, in both directions.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { applyPendingMigrations, migrationsDir, readMigrationFiles } from "./migrations";

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
        "RollupSlice",
        "ProductSlice",
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

  it("fills the rollup slices of jobs completed before they existed", () => {
    // the migrations before the slices, a completed job's rollup, then the slices' migration
    const migrations = join(temp(), "migrations");
    const all = readMigrationFiles();
    const slices = all.findIndex((f) => f.name.endsWith("_rollup_slices"));
    expect(slices).toBeGreaterThan(0);
    for (const f of all.slice(0, slices))
      cpSync(join(migrationsDir(), f.name), join(migrations, f.name), { recursive: true });
    const file = join(temp(), "app.db");
    applyPendingMigrations(file, migrations);
    const db = new Database(file);
    db.prepare(
      `INSERT INTO "Job" ("id","fileName","source","uploadKey","status") VALUES ('j1','a.csv','upload','k','completed')`,
    ).run();
    const cell = db.prepare(
      `INSERT INTO "RollupCell" ("jobId","month","region","category","product","revenue","profit","quantity","transactions","discountRevenue","discountSum") VALUES ('j1',?,?,?,?,?,0,?,?,?,?)`,
    );
    cell.run("2024-01", "North", "Audio", "Headphones", 100, 2, 1, 10, 0.1);
    cell.run("2024-01", "North", "Audio", "Speaker", 50, 1, 1, 0, 0);
    cell.run("2024-02", "North", "Audio", "Headphones", 30, 1, 1, 0, 0);
    db.close();
    cpSync(
      join(migrationsDir(), all[slices]?.name as string),
      join(migrations, all[slices]?.name as string),
      {
        recursive: true,
      },
    );
    expect(applyPendingMigrations(file, migrations)).toEqual([all[slices]?.name]);
    const after = new Database(file, { readonly: true });
    const rows = (sql: string) => after.prepare(sql).all();
    expect(
      rows(
        `SELECT "month","region","category","revenue","quantity","transactions","discountRevenue","discountSum" FROM "RollupSlice" ORDER BY "month"`,
      ),
    ).toEqual([
      {
        month: "2024-01",
        region: "North",
        category: "Audio",
        revenue: 150,
        quantity: 3,
        transactions: 2,
        discountRevenue: 10,
        discountSum: 0.1,
      },
      {
        month: "2024-02",
        region: "North",
        category: "Audio",
        revenue: 30,
        quantity: 1,
        transactions: 1,
        discountRevenue: 0,
        discountSum: 0,
      },
    ]);
    expect(
      rows(
        `SELECT "product","category","revenue","quantity","transactions" FROM "ProductSlice" ORDER BY "product"`,
      ),
    ).toEqual([
      { product: "Headphones", category: "Audio", revenue: 130, quantity: 3, transactions: 2 },
      { product: "Speaker", category: "Audio", revenue: 50, quantity: 1, transactions: 1 },
    ]);
    after.close();
  });
});
