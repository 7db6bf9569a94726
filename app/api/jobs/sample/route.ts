// POST /api/jobs/sample — {rows, errorRate?, seed?, options?} → a job over generated sample data (202)
import { readJson } from "@/lib/api/parse";
import { accepted } from "@/lib/api/responses";
import { otherMethods, route } from "@/lib/api/route";
import { createSampleJob } from "@/lib/jobs/service";
import { sampleRequestSchema } from "@/lib/validations/sample-request";

export const POST = route(async (req) => {
  const body = sampleRequestSchema.parse(await readJson(req));
  return accepted(await createSampleJob(body));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
