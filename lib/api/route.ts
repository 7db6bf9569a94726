// Wraps a route handler: start-up done (migrations, pool), errors through errorResponse.
import { ensureStarted } from "../jobs/startup";
import { handle } from "./errors";
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
