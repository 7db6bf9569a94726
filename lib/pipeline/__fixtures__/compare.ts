// Comparing results whose row order or chunking differed.

import { datasetCsv, summaryJson } from "../outputs";
import { rollupRows } from "../rollup";
import type { PipelineResult } from "../types";
import type { RunOutput } from "./run";

/** everything a user sees, with the wall-clock fields removed */
export function observable(r: PipelineResult): Record<string, unknown> {
  const { durationMs: _d, rowsPerSecond: _r, ...summary } = r.summary;
  return { ...r, summary };
}

/**
 * What must not depend on row order: the files of §5 (money in cents), with the
 * anomaly line numbers dropped and tied rows sorted, and the rollup by key.
 */
export function orderFree(r: PipelineResult, rejected?: RunOutput["rejected"]): Record<string, unknown> {
  const files = Object.fromEntries(
    (
      ["monthly_sales.csv", "products.csv", "regions.csv", "categories.csv", "cleaning_report.csv"] as const
    ).map((f) => [f, datasetCsv(f, r)]),
  );
  const anomalies = datasetCsv("anomalies.csv", {
    ...r,
    anomalies: r.anomalies.map((a) => ({ ...a, line: 0 })),
  })
    .trimEnd()
    .split("\n");
  // the file's text, keys in their order too (only the timings may differ)
  const summary = summaryJson({ ...r.summary, durationMs: 0, rowsPerSecond: 0 });
  const cents = (v: number) => Math.round(v * 100) / 100;
  const rollup = rollupRows(r.rollup)
    .map((x) =>
      JSON.stringify([
        x.month,
        x.region,
        x.category,
        x.product,
        cents(x.revenue),
        cents(x.profit),
        x.quantity,
        x.transactions,
        cents(x.discountRevenue),
        Math.round(x.discountSum * 1e9) / 1e9,
      ]),
    )
    .sort();
  return {
    summary,
    files,
    anomalies: [anomalies[0], ...anomalies.slice(1).sort()],
    rollup,
    ...(rejected ? { rejected: rejected.map((x) => `${x.reason}|${x.raw}`).sort() } : {}),
  };
}
