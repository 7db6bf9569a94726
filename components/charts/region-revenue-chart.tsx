"use client";
import { formatCurrency, formatPercent } from "@/lib/format";
import type { RegionRow } from "@/lib/pipeline/types";
import { RevenueBars } from "./revenue-bars";

/** Revenue by region as horizontal bars, largest first; the tooltip adds the share. */
export function RegionRevenueChart({ rows }: { rows: readonly RegionRow[] }) {
  return (
    <RevenueBars
      rows={rows}
      labelKey="region"
      title="Revenue by region"
      rowHeight={36}
      labelWidth={96}
      labelChars={13}
      tooltipText={(r) => `${formatCurrency(r.revenue)} (${formatPercent(r.revenueShare)})`}
    />
  );
}
