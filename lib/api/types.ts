// JSON shapes of the HTTP API (SPEC §9), shared by route handlers and the UI.
import type {
  AnomalyRow,
  CategoryRow,
  CleaningRow,
  MonthlyRow,
  PipelineOptions,
  ProductRow,
  RegionRow,
  RejectReason,
  Summary,
} from "../pipeline/types";
import { RESULT_FILES } from "../pipeline/types";

export const JOB_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobProgress {
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
  rowsPerSecond: number;
  /** 0..1 */
  fraction: number;
  /** seconds, null when unknown */
  etaSeconds: number | null;
  /**
   * What the running worker is doing: sample jobs first generate their file
   * (fraction and ETA then describe the generation), then every job processes;
   * a file whose anomalies a first pass could not keep is read once more
   * ("anomalies": fraction of that pass, no ETA). Absent on older responses;
   * null when the job is not running.
   */
  phase?: "generating" | "processing" | "anomalies" | null;
}

export interface JobDto {
  id: string;
  fileName: string;
  sizeBytes: number;
  source: "upload" | "sample";
  status: JobStatus;
  options: PipelineOptions;
  createdAt: string; // ISO
  startedAt: string | null;
  finishedAt: string | null;
  progress: JobProgress;
  error: string | null;
  /** present when completed */
  summary: Summary | null;
  /** the job this one re-ran, if any */
  parentId: string | null;
}

export interface JobListDto {
  jobs: JobDto[];
  /** pass as ?cursor= for the next page; null on the last page */
  nextCursor: string | null;
}

export const DATASETS = [
  "monthly",
  "products",
  "regions",
  "categories",
  "anomalies",
  "rejected",
  "cleaning",
] as const;
export type Dataset = (typeof DATASETS)[number];

/** filters of GET /api/jobs/:id/data/:dataset (query: from, to as YYYY-MM; region, category, product repeatable) */
export interface DataFilters {
  from?: string;
  to?: string;
  region?: string[];
  category?: string[];
  product?: string[];
}

export interface RejectedRowDto {
  line: number;
  reason: RejectReason;
  raw: string;
}

/** Every data response: rows plus paging. */
export interface DataPage<T> {
  dataset: Dataset;
  rows: T[];
  /** rows matching before paging */
  total: number;
  /**
   * `rejected` only: the rejected rows of the whole file. The server keeps the
   * first 10,000 (`total`); rejected_rows.csv has every one.
   */
  inFile?: number;
  offset: number;
  limit: number;
  /** KPI totals over the filtered rollup, on monthly/products/regions/categories */
  totals?: { revenue: number; quantity: number; transactions: number; profit: number | null };
}

export type DatasetRow = {
  monthly: MonthlyRow;
  products: ProductRow;
  regions: RegionRow;
  categories: CategoryRow;
  anomalies: AnomalyRow;
  rejected: RejectedRowDto;
  cleaning: CleaningRow;
};

export const DOWNLOAD_FILES = [...RESULT_FILES, "all.zip"] as const;
export type DownloadFile = (typeof DOWNLOAD_FILES)[number];

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export interface HealthDto {
  status: "ok" | "degraded";
  version: string;
  queueDepth: number;
  running: number;
  /** a job worker is loaded and waiting: the next job starts without loading one */
  workerReady: boolean;
  database: boolean;
}
