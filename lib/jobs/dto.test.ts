import { describe, expect, it } from "vitest";
import { summaryJson } from "../pipeline/outputs";
import type { Summary } from "../pipeline/types";
import type { Job } from "../queries/jobs";
import { toJobDto } from "./dto";

const base: Job = {
  id: "AAAAAAAAAAAAAAAAAAAAAA",
  fileName: "sales.csv",
  sizeBytes: 1000,
  source: "upload",
  uploadKey: "BBBBBBBBBBBBBBBBBBBBBB",
  status: "queued",
  options: '{"fuzzy":false}',
  sample: null,
  parentId: null,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  startedAt: null,
  finishedAt: null,
  bytesRead: 0,
  rowsRead: 0,
  rowsPerSecond: 0,
  error: null,
  summary: null,
  attempts: 0,
};

describe("toJobDto", () => {
  it("shows a queued job with no progress and its options", () => {
    const d = toJobDto(base);
    expect(d.progress).toEqual({
      bytesRead: 0,
      totalBytes: 1000,
      rowsRead: 0,
      rowsPerSecond: 0,
      fraction: 0,
      etaSeconds: null,
      phase: null,
    });
    expect(d.options).toEqual({ fuzzy: false });
    expect(d.summary).toBeNull();
  });

  it("computes fraction and ETA of a running job from the worker's live progress", () => {
    const started = Date.parse("2026-01-01T00:00:10Z");
    const job = { ...base, status: "running", startedAt: new Date(started - 5000), bytesRead: 100 };
    const live = {
      progress: { bytesRead: 250, totalBytes: 1000, rowsRead: 2500, rowsPerSecond: 1000 },
      since: started,
      generating: null,
    };
    const d = toJobDto(job, live, started + 1000); // 250 bytes in 1 s → 750 left → 3 s
    expect(d.progress).toMatchObject({
      bytesRead: 250,
      rowsRead: 2500,
      fraction: 0.25,
      etaSeconds: 3,
      phase: "processing",
    });
  });

  it("reports the second pass for the anomalies with its own fraction and no ETA", () => {
    const started = Date.parse("2026-01-01T00:00:10Z");
    const job = { ...base, status: "running", startedAt: new Date(started - 5000) };
    const progress = {
      bytesRead: 400,
      totalBytes: 1000,
      rowsRead: 5000,
      rowsPerSecond: 1000,
      secondPass: true,
    };
    const d = toJobDto(job, { progress, since: started, generating: null }, started + 6000);
    expect(d.progress).toMatchObject({ bytesRead: 400, fraction: 0.4, etaSeconds: null, phase: "anomalies" });
  });

  it("reports the generation phase of a sample job", () => {
    const job = { ...base, status: "running", source: "sample", sizeBytes: 0, startedAt: new Date() };
    const live = { progress: null, since: null, generating: { rows: 250, of: 1000, rowsPerSecond: 250 } };
    expect(toJobDto(job, live).progress).toMatchObject({
      fraction: 0.25,
      etaSeconds: 3,
      phase: "generating",
    });
  });

  it("completes at fraction 1 with the summary, and clamps an over-count", () => {
    const summary = { rowsRead: 10, rowsPerSecond: 5, revenue: 12.5, profit: null, quantity: 3 };
    const done = toJobDto({ ...base, status: "completed", summary: JSON.stringify(summary) });
    expect(done.progress).toMatchObject({ fraction: 1, etaSeconds: 0, rowsRead: 10, bytesRead: 1000 });
    expect(done.summary).toEqual(summary);
    const over = toJobDto({ ...base, status: "running", startedAt: new Date(), bytesRead: 1500 });
    expect(over.progress.fraction).toBe(1);
    expect(over.progress.etaSeconds).toBe(0);
  });

  it("shows money rounded to cents, as the job's summary.json does", () => {
    // 1 × 10.01 at 15% off: 8.5085 as computed, 8.51 in summary.json
    const summary = { rowsRead: 1, revenue: 8.5085, profit: -0.125, quantity: 1.23456 };
    const done = toJobDto({ ...base, status: "completed", summary: JSON.stringify(summary) });
    expect(done.summary).toMatchObject({ rowsRead: 1, revenue: 8.51, profit: -0.13 });
    expect(done.summary).toEqual(JSON.parse(summaryJson(summary as unknown as Summary)));
  });
});
