"use client";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatCurrencyCompact } from "@/lib/format";
import { AXIS_TICK, axisLabels, GRID_STROKE, SERIES, TOOLTIP_STYLE } from "./chart-theme";

interface RevenueBarsProps<T extends { revenue: number }> {
  rows: readonly T[];
  /** the field that labels each bar */
  labelKey: keyof T & string;
  title: string;
  rowHeight: number;
  labelWidth: number;
  labelChars: number;
  /** the tooltip's text for one row */
  tooltipText: (row: T) => string;
}

/** Revenue as horizontal bars, one per row, in the order given. */
export function RevenueBars<T extends { revenue: number }>({
  rows,
  labelKey,
  title,
  rowHeight,
  labelWidth,
  labelChars,
  tooltipText,
}: RevenueBarsProps<T>) {
  const height = Math.max(160, rows.length * rowHeight + 40);
  return (
    <BarChart
      data={rows as T[]}
      layout="vertical"
      responsive
      style={{ width: "100%", height }}
      margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
      title={title}
    >
      <CartesianGrid stroke={GRID_STROKE} horizontal={false} />
      <XAxis type="number" tickFormatter={formatCurrencyCompact} tick={AXIS_TICK} />
      <YAxis
        type="category"
        dataKey={String(labelKey)}
        tick={AXIS_TICK}
        width={labelWidth}
        tickFormatter={axisLabels(
          rows.map((r) => String(r[labelKey])),
          labelChars,
        )}
        interval={0}
      />
      <Tooltip
        {...TOOLTIP_STYLE}
        cursor={{ fill: "#f1f5f9" }}
        formatter={(_v, _n, item) => [tooltipText(item.payload as T), "Revenue"]}
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
