// Request parsing for the route handlers: ids, query strings and JSON bodies,
// built from small zod pieces.
import { z } from "zod";
import { isId } from "../jobs/storage";
import { jobOptionsSchema } from "../validations/job-options";
import { AppError, notFound } from "./errors";
import {
  DATASETS,
  type DataFilters,
  type Dataset,
  DOWNLOAD_FILES,
  type DownloadFile,
  JOB_STATUSES,
} from "./types";

/** A malformed id is a 404 before any database or disk access. */
export function parseJobId(value: string): string {
  if (!isId(value)) throw notFound();
  return value;
}

export function parseDataset(value: string): Dataset {
  const d = DATASETS.find((x) => x === value);
  if (!d) throw notFound("dataset");
  return d;
}

/** Returns our constant, never the request's string. */
export function parseDownloadFile(value: string): DownloadFile {
  const f = DOWNLOAD_FILES.find((x) => x === value);
  if (!f) throw notFound("file");
  return f;
}

const intFrom = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected YYYY-MM");
const name = z.string().min(1).max(500);

export const listQuerySchema = z.object({
  /** repeatable: jobs in any of these states */
  status: z.array(z.enum(JOB_STATUSES)).max(JOB_STATUSES.length).optional(),
  q: z.string().max(200).optional(),
  limit: intFrom(1, 100, 20),
  cursor: z.string().refine(isId, "not a job id").optional(),
});

export const pagingSchema = z.object({
  offset: intFrom(0, 1_000_000_000, 0),
  limit: intFrom(1, 10_000, 1000),
});

const filtersSchema = z.object({
  from: month.optional(),
  to: month.optional(),
  region: z.array(name).max(1000).optional(),
  category: z.array(name).max(1000).optional(),
  product: z.array(name).max(1000).optional(),
});

function queryObject(url: URL, repeatable: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    out[key] = repeatable.includes(key) ? values : values[values.length - 1];
  }
  return out;
}

export function parseListQuery(url: URL) {
  const q = queryObject(url, ["status"]);
  if (q.q === "") delete q.q;
  const statuses = [...new Set((q.status as string[] | undefined)?.filter((s) => s !== "") ?? [])];
  if (statuses.length > 0) q.status = statuses;
  else delete q.status;
  return listQuerySchema.parse(q);
}

export function parseDataQuery(url: URL): { filters: DataFilters; offset: number; limit: number } {
  const q = queryObject(url, ["region", "category", "product"]);
  // an empty parameter is no filter (a form left blank), for the lists as for the months
  for (const k of ["from", "to"]) if (q[k] === "") delete q[k];
  for (const k of ["region", "category", "product"])
    q[k] = (q[k] as string[] | undefined)?.filter((v) => v !== "");
  const filters = filtersSchema.parse({
    from: q.from,
    to: q.to,
    region: q.region,
    category: q.category,
    product: q.product,
  });
  const { offset, limit } = pagingSchema.parse({ offset: q.offset, limit: q.limit });
  return { filters: stripEmpty(filters), offset, limit };
}

function stripEmpty(f: DataFilters): DataFilters {
  const out: DataFilters = {};
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (f.region?.length) out.region = f.region;
  if (f.category?.length) out.category = f.category;
  if (f.product?.length) out.product = f.product;
  return out;
}

/** A small JSON body (never an upload): at most 1 MiB; an empty body is {}. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.length > 1024 * 1024) throw new AppError("payload_too_large", "The JSON body is too large.");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
}

/** The `options` of an upload (form field or ?options=) as JSON text. */
export function parseOptionsText(text: string | null | undefined): unknown {
  if (text === null || text === undefined || text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "options is not valid JSON.");
  }
}

export const rerunBodySchema = z.object({ options: jobOptionsSchema.optional() }).strict();
