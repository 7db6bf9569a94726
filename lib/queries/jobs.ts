// Data access for jobs and their stored results (SPEC §8).
import type { JobStatus } from "../api/types";
import { getDb } from "../db";
import type { Job } from "../generated/prisma/client";
import type { StoredResult } from "../jobs/messages";
import type { RejectReason } from "../pipeline/types";
import { deleteResultRows, storeResultRows } from "./results";

export type { Job };

export interface NewJob {
  id: string;
  fileName: string;
  sizeBytes: number;
  source: "upload" | "sample";
  uploadKey: string;
  options: string;
  sample?: string | null;
  parentId?: string | null;
}

export interface StoredRejectedRow {
  line: number;
  reason: RejectReason;
  raw: string;
}

export function createJob(job: NewJob): Promise<Job> {
  return getDb().job.create({ data: { ...job, status: "queued" } });
}

export function getJob(id: string): Promise<Job | null> {
  return getDb().job.findUnique({ where: { id } });
}

export interface JobListQuery {
  /** jobs in any of these states (all when absent) */
  status?: JobStatus[];
  q?: string;
  limit: number;
  /** id of the last job of the previous page */
  cursor?: string;
}

/**
 * Newest first; returns one row more than asked so the caller knows whether a
 * next page exists. `q` is a literal piece of the file name, case-insensitive.
 * Prisma's `contains` passes `%` and `_` on as wildcards, and SQLite's LIKE
 * folds ASCII letters only, so for such queries the names are matched here,
 * reading on until the page is full.
 */
export async function listJobs({ status, q, limit, cursor }: JobListQuery): Promise<Job[]> {
  const wildcards = q !== undefined && /[%_]/.test(q);
  // SQLite's LIKE folds ASCII letters only: a query with other letters (ü, É) is matched here
  const foreign = q !== undefined && /[^ -~]/.test(q);
  const filtered = wildcards || foreign;
  // (names and queries compared in one Unicode form: macOS gives decomposed file names)
  const fold = (v: string) => v.normalize("NFC").toLowerCase();
  const needle = fold(q ?? "");
  const out: Job[] = [];
  for (let after = cursor; ; ) {
    const page = await getDb().job.findMany({
      where: {
        ...(status?.length ? { status: { in: status } } : {}),
        ...(q && !foreign ? { fileName: { contains: q } } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      ...(after ? { cursor: { id: after }, skip: 1 } : {}),
    });
    if (!filtered) return page;
    for (const job of page) if (fold(job.fileName).includes(needle)) out.push(job);
    if (out.length > limit || page.length <= limit) return out.slice(0, limit + 1);
    after = (page[page.length - 1] as Job).id;
  }
}

/** The oldest queued job, marked running; null when the queue is empty. */
export async function claimNextQueued(): Promise<Job | null> {
  const db = getDb();
  for (;;) {
    const next = await db.job.findFirst({
      where: { status: "queued" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    if (!next) return null;
    const claimed = await db.job.updateMany({
      where: { id: next.id, status: "queued" },
      data: {
        status: "running",
        startedAt: new Date(),
        finishedAt: null,
        bytesRead: 0,
        rowsRead: 0,
        rowsPerSecond: 0,
        error: null,
        attempts: { increment: 1 },
      },
    });
    if (claimed.count === 1) return db.job.findUnique({ where: { id: next.id } });
  }
}

export async function saveProgress(
  id: string,
  p: { bytesRead: number; rowsRead: number; rowsPerSecond: number },
): Promise<void> {
  await getDb().job.updateMany({ where: { id, status: "running" }, data: p });
}

export async function setJobSize(id: string, sizeBytes: number): Promise<void> {
  await getDb().job.updateMany({ where: { id }, data: { sizeBytes } });
}

/** Stores every result of a run and marks the job completed, in one transaction. */
export async function completeJob(
  id: string,
  result: StoredResult,
  rejected: StoredRejectedRow[],
): Promise<boolean> {
  const db = getDb();
  // Cancelled or deleted meanwhile: keep it that way.
  const job = await db.job.findUnique({ where: { id }, select: { status: true } });
  if (job?.status !== "running") return false;
  try {
    storeResultRows(id, result, rejected);
  } catch (e) {
    // deleted while its rows were being written (the foreign key refuses them)
    if ((await db.job.count({ where: { id } })) === 0) return false;
    throw e;
  }
  const s = result.summary;
  const { count } = await db.job.updateMany({
    where: { id, status: "running" },
    data: {
      status: "completed",
      finishedAt: new Date(),
      summary: JSON.stringify(s),
      rowsRead: s.rowsRead,
      rowsPerSecond: s.rowsPerSecond,
      error: null,
    },
  });
  if (count === 0) {
    // cancelled between the check and now: its results go
    deleteResultRows(id);
    return false;
  }
  return true;
}

/** Moves a queued or running job to a final state; false when it was already final. */
export async function finishJob(
  id: string,
  status: "failed" | "cancelled",
  error: string | null = null,
): Promise<boolean> {
  const r = await getDb().job.updateMany({
    where: { id, status: { in: ["queued", "running"] } },
    data: { status, error, finishedAt: new Date() },
  });
  return r.count === 1;
}

/** A job that was interrupted this many times is not tried again. */
export const MAX_ATTEMPTS = 3;

/**
 * Start-up: jobs a killed process left running start again from the beginning,
 * unless they have been interrupted MAX_ATTEMPTS times (then they likely kill
 * the process themselves) — those fail. Returns how many were re-queued.
 */
export async function requeueRunning(): Promise<number> {
  const db = getDb();
  await db.job.updateMany({
    where: { status: "running", attempts: { gte: MAX_ATTEMPTS } },
    data: {
      status: "failed",
      finishedAt: new Date(),
      error: `The server stopped during this job ${MAX_ATTEMPTS} times; it was not started again.`,
    },
  });
  const r = await db.job.updateMany({
    where: { status: "running" },
    data: { status: "queued", startedAt: null, bytesRead: 0, rowsRead: 0, rowsPerSecond: 0 },
  });
  return r.count;
}

export async function deleteJobRow(id: string): Promise<void> {
  await getDb().job.deleteMany({ where: { id } });
}

export function countJobsUsingUpload(uploadKey: string): Promise<number> {
  return getDb().job.count({ where: { uploadKey } });
}

export async function countByStatus(): Promise<Record<JobStatus, number>> {
  const groups = await getDb().job.groupBy({ by: ["status"], _count: { _all: true } });
  const out: Record<JobStatus, number> = { queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const g of groups) if (g.status in out) out[g.status as JobStatus] = g._count._all;
  return out;
}

export async function databaseReachable(): Promise<boolean> {
  try {
    await getDb().$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
