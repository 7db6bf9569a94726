"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { JobDto } from "@/lib/api/types";
import { formatBytes, formatCurrencyWhole, formatInteger } from "@/lib/format";
import { isActive } from "@/lib/hooks/api-client";
import { JobProgress } from "./job-progress";

/** One job in a list: name, status, live progress, figures, actions. */
export function JobItem({
  job,
  onCancel,
  onDelete,
  cancelling = false,
}: {
  job: JobDto;
  onCancel?: (job: JobDto) => void;
  onDelete?: (job: JobDto) => void;
  cancelling?: boolean;
}) {
  const rows = job.summary?.rowsRead ?? (job.progress.rowsRead || null);
  return (
    <li
      data-testid="job-item"
      data-job-id={job.id}
      className="@container grid min-w-0 grid-cols-1 gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex min-w-0 flex-1 basis-48 items-center gap-2">
          <StatusBadge status={job.status} />
          <Link
            href={`/jobs/${job.id}`}
            className="min-w-0 truncate font-medium text-blue-800 hover:underline"
            title={job.fileName}
          >
            {job.fileName}
          </Link>
        </div>
        <div className="flex gap-2">
          {onCancel && isActive(job.status) && (
            <Button size="sm" onClick={() => onCancel(job)} disabled={cancelling}>
              {cancelling ? "Cancelling…" : "Cancel"}
              <span className="sr-only"> {job.fileName}</span>
            </Button>
          )}
          {onDelete && (
            <Button size="sm" variant="ghost" onClick={() => onDelete(job)} className="text-red-800">
              Delete<span className="sr-only"> {job.fileName}</span>
            </Button>
          )}
        </div>
      </div>
      {isActive(job.status) && <JobProgress job={job} compact />}
      {job.status === "failed" && job.error && (
        <p className="line-clamp-2 text-sm text-red-800">{job.error}</p>
      )}
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm @xl:grid-cols-4">
        <div>
          <dt className="text-slate-600">Rows</dt>
          <dd className="font-medium tabular-nums">{rows == null ? "–" : formatInteger(rows)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Revenue</dt>
          <dd className="font-medium tabular-nums [overflow-wrap:anywhere]">
            {job.summary ? formatCurrencyWhole(job.summary.revenue) : "–"}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Size</dt>
          <dd className="tabular-nums">
            {job.source === "sample" && !job.sizeBytes ? "sample data" : formatBytes(job.sizeBytes)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Created</dt>
          <dd>
            <LocalTime iso={job.createdAt} />
          </dd>
        </div>
      </dl>
    </li>
  );
}
