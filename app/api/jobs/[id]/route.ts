// GET /api/jobs/:id — the job with progress and, when completed, its summary; DELETE — job, rows and files
import { parseJobId } from "@/lib/api/parse";
import { json, noContent } from "@/lib/api/responses";
import { otherMethods, route } from "@/lib/api/route";
import { deleteJob, getJobDto } from "@/lib/jobs/service";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async (_req, { id }) => json(await getJobDto(parseJobId(id))));

export const DELETE = route<{ id: string }>(async (_req, { id }) => {
  await deleteJob(parseJobId(id));
  return noContent();
});

export const { POST, PUT, PATCH } = otherMethods("GET", "DELETE");
