// GET /api/jobs/:id/download/:file — one result file of SPEC §5 as an attachment, or all.zip
import { parseDownloadFile, parseJobId } from "@/lib/api/parse";
import { attachment } from "@/lib/api/responses";
import { otherMethods, route } from "@/lib/api/route";
import { openDownload } from "@/lib/jobs/downloads";
import { requireJob } from "@/lib/jobs/service";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string; file: string }>(async (_req, params) => {
  const id = parseJobId(params.id);
  const file = parseDownloadFile(params.file);
  const job = await requireJob(id);
  const d = openDownload(id, job.status, file);
  return attachment(d.body, file, d.contentType, d.size);
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
