import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { PipelineError } from "../pipeline/types";
import { AppError, errorResponse, handle } from "./errors";

const body = async (r: Response) =>
  (await r.json()) as { error: { code: string; message: string; details?: unknown } };

describe("errorResponse", () => {
  it("maps AppError codes to their statuses", async () => {
    for (const [code, status] of [
      ["bad_request", 400],
      ["not_found", 404],
      ["conflict", 409],
      ["payload_too_large", 413],
      ["not_text", 415],
      ["missing_roles", 422],
    ] as const) {
      const r = errorResponse(new AppError(code, "m", { a: 1 }));
      expect(r.status, code).toBe(status);
      expect(await body(r)).toEqual({ error: { code, message: "m", details: { a: 1 } } });
    }
  });

  it("turns zod errors into 422 with the failing paths", async () => {
    const result = z.object({ rows: z.number() }).safeParse({ rows: "x" });
    const r = errorResponse(result.error);
    expect(r.status).toBe(422);
    const b = await body(r);
    expect(b.error.code).toBe("validation_error");
    expect(b.error.message).toContain("rows");
  });

  it("keeps the details of a PipelineError (headers and missing roles)", async () => {
    const r = errorResponse(
      new PipelineError("missing_roles", "Missing: product", { headers: ["a"], missing: ["product"] }),
    );
    expect(r.status).toBe(422);
    expect((await body(r)).error.details).toEqual({ headers: ["a"], missing: ["product"] });
  });

  it("answers anything else with a 500 that leaks nothing", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const r = errorResponse(new Error("SQLITE_CORRUPT at /srv/secret/app.db"));
    spy.mockRestore();
    expect(r.status).toBe(500);
    const text = JSON.stringify(await body(r));
    expect(text).not.toContain("secret");
    expect(text).not.toContain("SQLITE");
  });

  it("handle() routes thrown errors through errorResponse", async () => {
    const h = handle(async () => {
      throw new AppError("conflict", "already done");
    });
    expect((await h()).status).toBe(409);
  });
});
