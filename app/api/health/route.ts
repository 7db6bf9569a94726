// GET /api/health — status, version, queue depth, running jobs, database reachable
import { json } from "@/lib/api/responses";
import { otherMethods } from "@/lib/api/route";
import { getHealth } from "@/lib/jobs/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await getHealth();
  return json(health, health.status === "ok" ? 200 : 503);
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
