// One error type and one handler for every route (SPEC §9): AppError(code)
// with a code→status map, zod → 422, the rest → 500 without leaking details.
import { ZodError } from "zod";
import { PipelineError } from "../pipeline/types";
import type { ApiErrorBody } from "./types";

const STATUS = {
  bad_request: 400,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_error: 422,
  not_text: 415,
  no_header: 422,
  no_data: 422,
  missing_roles: 422,
  bad_mapping: 422,
  not_ready: 409,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = "job"): AppError => new AppError("not_found", `No such ${what}.`);

/** PipelineErrors at the edge (sniffing an upload) become 415/422 with their details. */
export function fromPipelineError(e: PipelineError): AppError {
  return new AppError(e.code, e.message, e.details);
}

function body(code: string, message: string, details?: unknown): ApiErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function errorResponse(e: unknown): Response {
  if (e instanceof AppError) {
    return Response.json(body(e.code, e.message, e.details), { status: e.status });
  }
  if (e instanceof ZodError) {
    const details = e.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const first = details[0];
    const message = first ? `Invalid ${first.path || "input"}: ${first.message}` : "Invalid input.";
    return Response.json(body("validation_error", message, details), { status: 422 });
  }
  if (e instanceof PipelineError) return errorResponse(fromPipelineError(e));
  // Prisma: the row to update or delete is gone (deleted concurrently).
  if ((e as { code?: unknown } | null)?.code === "P2025") return errorResponse(notFound());
  console.error("[api] unexpected error:", e);
  return Response.json(body("internal_error", "Something went wrong on the server."), { status: 500 });
}

/** Wraps a route handler so every thrown error goes through errorResponse. */
export function handle<A extends unknown[]>(
  fn: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
