// GET /api/jobs/:id/data/:dataset: picks the query for a dataset.
import { AppError } from "../api/errors";
import type { DataFilters, DataPage, Dataset, DatasetRow } from "../api/types";
import type { Summary } from "../pipeline/types";
import {
  anomaliesData,
  categoriesData,
  cleaningData,
  monthlyData,
  type Paging,
  productsData,
  regionsData,
  rejectedData,
} from "../queries/datasets";
import { requireJob } from "./service";

export async function getDataset(
  jobId: string,
  dataset: Dataset,
  filters: DataFilters,
  page: Paging,
): Promise<DataPage<DatasetRow[Dataset]>> {
  const job = await requireJob(jobId);
  if (job.status !== "completed" || !job.summary) {
    throw new AppError("not_ready", `The job is ${job.status}; its data exists once it completes.`);
  }
  const summary = JSON.parse(job.summary) as Summary;
  const hasProfit = summary.profit !== null;
  switch (dataset) {
    case "monthly":
      return monthlyData(jobId, filters, page, hasProfit);
    case "products":
      return productsData(jobId, filters, page, hasProfit);
    case "regions":
      return regionsData(jobId, filters, page, hasProfit);
    case "categories":
      return categoriesData(jobId, filters, page, hasProfit);
    case "anomalies":
      return anomaliesData(jobId, filters, page);
    case "cleaning":
      return cleaningData(jobId, page);
    case "rejected":
      return rejectedData(jobId, page, summary.rowsRejected);
  }
}
