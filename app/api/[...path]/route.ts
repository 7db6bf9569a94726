// Any other path under /api: a 404 in the API's error format (SPEC §9), not Next's HTML page.
import { AppError, errorResponse } from "@/lib/api/errors";

export const dynamic = "force-dynamic";

async function unknownRoute(req: Request): Promise<Response> {
  const path = new URL(req.url).pathname;
  return errorResponse(
    new AppError(
      "not_found",
      `No such API route: ${req.method} ${path}. The routes are listed at /api/openapi.json.`,
    ),
  );
}

export const GET = unknownRoute;
export const POST = unknownRoute;
export const PUT = unknownRoute;
export const PATCH = unknownRoute;
export const DELETE = unknownRoute;
