// GET /api/jobs/:id/data/:dataset — rollup datasets with filters (from, to, region, category, product) and paging
import { parseDataQuery, parseDataset, parseJobId } from "@/lib/api/parse";
import { json } from "@/lib/api/responses";
import { otherMethods, route } from "@/lib/api/route";
import { getDataset } from "@/lib/jobs/data";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string; dataset: string }>(async (req, params) => {
  const id = parseJobId(params.id);
  const dataset = parseDataset(params.dataset);
  const { filters, offset, limit } = parseDataQuery(new URL(req.url));
  return json(await getDataset(id, dataset, filters, { offset, limit }));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
