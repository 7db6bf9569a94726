"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState, ErrorState, LoadingBlock } from "@/components/ui/states";
import { JOB_STATUSES, type JobDto, type JobStatus } from "@/lib/api/types";
import { useCancelJobMutation, useDeleteJobMutation } from "@/lib/hooks/mutations";
import { useJobsQuery } from "@/lib/hooks/use-jobs-query";
import { JobItem } from "./job-item";

const PAGE_SIZE = 20;

function parseStatus(v: string | null): JobStatus | undefined {
  return (JOB_STATUSES as readonly string[]).includes(v ?? "") ? (v as JobStatus) : undefined;
}

/** Every job, filterable by status and file name (both kept in the URL), paged by cursor. */
export function JobsList() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const status = parseStatus(searchParams.get("status"));
  const q = searchParams.get("q") ?? "";
  const [search, setSearch] = useState(q);
  const [toDelete, setToDelete] = useState<JobDto | null>(null);
  const id = useId();

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(searchParams.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    const qs = next.toString();
    // Native History API: useSearchParams follows without a server round trip.
    window.history.replaceState(null, "", qs ? `${pathname}?${qs}` : pathname);
  };

  // Search as you type, a moment after the last key.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text should trigger it
  useEffect(() => {
    if (search.trim() === q) return;
    const t = setTimeout(() => setParam("q", search.trim() || undefined), 300);
    return () => clearTimeout(t);
  }, [search]);

  const query = useJobsQuery({ status, q: q || undefined, limit: PAGE_SIZE });
  const cancel = useCancelJobMutation();
  const del = useDeleteJobMutation();
  const jobs = query.data?.pages.flatMap((p) => p.jobs) ?? [];
  const filtered = Boolean(status || q);

  return (
    <div className="grid grid-cols-1 gap-4">
      <search className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[12rem_1fr]">
        <div>
          <label htmlFor={`${id}-status`} className="mb-1 block text-sm font-medium text-slate-800">
            Status
          </label>
          <select
            id={`${id}-status`}
            value={status ?? ""}
            onChange={(e) => setParam("status", e.target.value || undefined)}
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">All statuses</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.charAt(0).toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-q`} className="mb-1 block text-sm font-medium text-slate-800">
            File name
          </label>
          <input
            id={`${id}-q`}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Search by file name"
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          />
        </div>
      </search>

      {query.isPending && <LoadingBlock label="Loading jobs" />}
      {query.isError && (
        <ErrorState title="Jobs could not be loaded" error={query.error} onRetry={() => query.refetch()} />
      )}
      {query.isSuccess && jobs.length === 0 && (
        <EmptyState title={filtered ? "No jobs match these filters" : "No jobs yet"}>
          {filtered ? (
            <Button
              size="sm"
              className="mt-2"
              onClick={() => {
                setSearch("");
                window.history.replaceState(null, "", pathname);
              }}
            >
              Clear filters
            </Button>
          ) : (
            <ButtonLink href="/" size="sm" variant="primary" className="mt-2">
              Upload a file
            </ButtonLink>
          )}
        </EmptyState>
      )}
      {cancel.isError && <ErrorState title="The job could not be cancelled" error={cancel.error} />}
      {jobs.length > 0 && (
        <ul className="grid grid-cols-1 gap-3" aria-label="Jobs">
          {jobs.map((job) => (
            <JobItem
              key={job.id}
              job={job}
              onCancel={(j) => cancel.mutate(j.id)}
              cancelling={cancel.isPending && cancel.variables === job.id}
              onDelete={(j) => {
                del.reset();
                setToDelete(j);
              }}
            />
          ))}
        </ul>
      )}
      {query.hasNextPage && (
        <div className="flex justify-center">
          <Button onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? "Loading…" : "Load more jobs"}
          </Button>
        </div>
      )}

      <ConfirmDialog
        open={toDelete !== null}
        title="Delete this job?"
        confirmLabel="Delete job"
        busy={del.isPending}
        error={del.isError ? del.error.message : null}
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          if (toDelete) del.mutate(toDelete.id, { onSuccess: () => setToDelete(null) });
        }}
      >
        <p>
          <strong className="break-all">{toDelete?.fileName}</strong>, its results and its files will be
          removed.
          {toDelete && (toDelete.status === "running" || toDelete.status === "queued")
            ? " The job is still running and will be stopped."
            : ""}{" "}
          This cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
