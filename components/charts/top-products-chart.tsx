"use client";
import { formatCurrency, formatInteger } from "@/lib/format";
import type { ProductRow } from "@/lib/pipeline/types";
import { RevenueBars } from "./revenue-bars";

/** The top products by revenue as horizontal bars. */
export function TopProductsChart({ rows }: { rows: readonly ProductRow[] }) {
  return (
    <RevenueBars
      rows={rows}
      labelKey="product"
      title="Top products by revenue"
      rowHeight={32}
      labelWidth={136}
      labelChars={16}
      tooltipText={(p) => `${formatCurrency(p.revenue)} · ${formatInteger(p.quantity)} units`}
    />
  );
}
