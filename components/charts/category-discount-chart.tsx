"use client";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { formatCurrency, formatCurrencyCompact, formatPercent } from "@/lib/format";
import type { CategoryRow } from "@/lib/pipeline/types";
import { useNarrow } from "./use-narrow";
import { AXIS_TICK, axisLabels, GRID_STROKE, SERIES, TOOLTIP_STYLE } from "./chart-theme";

// one decimal: the ticks of a 0–10% axis are 2.5% apart
const pct = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

/** Revenue (bars, left axis) against the revenue-weighted average discount (line, right axis) per category. */
export function CategoryDiscountChart({ rows }: { rows: readonly CategoryRow[] }) {
  const narrow = useNarrow();
  const max = Math.max(6, Math.floor((narrow ? 27 : 90) / Math.max(1, rows.length)));
  // no discount anywhere: an axis of 0–10%, not the 0–400% an all-zero "auto" range gives
  const anyDiscount = rows.some((r) => r.avgDiscount > 0);
  return (
    <ComposedChart
      data={rows as CategoryRow[]}
      responsive
      style={{ width: "100%", height: 300 }}
      margin={{ top: 8, right: 4, bottom: 4, left: 4 }}
      title="Revenue and average discount by category"
    >
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis
        dataKey="category"
        tick={AXIS_TICK}
        tickFormatter={axisLabels(
          rows.map((r) => r.category),
          max,
        )}
        interval={rows.length > 8 ? "preserveStartEnd" : 0}
        tickMargin={6}
      />
      <YAxis yAxisId="revenue" tickFormatter={formatCurrencyCompact} tick={AXIS_TICK} width={64} />
      <YAxis
        yAxisId="discount"
        orientation="right"
        tickFormatter={(v) => pct.format(Number(v))}
        tick={AXIS_TICK}
        width={44}
        domain={anyDiscount ? [0, "auto"] : [0, 0.1]}
      />
      <Tooltip
        {...TOOLTIP_STYLE}
        cursor={{ fill: "#f1f5f9" }}
        formatter={(v, name) =>
          name === "Average discount" ? [formatPercent(Number(v)), name] : [formatCurrency(Number(v)), name]
        }
      />
      <Legend
        wrapperStyle={{ fontSize: 13 }}
        formatter={(value) => <span style={{ color: "#334155" }}>{value}</span>}
      />
      <Bar
        yAxisId="revenue"
        dataKey="revenue"
        name="Revenue"
        fill={SERIES.revenue}
        radius={[3, 3, 0, 0]}
        isAnimationActive={false}
      />
      <Line
        yAxisId="discount"
        dataKey="avgDiscount"
        name="Average discount"
        stroke={SERIES.discount}
        strokeWidth={2}
        isAnimationActive={false}
      />
    </ComposedChart>
  );
}
