// POST /api/jobs/:id/rerun — {options} → a new job over the same upload (202, parentId set)
import { parseJobId, readJson, rerunBodySchema } from "@/lib/api/parse";
import { accepted } from "@/lib/api/responses";
import { otherMethods, route } from "@/lib/api/route";
import { rerunJob } from "@/lib/jobs/service";

export const POST = route<{ id: string }>(async (req, params) => {
  const id = parseJobId(params.id);
  const body = rerunBodySchema.parse(await readJson(req));
  return accepted(await rerunJob(id, body.options));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
