"use client";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatCurrency, formatCurrencyCompact, formatInteger } from "@/lib/format";
import type { ProductRow } from "@/lib/pipeline/types";
import { AXIS_TICK, GRID_STROKE, SERIES, TOOLTIP_STYLE, truncateLabel } from "./chart-theme";

/** The top products by revenue as horizontal bars. */
export function TopProductsChart({ rows }: { rows: readonly ProductRow[] }) {
  const height = Math.max(160, rows.length * 32 + 40);
  return (
    <BarChart
      data={rows as ProductRow[]}
      layout="vertical"
      responsive
      style={{ width: "100%", height }}
      margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
      title="Top products by revenue"
    >
      <CartesianGrid stroke={GRID_STROKE} horizontal={false} />
      <XAxis type="number" tickFormatter={formatCurrencyCompact} tick={AXIS_TICK} />
      <YAxis
        type="category"
        dataKey="product"
        tick={AXIS_TICK}
        width={136}
        tickFormatter={(v) => truncateLabel(v, 16)}
        interval={0}
      />
      <Tooltip
        {...TOOLTIP_STYLE}
        cursor={{ fill: "#f1f5f9" }}
        formatter={(v, _n, item) => {
          const p = item.payload as ProductRow;
          return [`${formatCurrency(Number(v))} · ${formatInteger(p.quantity)} units`, "Revenue"];
        }}
      />
      <Bar
        dataKey="revenue"
        name="Revenue"
        fill={SERIES.revenue}
        radius={[0, 3, 3, 0]}
        isAnimationActive={false}
      />
    </BarChart>
  );
}
