// Restart safety (SPEC §8): a job a killed process left `running` is re-queued
// at start-up and completes; migrations are applied to a fresh database.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { readMigrationFiles } from "@/lib/jobs/migrations";
import { newId } from "@/lib/jobs/storage";
import { expectedOutputs, ownDataDir, sampleCsv, stableSummary, tempDir, waitForJob } from "./helpers";

describe("start-up", () => {
  const { dataDir, start } = ownDataDir("sales-it-restart-");

  it("applies the migrations to a new database and resumes a job left running", async () => {
    // First start on an empty DATA_DIR: migrations applied like Prisma records them.
    const first = await start({ WORKER_CONCURRENCY: "1" });
    await first.stop();
    const db = new Database(join(dataDir, "app.db"));
    const applied = db
      .prepare(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"`)
      .all() as {
      migration_name: string;
      checksum: string;
      finished_at: string | null;
    }[];
    const files = readMigrationFiles();
    expect(applied.map((m) => [m.migration_name, m.checksum])).toEqual(
      files.map((f) => [f.name, f.checksum]),
    );
    expect(applied.every((m) => m.finished_at)).toBe(true);

    // What a killed process leaves behind: a job marked running, half its files, a partial upload.
    const csv = sampleCsv(2500, 44);
    const uploadKey = newId();
    const id = newId();
    mkdirSync(join(dataDir, "uploads"), { recursive: true });
    writeFileSync(join(dataDir, "uploads", `${uploadKey}.csv`), csv);
    writeFileSync(join(dataDir, "uploads", `${newId()}.${newId()}.part`), "half an upload");
    mkdirSync(join(dataDir, "jobs", id), { recursive: true });
    writeFileSync(join(dataDir, "jobs", id, "rejected_rows.csv"), "line,reason,raw\n");
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO "Job" (id, fileName, sizeBytes, source, uploadKey, status, options, createdAt, startedAt, bytesRead, rowsRead, attempts)
       VALUES (?, 'interrupted.csv', ?, 'upload', ?, 'running', '{"fuzzy":true}', ?, ?, 1000, 10, 1)`,
    ).run(id, Buffer.byteLength(csv), uploadKey, now, now);
    // one that has already been interrupted three times is not tried again
    const doomed = newId();
    db.prepare(
      `INSERT INTO "Job" (id, fileName, sizeBytes, source, uploadKey, status, options, createdAt, startedAt, attempts)
       VALUES (?, 'killer.csv', ?, 'upload', ?, 'running', '{"fuzzy":true}', ?, ?, 3)`,
    ).run(doomed, Buffer.byteLength(csv), uploadKey, now, now);
    db.close();

    const server = await start({ WORKER_CONCURRENCY: "1" });
    const gaveUp = await waitForJob(server.url, doomed);
    expect(gaveUp.status).toBe("failed");
    expect(gaveUp.error).toMatch(/3 times/);
    const job = await waitForJob(server.url, id);
    expect(job.status, job.error ?? "").toBe("completed");
    expect(job.summary?.rowsRead).toBe(2500);

    const file = join(tempDir("sales-it-restart-in-"), "interrupted.csv");
    copyFileSync(join(dataDir, "uploads", `${uploadKey}.csv`), file);
    const want = await expectedOutputs(file);
    const got = await (await fetch(`${server.url}/api/jobs/${id}/download/summary.json`)).text();
    expect(stableSummary(got)).toEqual(stableSummary(readFileSync(join(want, "summary.json"), "utf8")));
    const rejected = await (await fetch(`${server.url}/api/jobs/${id}/download/rejected_rows.csv`)).text();
    expect(rejected).toBe(readFileSync(join(want, "rejected_rows.csv"), "utf8"));
    expect(readdirSync(join(dataDir, "uploads")).filter((f) => f.endsWith(".part"))).toEqual([]);

    const check = new Database(join(dataDir, "app.db"), { readonly: true });
    const row = check.prepare(`SELECT attempts FROM "Job" WHERE id = ?`).get(id) as { attempts: number };
    check.close();
    expect(row.attempts).toBe(2);
  }, 180_000);
});
