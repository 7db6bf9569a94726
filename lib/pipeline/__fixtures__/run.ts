// Test helpers: run the core over text or bytes and keep the rejected rows.
import { runBytes } from "../run-file";
import type { PipelineOptions, PipelineResult, RejectReason } from "../types";

export interface Rejected {
  line: number;
  reason: RejectReason;
  raw: string;
}

export type RunOutput = PipelineResult & { rejected: Rejected[] };

export const SALES_HEADER = "order_id,sale_date,product_name,category,region,quantity,unit_price,discount";

/** header + rows, each line ended by `nl` */
export function csv(rows: string[], header = SALES_HEADER, nl = "\n"): string {
  return [header, ...rows].map((l) => l + nl).join("");
}

export function run(
  input: string | Uint8Array,
  options: Partial<PipelineOptions> = {},
  cut: { splits?: number[]; chunkSize?: number } = {},
): RunOutput {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  let rejected: Rejected[] = [];
  const result = runBytes(
    bytes,
    { fuzzy: true, ...options },
    {
      ...cut,
      onRejected: (line, reason, raw) => rejected.push({ line, reason, raw }),
      onRestart: () => {
        rejected = [];
      },
    },
  );
  return { ...result, rejected };
}

/** the reason of each rejected row, in file order */
export function reasons(out: RunOutput): RejectReason[] {
  return out.rejected.map((r) => r.reason);
}
