// GET /api/openapi.json — the OpenAPI 3.1 document of this API
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(openApiDocument);
}
