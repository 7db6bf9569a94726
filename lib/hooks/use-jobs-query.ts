"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import type { JobListDto } from "@/lib/api/types";
import { fetchJson, isActive } from "./api-client";
import { type JobsListParams, queryKeys } from "./keys";

/** GET /api/jobs — newest first, paged by cursor; re-polled while any listed job is queued or running. */
export function useJobsQuery(params: JobsListParams) {
  return useInfiniteQuery({
    queryKey: queryKeys.jobsList(params),
    queryFn: ({ pageParam, signal }) => {
      const qs = new URLSearchParams();
      if (params.status) qs.set("status", params.status);
      if (params.q) qs.set("q", params.q);
      if (params.limit) qs.set("limit", String(params.limit));
      if (pageParam) qs.set("cursor", pageParam);
      return fetchJson<JobListDto>(`/api/jobs?${qs}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.jobs.some((j) => isActive(j.status))) ? 1500 : false,
  });
}
