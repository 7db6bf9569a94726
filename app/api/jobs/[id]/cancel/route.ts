// POST /api/jobs/:id/cancel — cancel a queued or running job (409 when already finished)
import { parseJobId } from "@/lib/api/parse";
import { json } from "@/lib/api/responses";
import { otherMethods, route } from "@/lib/api/route";
import { cancelJob } from "@/lib/jobs/service";

export const POST = route<{ id: string }>(async (_req, { id }) => json(await cancelJob(parseJobId(id))));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
