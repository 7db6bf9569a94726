"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { DataFilters, DataPage, Dataset, DatasetRow } from "@/lib/api/types";
import { fetchJson, filtersToParams, jobUrl } from "./api-client";
import { type PageParams, queryKeys } from "./keys";

/** GET /api/jobs/:id/data/:dataset with the dashboard filters and paging. */
export function useJobDataQuery<D extends Dataset>(
  id: string,
  dataset: D,
  filters: DataFilters,
  page: PageParams = {},
  options: { enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: queryKeys.jobData(id, dataset, filters, page),
    queryFn: ({ signal }) => {
      const qs = filtersToParams(filters);
      if (page.offset) qs.set("offset", String(page.offset));
      if (page.limit) qs.set("limit", String(page.limit));
      const q = qs.toString();
      return fetchJson<DataPage<DatasetRow[D]>>(`${jobUrl(id)}/data/${dataset}${q ? `?${q}` : ""}`, {
        signal,
      });
    },
    enabled: options.enabled ?? true,
    // Results of a finished job never change: keep them, and keep the previous
    // page on screen while the next one loads.
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });
}
