// GET /api/jobs — the job list, newest first; POST /api/jobs — stream an upload to disk and queue a job
import { parseListQuery } from "@/lib/api/parse";
import { accepted, json } from "@/lib/api/responses";
import { otherMethods, route } from "@/lib/api/route";
import { createUploadJob, listJobDtos } from "@/lib/jobs/service";
import { receiveUpload } from "@/lib/jobs/upload";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => json(await listJobDtos(parseListQuery(new URL(req.url)))));

export const POST = route(async (req) => accepted(await createUploadJob(await receiveUpload(req))));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
