// Shared look of the charts: readable axis text (contrast ≥ 4.5:1 on white).
export const AXIS_TICK = { fill: "#475569", fontSize: 12 } as const; // slate-600
export const GRID_STROKE = "#e2e8f0"; // slate-200
export const SERIES = {
  revenue: "#2563eb", // blue-600
  discount: "#d97706", // amber-600
  secondary: "#0f766e", // teal-700
} as const;
export const TOOLTIP_STYLE = {
  contentStyle: { borderRadius: 6, borderColor: "#cbd5e1", fontSize: 13 },
  labelStyle: { color: "#0f172a", fontWeight: 600 },
} as const;

/** Long category labels are cut so a phone-width axis stays readable; the tooltip has the full name. */
export function truncateLabel(value: unknown, max = 16): string {
  const s = String(value ?? "");
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
