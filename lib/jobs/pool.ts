// A bounded pool of worker threads fed from the queue in the database
// (oldest queued first). One worker per running job: cancel terminates it.
import { rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { claimNextQueued, completeJob, finishJob, type Job, saveProgress, setJobSize } from "../queries/jobs";
import { CORE_WORKER_LIMITS } from "../pipeline/run-file";
import { warmRollup } from "../queries/rollup-store";
import type { Progress } from "../pipeline/types";
import type { SampleSpec, WorkerInput, WorkerMessage } from "./messages";
import {
  ensureDir,
  jobDir,
  newId,
  partialUploadPath,
  removeJobFiles,
  uploadPath,
  uploadsDir,
} from "./storage";
import { parseStoredOptions } from "./dto";

/** Rejected rows kept in the database per job (the file has them all). */
export const KEEP_REJECTED = 10_000;
const PROGRESS_FLUSH_MS = 500;
const SAFETY_POLL_MS = 2_000;

/** What a running job's worker last said (fresher than the database). */
export interface LiveState {
  progress: Progress | null;
  /** when processing started (ms), for the ETA */
  since: number | null;
  /** sample jobs, while their file is being generated */
  generating: { rows: number; of: number; rowsPerSecond: number } | null;
}

interface Running extends LiveState {
  worker: Worker;
  dirty: boolean;
  timer: NodeJS.Timeout;
  /** set once the worker posted its result or failure */
  outcome: Promise<void> | null;
  /** why the worker stopped without posting either: the job's error */
  crash: string | null;
  cancelled: boolean;
  partialFile: string | null;
}

export function defaultConcurrency(): number {
  const env = Number(process.env.WORKER_CONCURRENCY);
  if (Number.isInteger(env) && env >= 1) return env;
  return Math.max(1, availableParallelism() - 1);
}

/** WORKER_HEAP_MB: the largest JavaScript heap of a job's worker (null: V8's default for the machine) */
export function workerHeapMb(): number | null {
  const env = Number(process.env.WORKER_HEAP_MB);
  return Number.isInteger(env) && env >= 32 ? env : null;
}

/**
 * The error of a job whose worker filled its heap. The worker alone stops
 * (the server and the other jobs go on); what fills a heap is the names and
 * the rollup's cells, so the likely cause is an id column mapped as a name.
 */
export function outOfMemoryMessage(heapMb: number | null): string {
  const limit = heapMb === null ? "" : ` (WORKER_HEAP_MB=${heapMb})`;
  return (
    `The job ran out of memory${limit}: its worker keeps every distinct product, region and category, ` +
    "and every month × region × category × product cell. Check that the product column holds product names, " +
    `not order or line ids${heapMb === null ? "" : ", or raise WORKER_HEAP_MB"}.`
  );
}

/** A job's worker: with its input, or (null) one that waits for it as its first message. */
function spawnWorker(input: WorkerInput | null): Worker {
  const heapMb = workerHeapMb();
  // A literal URL: Turbopack compiles the worker and its imports to a server chunk.
  return new Worker(new URL("./worker.ts", import.meta.url), {
    workerData: input,
    resourceLimits:
      heapMb === null ? CORE_WORKER_LIMITS : { ...CORE_WORKER_LIMITS, maxOldGenerationSizeMb: heapMb },
  });
}

export class JobPool {
  readonly concurrency: number;
  private readonly running = new Map<string, Running>();
  private filling: Promise<void> | null = null;
  private refill = false;
  private poll: NodeJS.Timeout | null = null;
  /** a worker loaded and waiting for its input (prepare), taken by the next job */
  private ready: Worker | null = null;

  constructor(concurrency = defaultConcurrency()) {
    this.concurrency = concurrency;
  }

  start(): void {
    if (this.poll) return;
    // New jobs call kick(); the poll only catches anything missed.
    this.poll = setInterval(() => this.kick(), SAFETY_POLL_MS);
    this.poll.unref();
    this.prepare();
    this.kick();
  }

  /** whether a worker is loaded and waiting for the next job */
  get workerReady(): boolean {
    return this.ready !== null;
  }

  get runningCount(): number {
    return this.running.size;
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Fills free slots from the queue; calls made while filling coalesce. */
  kick(): void {
    if (this.filling) {
      this.refill = true;
      return;
    }
    this.filling = this.fill()
      .catch((e) => console.error("[jobs] could not start queued jobs:", e))
      .finally(() => {
        this.filling = null;
        if (this.refill) {
          this.refill = false;
          this.kick();
        }
      });
  }

  private async fill(): Promise<void> {
    while (this.running.size < this.concurrency) {
      const job = await claimNextQueued();
      if (!job) return;
      this.launch(job);
    }
  }

  private launch(job: Job): void {
    const sample = job.sample ? (JSON.parse(job.sample) as SampleSpec) : null;
    const input: WorkerInput = {
      jobId: job.id,
      uploadFile: uploadPath(job.uploadKey),
      partialFile: sample ? partialUploadPath(job.uploadKey, newId()) : null,
      sample,
      outDir: jobDir(job.id),
      options: parseStoredOptions(job.options),
      keepRejected: KEEP_REJECTED,
    };
    ensureDir(uploadsDir());
    let worker = this.ready;
    this.ready = null;
    if (worker) {
      worker.ref();
      worker.postMessage(input);
    } else worker = spawnWorker(input);
    const state: Running = {
      worker,
      progress: null,
      since: null,
      generating: null,
      dirty: false,
      timer: setInterval(() => void this.flushProgress(job.id), PROGRESS_FLUSH_MS),
      outcome: null,
      crash: null,
      cancelled: false,
      partialFile: input.partialFile,
    };
    state.timer.unref();
    this.running.set(job.id, state);

    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "progress") {
        state.since ??= Date.now();
        state.progress = m.progress;
        state.dirty = true;
      } else if (m.type === "generating") {
        state.generating = { rows: m.rows, of: m.of, rowsPerSecond: m.rowsPerSecond };
      } else if (m.type === "sample-ready") {
        state.generating = null;
        void setJobSize(job.id, m.sizeBytes).catch((e) => console.error("[jobs] size:", e));
      } else if (m.type === "done") {
        state.outcome = completeJob(job.id, m.result, m.rejected).then(
          () => {
            void warmRollup(job.id).catch((e) => console.warn(`[jobs] reading the rollup of ${job.id}:`, e));
          },
          async (e) => {
            console.error(`[jobs] storing results of ${job.id} failed:`, e);
            await finishJob(job.id, "failed", "The results could not be stored.");
          },
        );
      } else if (m.type === "failed") {
        state.outcome = finishJob(job.id, "failed", m.message).then(() => undefined);
      }
    });
    worker.on("error", (e) => {
      state.crash =
        (e as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY"
          ? outOfMemoryMessage(workerHeapMb())
          : `The worker stopped unexpectedly: ${e instanceof Error ? e.message : String(e)}`;
    });
    worker.on("exit", (code) => void this.onExit(job, state, code));
  }

  private async onExit(job: Job, state: Running, code: number): Promise<void> {
    clearInterval(state.timer);
    if (state.partialFile) rmSync(state.partialFile, { force: true });
    try {
      if (state.outcome) {
        await state.outcome;
      } else if (!state.cancelled) {
        await finishJob(
          job.id,
          "failed",
          state.crash ?? `The worker stopped unexpectedly (exit code ${code})`,
        );
      }
    } catch (e) {
      console.error(`[jobs] finishing ${job.id} failed:`, e);
    } finally {
      this.running.delete(job.id);
      this.prepare();
      this.kick();
    }
  }

  /**
   * Loads a worker for the next job, so that job starts without the ~0.1 s
   * the worker's code takes to load. Only while no job runs: the loading
   * would take CPU from a running job.
   */
  private prepare(): void {
    if (this.ready || this.running.size > 0 || !this.poll) return;
    const worker = spawnWorker(null);
    // an idle worker keeps no process alive
    worker.unref();
    worker.once("exit", () => {
      if (this.ready === worker) this.ready = null;
    });
    worker.once("error", (e) => {
      if (this.ready !== worker) return;
      this.ready = null;
      console.warn("[jobs] a worker waiting for a job failed:", e);
    });
    this.ready = worker;
  }

  private async flushProgress(id: string): Promise<void> {
    const s = this.running.get(id);
    if (!s?.dirty || !s.progress || s.outcome) return;
    s.dirty = false;
    const { bytesRead, rowsRead, rowsPerSecond } = s.progress;
    try {
      await saveProgress(id, { bytesRead, rowsRead, rowsPerSecond });
    } catch (e) {
      console.error("[jobs] progress:", e);
    }
  }

  /** What a running job's worker last reported; null when it does not run here. */
  liveProgress(id: string): LiveState | null {
    const s = this.running.get(id);
    return s ? { progress: s.progress, since: s.since, generating: s.generating } : null;
  }

  /**
   * Stops a running job's worker (terminate: within a second even mid-chunk).
   * The caller has already marked the job cancelled in the database.
   */
  async stop(id: string): Promise<void> {
    const s = this.running.get(id);
    if (!s) return;
    s.cancelled = true;
    await s.worker.terminate();
    removeJobFiles(id);
  }
}

const g = globalThis as unknown as { __salesJobPool?: JobPool };

export function getPool(): JobPool {
  g.__salesJobPool ??= new JobPool();
  return g.__salesJobPool;
}
