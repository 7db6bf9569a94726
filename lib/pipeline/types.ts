// Public types of the streaming core (SPEC §2–7). Everything here is plain data:
// the CLI, the worker thread, the database layer and the UI all speak it.

import type { RollupColumns } from "./rollup";
export const ROLES = [
  "order_id",
  "sale_date",
  "product",
  "category",
  "region",
  "quantity",
  "unit_price",
  "discount",
  "revenue",
  "profit",
  "customer",
] as const;
export type Role = (typeof ROLES)[number];

/** role → header name as written in the file */
export type Mapping = Partial<Record<Role, string>>;

/** Normalised, read-only options that travel inward (see lib/validations/job-options.ts). */
export interface PipelineOptions {
  /** explicit role → header overrides; roles not named are detected from the header */
  readonly mapping?: Mapping;
  /** extra aliases {"from": "to"}, matched by grouping key, for product/region/category */
  readonly aliases?: Readonly<Record<string, string>>;
  /** undefined = decide from the data (SPEC §3) */
  readonly dayFirst?: boolean;
  /** typo merge, on by default */
  readonly fuzzy: boolean;
}

export const REJECT_REASONS = [
  "field_count",
  "missing_date",
  "invalid_date",
  "missing_product",
  "missing_quantity",
  "invalid_quantity",
  "non_positive_quantity",
  "missing_price",
  "invalid_price",
  "negative_price",
  "invalid_discount",
  "missing_revenue",
  "invalid_revenue",
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const REPAIR_CODES = [
  "quantity_text",
  "price_currency",
  "price_format",
  "discount_percent_sign",
  "missing_discount",
  "missing_region",
  "missing_category",
] as const;
export type RepairCode = (typeof REPAIR_CODES)[number];

/** the files of a job's results (SPEC §5), in the order they are listed */
export const RESULT_FILES = [
  "summary.json",
  "monthly_sales.csv",
  "products.csv",
  "regions.csv",
  "categories.csv",
  "anomalies.csv",
  "rejected_rows.csv",
  "cleaning_report.csv",
] as const;
export type ResultFile = (typeof RESULT_FILES)[number];

/**
 * exact distinct order ids up to this many, then a HyperLogLog estimate
 * (±0.4%): a larger exact set costs a cache miss per row (~0.4 µs measured)
 */
export const ORDER_SET_MAX = 50_000;

/** `summary.orders` is a HyperLogLog estimate (more distinct ids than are counted exactly) */
export function ordersEstimated(orders: number | null): boolean {
  return orders !== null && orders > ORDER_SET_MAX;
}

export interface Summary {
  rowsRead: number;
  rowsValid: number;
  rowsRejected: number;
  rejectedByReason: Partial<Record<RejectReason, number>>;
  repairs: Partial<Record<RepairCode, number>>;
  revenue: number;
  quantity: number;
  profit: number | null;
  transactions: number;
  orders: number | null;
  dateFrom: string | null;
  dateTo: string | null;
  anomalies: number;
  mapping: Mapping;
  delimiter: string;
  encoding: "utf-8" | "windows-1252";
  dayFirst: boolean;
  durationMs: number;
  rowsPerSecond: number;
}

export interface MonthlyRow {
  month: string; // YYYY-MM
  revenue: number;
  profit: number | null;
  quantity: number;
  transactions: number;
  avgDiscount: number;
}

export interface ProductRow {
  product: string;
  category: string;
  revenue: number;
  profit: number | null;
  quantity: number;
  transactions: number;
}

export interface RegionRow {
  region: string;
  revenue: number;
  profit: number | null;
  quantity: number;
  transactions: number;
  revenueShare: number;
}

export interface CategoryRow {
  category: string;
  revenue: number;
  profit: number | null;
  quantity: number;
  transactions: number;
  avgDiscount: number;
}

export interface AnomalyRow {
  line: number;
  orderId: string;
  saleDate: string; // as written in the file
  product: string; // display name
  region: string; // display name
  /** the row's own category (display name): in the database for the dashboard's filter, not a column of anomalies.csv */
  category: string;
  quantity: number;
  unitPrice: number | null;
  discount: number;
  revenue: number;
  score: number;
  reason: string;
}

export type NameField = "product" | "region" | "category";

export interface CleaningRow {
  field: NameField;
  original: string;
  canonical: string;
  rows: number;
}

/** one cell of the (month, region, category, product) rollup of SPEC §7 */
export interface RollupRow {
  month: string;
  region: string;
  category: string;
  product: string;
  revenue: number;
  profit: number; // 0 when profit is unmapped
  quantity: number;
  transactions: number;
  /** Σ revenue × discount, for revenue-weighted average discounts */
  discountRevenue: number;
  /** Σ discount, for plain-mean average discounts */
  discountSum: number;
}

export interface PipelineResult {
  summary: Summary;
  monthly: MonthlyRow[];
  products: ProductRow[];
  regions: RegionRow[];
  categories: CategoryRow[];
  anomalies: AnomalyRow[];
  cleaning: CleaningRow[];
  /** by (month, region, category, product), as columns (rollup.ts; rollupRows makes objects of them) */
  rollup: RollupColumns;
}

export interface Progress {
  /** of the pass under way */
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
  rowsPerSecond: number;
  /** the file is read a second time for the anomalies (SPEC §6: rows a first pass could not keep) */
  secondPass?: boolean;
}

/** Called once per rejected row, in file order. */
export type RejectSink = (line: number, reason: RejectReason, raw: string) => void;

/**
 * Optional, tried before the RejectSink: the rejected row's raw text given as
 * its UTF-8 bytes b[a, e) (valid UTF-8, no longer than the raw limit), so a
 * writer can copy them without decoding. Returns false to have it passed to
 * the RejectSink as text instead (the row is then not seen here).
 */
export type RejectBytesSink = (
  line: number,
  reason: RejectReason,
  b: Uint8Array,
  a: number,
  e: number,
) => boolean;

/** Fatal input problems: the job is refused before (or instead of) processing. */
export type PipelineErrorCode =
  | "not_text" // NUL byte in the first 64 KiB → HTTP 415
  | "no_header" // empty file → 422
  | "no_data" // header but no data rows → 422
  | "missing_roles" // required role unmapped → 422
  | "bad_mapping"; // mapping names a header not in the file, or one header for two roles → 422

export class PipelineError extends Error {
  readonly code: PipelineErrorCode;
  readonly details?: { headers?: string[]; missing?: Role[]; [k: string]: unknown };
  constructor(code: PipelineErrorCode, message: string, details?: PipelineError["details"]) {
    super(message);
    this.name = "PipelineError";
    this.code = code;
    this.details = details;
  }
}

/** a header and nothing after it but blank lines (SPEC §2: 422) */
export function noDataError(headers: string[]): PipelineError {
  return new PipelineError("no_data", `The file has a header (${headers.join(", ")}) but no data rows.`, {
    headers,
  });
}
