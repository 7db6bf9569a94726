"use client";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatCurrency, formatCurrencyCompact, formatMonth, formatMonthShort } from "@/lib/format";
import type { MonthlyRow } from "@/lib/pipeline/types";
import { AXIS_TICK, GRID_STROKE, SERIES, TOOLTIP_STYLE } from "./chart-theme";

/** Monthly revenue trend: month labels on x, currency on y. */
export function MonthlyRevenueChart({ rows }: { rows: readonly MonthlyRow[] }) {
  return (
    <LineChart
      data={rows as MonthlyRow[]}
      responsive
      style={{ width: "100%", height: 280 }}
      margin={{ top: 8, right: 12, bottom: 4, left: 4 }}
      title="Monthly revenue"
    >
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis
        dataKey="month"
        tickFormatter={formatMonthShort}
        tick={AXIS_TICK}
        minTickGap={16}
        tickMargin={6}
      />
      <YAxis tickFormatter={formatCurrencyCompact} tick={AXIS_TICK} width={64} />
      <Tooltip
        {...TOOLTIP_STYLE}
        labelFormatter={(m) => formatMonth(String(m))}
        formatter={(v) => [formatCurrency(Number(v)), "Revenue"]}
      />
      <Line
        type="monotone"
        dataKey="revenue"
        name="Revenue"
        stroke={SERIES.revenue}
        strokeWidth={2}
        dot={rows.length <= 24}
        isAnimationActive={false}
      />
    </LineChart>
  );
}
