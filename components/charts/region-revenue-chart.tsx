"use client";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatCurrency, formatCurrencyCompact, formatPercent } from "@/lib/format";
import type { RegionRow } from "@/lib/pipeline/types";
import { AXIS_TICK, GRID_STROKE, SERIES, TOOLTIP_STYLE, truncateLabel } from "./chart-theme";

/** Revenue by region as horizontal bars, largest first; the tooltip adds the share. */
export function RegionRevenueChart({ rows }: { rows: readonly RegionRow[] }) {
  const height = Math.max(160, rows.length * 36 + 40);
  return (
    <BarChart
      data={rows as RegionRow[]}
      layout="vertical"
      responsive
      style={{ width: "100%", height }}
      margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
      title="Revenue by region"
    >
      <CartesianGrid stroke={GRID_STROKE} horizontal={false} />
      <XAxis type="number" tickFormatter={formatCurrencyCompact} tick={AXIS_TICK} />
      <YAxis
        type="category"
        dataKey="region"
        tick={AXIS_TICK}
        width={96}
        tickFormatter={(v) => truncateLabel(v, 13)}
        interval={0}
      />
      <Tooltip
        {...TOOLTIP_STYLE}
        cursor={{ fill: "#f1f5f9" }}
        formatter={(v, _n, item) => [
          `${formatCurrency(Number(v))} (${formatPercent((item.payload as RegionRow).revenueShare)})`,
          "Revenue",
        ]}
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
