// Job rows → the API's JobDto (lib/api/types.ts), with progress fraction and ETA.
import type { JobDto, JobStatus } from "../api/types";
import type { Job } from "../queries/jobs";
import type { PipelineOptions, Progress, Summary } from "../pipeline/types";

export function parseStoredOptions(text: string): PipelineOptions {
  try {
    const o = JSON.parse(text) as PipelineOptions;
    return Object.freeze({ ...o, fuzzy: o.fuzzy !== false });
  } catch {
    return Object.freeze({ fuzzy: true });
  }
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/** live: the worker's latest progress when the job runs in this process. */
export function toJobDto(job: Job, live: Progress | null = null, now = Date.now()): JobDto {
  const status = job.status as JobStatus;
  const summary = status === "completed" && job.summary ? (JSON.parse(job.summary) as Summary) : null;
  const totalBytes = live?.totalBytes || job.sizeBytes;
  const bytesRead = status === "completed" ? totalBytes : (live?.bytesRead ?? job.bytesRead);
  const rowsRead = summary?.rowsRead ?? live?.rowsRead ?? job.rowsRead;
  const rowsPerSecond = summary?.rowsPerSecond ?? live?.rowsPerSecond ?? job.rowsPerSecond;
  const fraction = status === "completed" ? 1 : totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : 0;
  let etaSeconds: number | null = null;
  if (status === "running" && job.startedAt && bytesRead > 0 && totalBytes > 0) {
    const elapsed = (now - job.startedAt.getTime()) / 1000;
    const rate = bytesRead / Math.max(elapsed, 0.001);
    etaSeconds = Math.max(0, Math.round(((totalBytes - bytesRead) / rate) * 10) / 10);
  } else if (status === "completed") {
    etaSeconds = 0;
  }
  return {
    id: job.id,
    fileName: job.fileName,
    sizeBytes: job.sizeBytes,
    source: job.source === "sample" ? "sample" : "upload",
    status,
    options: parseStoredOptions(job.options),
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    progress: { bytesRead, totalBytes, rowsRead, rowsPerSecond, fraction, etaSeconds },
    error: job.error,
    summary,
    parentId: job.parentId,
  };
}
