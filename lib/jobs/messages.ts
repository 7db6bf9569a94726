// What the pool and a job worker say to each other (plain, structured-clonable data).
import type { PipelineOptions, PipelineResult, Progress, RejectReason } from "../pipeline/types";

export interface SampleSpec {
  rows: number;
  errorRate?: number;
  seed?: number;
}

export interface WorkerInput {
  jobId: string;
  /** the stored upload (absolute) */
  uploadFile: string;
  /** for sample jobs whose data is not generated yet: where to write it before renaming */
  partialFile: string | null;
  sample: SampleSpec | null;
  /** DATA_DIR/jobs/<id>/ (absolute) */
  outDir: string;
  options: PipelineOptions;
  /** how many rejected rows to hand back for the database */
  keepRejected: number;
}

/**
 * A job's results as the worker hands them over: the rollup itself stays in
 * its rollup.columns file (a SKU-level job has hundreds of thousands of cells).
 */
export type StoredResult = Omit<PipelineResult, "rollup">;

export type WorkerMessage =
  | { type: "progress"; progress: Progress }
  | { type: "generating"; rows: number; of: number; rowsPerSecond: number }
  | { type: "sample-ready"; sizeBytes: number }
  | {
      type: "done";
      result: StoredResult;
      rejected: { line: number; reason: RejectReason; raw: string }[];
    }
  | { type: "failed"; message: string; code: string | null };
