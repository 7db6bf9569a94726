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

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * Handlers for the methods a route does not serve (all but `allowed`): a 405
 * in the API's error format with an Allow header (Next answers them with an
 * empty body otherwise).
 */
export function otherMethods<A extends Method>(
  ...allowed: A[]
): Record<Exclude<Method, A>, (req: Request) => Promise<Response>> {
  const allow = allowed.join(", ");
  const refuse = async (req: Request) => {
    const res = errorResponse(
      new AppError("method_not_allowed", `${req.method} is not allowed here; this route takes ${allow}.`),
    );
    res.headers.set("Allow", allow);
    return res;
  };
  const others = METHODS.filter((m) => !(allowed as readonly Method[]).includes(m));
  return Object.fromEntries(others.map((m) => [m, refuse])) as Record<
    Exclude<Method, A>,
    (req: Request) => Promise<Response>
  >;
}
