// Wraps a route handler: start-up done (migrations, pool), errors through errorResponse.
import { ensureStarted } from "../jobs/startup";
import { AppError, errorResponse, handle } from "./errors";
import { parseJobId } from "./parse";

export type Ctx<P extends Record<string, string>> = { params: Promise<P> };

export function route<P extends Record<string, string>>(
  fn: (req: Request, params: P) => Promise<Response>,
): (req: Request, ctx: Ctx<P>) => Promise<Response> {
  return handle(async (req: Request, ctx: Ctx<P>) => {
    const params = ctx?.params ? await ctx.params : ({} as P);
    // A malformed id is a 404 before anything touches the database or the disk.
    if ("id" in params) parseJobId(params.id as string);
    await ensureStarted();
    return fn(req, params);
  });
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Handlers for the methods a route does not serve: a 405 in the API's error
 * format with an Allow header (Next answers them with an empty body
 * otherwise). `allowed` is what the route does serve.
 */
export function otherMethods<M extends Method>(
  allowed: readonly Method[],
  ...methods: M[]
): Record<M, (req: Request) => Promise<Response>> {
  const allow = allowed.join(", ");
  const out = {} as Record<M, (req: Request) => Promise<Response>>;
  for (const m of methods) {
    out[m] = async (req: Request) => {
      const res = errorResponse(
        new AppError("method_not_allowed", `${req.method} is not allowed here; this route takes ${allow}.`),
      );
      res.headers.set("Allow", allow);
      return res;
    };
  }
  return out;
}
