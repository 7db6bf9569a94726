"use client";
// One mutation hook per write endpoint; each refreshes the queries it affects.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { JobDto } from "@/lib/api/types";
import type { JobOptionsInput } from "@/lib/validations/job-options";
import { fetchJson, jobUrl, postJson } from "./api-client";
import { queryKeys } from "./keys";
import { type UploadProgress, uploadJob } from "./upload";

/** POST /api/jobs (multipart, with upload progress) */
export function useUploadJobMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      file: File;
      options: JobOptionsInput;
      onProgress: (p: UploadProgress) => void;
      signal?: AbortSignal;
    }) => uploadJob(v.file, v.options, v.onProgress, v.signal),
    onSuccess: (job) => {
      qc.setQueryData(queryKeys.job(job.id), job);
      void qc.invalidateQueries({ queryKey: queryKeys.jobs() });
    },
  });
}

export interface SampleRequest {
  rows: number;
  errorRate?: number;
  seed?: number;
}

/** POST /api/jobs/sample */
export function useSampleJobMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: SampleRequest) => postJson<JobDto>("/api/jobs/sample", v),
    onSuccess: (job) => {
      qc.setQueryData(queryKeys.job(job.id), job);
      void qc.invalidateQueries({ queryKey: queryKeys.jobs() });
    },
  });
}

/** POST /api/jobs/:id/cancel */
export function useCancelJobMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => postJson<JobDto | undefined>(`${jobUrl(id)}/cancel`, {}),
    onSettled: (_data, _err, id) => {
      void qc.invalidateQueries({ queryKey: queryKeys.job(id), exact: true });
      void qc.invalidateQueries({ queryKey: queryKeys.jobs() });
    },
  });
}

/** POST /api/jobs/:id/rerun */
export function useRerunJobMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; options: JobOptionsInput }) =>
      postJson<JobDto>(`${jobUrl(v.id)}/rerun`, { options: v.options }),
    onSuccess: (job) => {
      qc.setQueryData(queryKeys.job(job.id), job);
      void qc.invalidateQueries({ queryKey: queryKeys.jobs() });
    },
  });
}

/** DELETE /api/jobs/:id */
export function useDeleteJobMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<void>(jobUrl(id), { method: "DELETE" }),
    onSuccess: (_data, id) => {
      qc.removeQueries({ queryKey: queryKeys.job(id) });
      void qc.invalidateQueries({ queryKey: queryKeys.jobs() });
    },
  });
}
