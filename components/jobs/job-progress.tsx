import { ProgressBar } from "@/components/ui/progress-bar";
import type { JobDto } from "@/lib/api/types";
import { formatBytes, formatDuration, formatInteger, formatPercent, formatRate } from "@/lib/format";

/** Percent, rows read, rows/s and ETA of a queued or running job. */
export function JobProgress({ job, compact = false }: { job: JobDto; compact?: boolean }) {
  const p = job.progress;
  if (job.status === "queued") {
    return (
      <div className="grid gap-1">
        <ProgressBar value={null} label={`Progress of ${job.fileName}`} />
        <p className="text-sm text-slate-600">Waiting for a free worker…</p>
      </div>
    );
  }
  return (
    <div className="grid gap-1" data-testid="job-progress">
      <ProgressBar value={p.fraction} label={`Progress of ${job.fileName}`} />
      <p className="flex flex-wrap gap-x-3 gap-y-0.5 text-sm text-slate-700">
        <span className="font-medium text-slate-900">{formatPercent(p.fraction)}</span>
        {p.phase === "anomalies" && <span>second pass for the anomalies</span>}
        <span>{formatInteger(p.rowsRead)} rows</span>
        <span>{formatRate(p.rowsPerSecond)}</span>
        <span>ETA {p.etaSeconds == null ? "–" : formatDuration(p.etaSeconds)}</span>
        {!compact && (
          <span>
            {formatBytes(p.bytesRead)} of {formatBytes(p.totalBytes)}
          </span>
        )}
      </p>
    </div>
  );
}
