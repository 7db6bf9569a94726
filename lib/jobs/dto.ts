// Job rows → the API's JobDto (lib/api/types.ts), with progress fraction and ETA.
import type { JobDto, JobStatus } from "../api/types";
import type { Job } from "../queries/jobs";
import { roundedSummary } from "../pipeline/outputs";
import type { PipelineOptions, Summary } from "../pipeline/types";
import type { LiveState } from "./pool";

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

/** live: what the worker last reported, when the job runs in this process. */
export function toJobDto(job: Job, liveState: LiveState | null = null, now = Date.now()): JobDto {
  const status = job.status as JobStatus;
  // as the job's summary.json shows it
  const summary =
    status === "completed" && job.summary ? roundedSummary(JSON.parse(job.summary) as Summary) : null;
  const live = status === "running" ? (liveState?.progress ?? null) : null;
  const generating = status === "running" ? (liveState?.generating ?? null) : null;
  let progress: JobDto["progress"];
  if (generating) {
    const rate = generating.rowsPerSecond;
    progress = {
      bytesRead: 0,
      totalBytes: 0,
      rowsRead: 0,
      rowsPerSecond: rate,
      fraction: generating.of > 0 ? Math.min(1, generating.rows / generating.of) : 0,
      etaSeconds: rate > 0 ? Math.round(((generating.of - generating.rows) / rate) * 10) / 10 : null,
      phase: "generating",
    };
  } else {
    const totalBytes = live?.totalBytes || job.sizeBytes;
    const bytesRead = status === "completed" ? totalBytes : (live?.bytesRead ?? job.bytesRead);
    const fraction = status === "completed" ? 1 : totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : 0;
    let etaSeconds: number | null = null;
    const since = liveState?.since ?? job.startedAt?.getTime() ?? null;
    // the second pass for the anomalies: its own fraction, and no rate to time it by
    const second = live?.secondPass === true;
    if (status === "running" && !second && since !== null && bytesRead > 0 && totalBytes > 0) {
      const elapsed = (now - since) / 1000;
      const rate = bytesRead / Math.max(elapsed, 0.001);
      etaSeconds = Math.max(0, Math.round(((totalBytes - Math.min(bytesRead, totalBytes)) / rate) * 10) / 10);
    } else if (status === "completed") {
      etaSeconds = 0;
    }
    progress = {
      bytesRead,
      totalBytes,
      rowsRead: summary?.rowsRead ?? live?.rowsRead ?? job.rowsRead,
      rowsPerSecond: summary?.rowsPerSecond ?? live?.rowsPerSecond ?? job.rowsPerSecond,
      fraction,
      etaSeconds,
      phase: status === "running" ? (second ? "anomalies" : "processing") : null,
    };
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
    progress,
    error: job.error,
    summary,
    parentId: job.parentId,
  };
}
