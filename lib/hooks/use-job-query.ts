"use client";
import { useQuery } from "@tanstack/react-query";
import type { JobDto } from "@/lib/api/types";
import { fetchJson, jobUrl } from "./api-client";
import { queryKeys } from "./keys";

/** GET /api/jobs/:id — polled once a second while the job runs, every 2 s while queued, never after. */
export function useJobQuery(id: string, initialData?: JobDto) {
  return useQuery({
    queryKey: queryKeys.job(id),
    queryFn: ({ signal }) => fetchJson<JobDto>(jobUrl(id), { signal }),
    initialData,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      if (status === "running") return 1000;
      if (status === "queued") return 2000;
      return false;
    },
  });
}
