// Browser side of the HTTP API (SPEC §9): one fetch wrapper that turns the
// `{"error": {...}}` bodies into ApiError, and the query-string builders.
import type { ApiErrorBody, DataFilters, JobStatus } from "@/lib/api/types";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Reads an error body if there is one; falls back to the status text. */
export function toApiError(status: number, statusText: string, body: unknown): ApiError {
  const err = (body as Partial<ApiErrorBody> | null)?.error;
  if (err && typeof err.message === "string") {
    return new ApiError(status, err.code ?? "error", err.message, err.details);
  }
  return new ApiError(status, "http_error", `Request failed: ${status} ${statusText}`.trim());
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { Accept: "application/json", ...(init?.headers ?? {}) },
    });
  } catch {
    throw new ApiError(0, "network", "The server could not be reached. Check your connection and try again.");
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) throw toApiError(res.status, res.statusText, body);
  return body as T;
}

export function postJson<T>(url: string, payload: unknown): Promise<T> {
  return fetchJson<T>(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload),
  });
}

/** from/to/region/category/product as query parameters (repeatable for the lists). */
export function filtersToParams(filters: DataFilters, params = new URLSearchParams()): URLSearchParams {
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  for (const r of filters.region ?? []) params.append("region", r);
  for (const c of filters.category ?? []) params.append("category", c);
  for (const p of filters.product ?? []) params.append("product", p);
  return params;
}

export function hasFilters(filters: DataFilters): boolean {
  return Boolean(
    filters.from ||
      filters.to ||
      filters.region?.length ||
      filters.category?.length ||
      filters.product?.length,
  );
}

export function isActive(status: JobStatus): boolean {
  return status === "queued" || status === "running";
}

export const jobUrl = (id: string) => `/api/jobs/${encodeURIComponent(id)}`;
export const downloadUrl = (id: string, file: string) => `${jobUrl(id)}/download/${file}`;
