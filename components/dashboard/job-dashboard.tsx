"use client";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { JobProgress } from "@/components/jobs/job-progress";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, LoadingBlock, Notice } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import type { JobDto } from "@/lib/api/types";
import { describeDelimiter, formatBytes, formatInteger, formatMs, formatRate } from "@/lib/format";
import { ApiError, isActive } from "@/lib/hooks/api-client";
import { queryKeys } from "@/lib/hooks/keys";
import { useCancelJobMutation, useDeleteJobMutation } from "@/lib/hooks/mutations";
import { useJobQuery } from "@/lib/hooks/use-job-query";
import { RerunForm } from "./rerun-form";
import { Results } from "./results";

function Header({ job }: { job: JobDto }) {
  const router = useRouter();
  const cancel = useCancelJobMutation();
  const del = useDeleteJobMutation();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const s = job.summary;
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="min-w-0 text-2xl font-bold tracking-tight break-all" data-testid="job-title">
              {job.fileName}
            </h1>
            <StatusBadge status={job.status} />
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {job.source === "sample" ? "Sample data" : formatBytes(job.sizeBytes)} · created{" "}
            <LocalTime iso={job.createdAt} />
            {s &&
              ` · ${formatInteger(s.rowsRead)} rows in ${formatMs(s.durationMs)} (${formatRate(s.rowsPerSecond)})`}
            {s && ` · ${describeDelimiter(s.delimiter)}, ${s.encoding}`}
            {job.parentId && (
              <>
                {" · re-run of "}
                <Link href={`/jobs/${job.parentId}`} className="text-blue-800 underline">
                  an earlier job
                </Link>
              </>
            )}
          </p>
        </div>
        <div className="no-print flex flex-wrap gap-2">
          {job.status === "completed" && (
            <ButtonLink href={`/jobs/${job.id}/summary`} size="sm">
              Printable summary
            </ButtonLink>
          )}
          {isActive(job.status) && (
            <Button size="sm" onClick={() => cancel.mutate(job.id)} disabled={cancel.isPending}>
              {cancel.isPending ? "Cancelling…" : "Cancel job"}
            </Button>
          )}
          <Button size="sm" variant="ghost" className="text-red-800" onClick={() => setConfirmDelete(true)}>
            Delete
          </Button>
        </div>
      </div>
      {cancel.isError && <ErrorState title="The job could not be cancelled" error={cancel.error} />}
      <ConfirmDialog
        open={confirmDelete}
        title="Delete this job?"
        confirmLabel="Delete job"
        busy={del.isPending}
        error={del.isError ? del.error.message : null}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => del.mutate(job.id, { onSuccess: () => router.push("/jobs") })}
      >
        <p>
          <strong className="break-all">{job.fileName}</strong>, its results and its files will be removed.
          This cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}

function RerunCard({ job, open = false }: { job: JobDto; open?: boolean }) {
  return (
    <Card id="rerun" className="no-print">
      <details open={open}>
        <summary className="font-semibold">Re-run with other options</summary>
        <p className="mt-1 mb-4 text-sm text-slate-600">
          Change the column mapping, aliases, date order or typo merging and process the same upload again.
        </p>
        <RerunForm job={job} />
      </details>
    </Card>
  );
}

/** The page of one job: live progress while it runs, then its results, without a reload. */
export function JobDashboard({ id, initialJob }: { id: string; initialJob?: JobDto }) {
  const qc = useQueryClient();
  const query = useJobQuery(id, initialJob);
  const job = query.data;
  const wasActive = useRef(job ? isActive(job.status) : false);

  // When a job finishes, the lists that show it are stale.
  useEffect(() => {
    if (!job) return;
    const active = isActive(job.status);
    if (wasActive.current && !active) void qc.invalidateQueries({ queryKey: queryKeys.jobs() });
    wasActive.current = active;
  }, [job, qc]);

  if (!job) {
    if (query.isError) {
      const gone = query.error instanceof ApiError && query.error.status === 404;
      return (
        <div className="grid gap-3">
          <ErrorState
            title={gone ? "This job does not exist (any more)" : "The job could not be loaded"}
            error={gone ? "It may have been deleted." : query.error}
            onRetry={gone ? undefined : () => query.refetch()}
          />
          <ButtonLink href="/jobs">All jobs</ButtonLink>
        </div>
      );
    }
    return <LoadingBlock label="Loading the job" />;
  }

  return (
    <div className="grid gap-6">
      <Header job={job} />
      {query.isError && (
        <Notice tone="warning" title="Live updates paused">
          {query.error.message} Retrying…
        </Notice>
      )}

      {isActive(job.status) && (
        <Card
          title={job.status === "queued" ? "Waiting to start" : "Processing"}
          description="The results appear here as soon as the job is done; you can leave and come back."
        >
          <JobProgress job={job} />
        </Card>
      )}

      {job.status === "failed" && (
        <>
          <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-950">
            <p className="font-semibold">The job failed</p>
            <p className="mt-1 break-words">{job.error ?? "No reason was recorded."}</p>
            <p className="mt-2 text-sm">
              What to do: check that the file is a sales CSV with a header line and that the right columns are
              mapped to Sale date, Product, Quantity and Unit price (or Revenue). Re-run below with a
              corrected mapping or date order, or{" "}
              <Link href="/" className="font-medium underline">
                upload a corrected file
              </Link>
              .
            </p>
          </div>
          <RerunCard job={job} open />
        </>
      )}

      {job.status === "cancelled" && (
        <>
          <Notice tone="warning" title="The job was cancelled">
            No results were kept. Process the same upload again below, or{" "}
            <Link href="/" className="font-medium underline">
              upload another file
            </Link>
            .
          </Notice>
          <RerunCard job={job} open />
        </>
      )}

      {job.status === "completed" && job.summary && (
        <>
          <Results job={job} summary={job.summary} />
          <RerunCard job={job} open={job.summary.rowsValid === 0} />
        </>
      )}
      {job.status === "completed" && !job.summary && (
        <ErrorState title="The job finished but its summary is missing" onRetry={() => query.refetch()} />
      )}
    </div>
  );
}
