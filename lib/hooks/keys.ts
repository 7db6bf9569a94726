// Structured react-query keys: everything about one job lives under ['job', id].
import type { DataFilters, Dataset, JobStatus } from "@/lib/api/types";

export interface JobsListParams {
  status?: JobStatus;
  q?: string;
  limit?: number;
}

export interface PageParams {
  offset?: number;
  limit?: number;
}

export const queryKeys = {
  jobs: () => ["jobs"] as const,
  jobsList: (params: JobsListParams) => ["jobs", params] as const,
  job: (id: string) => ["job", id] as const,
  jobData: (id: string, dataset: Dataset, filters: DataFilters, page: PageParams) =>
    ["job", id, "data", dataset, filters, page] as const,
};
