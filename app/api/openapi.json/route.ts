// GET /api/openapi.json — the OpenAPI 3.1 document of this API
import { openApiDocument } from "@/lib/api/openapi";
import { otherMethods } from "@/lib/api/route";

export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(openApiDocument);
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
