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

/**
 * The part every name starts with, up to a word break (a space, `-`, `_`, `/`
 * or `.`): "Category " of "Category 1" … "Category 40". Empty when there is none.
 */
export function sharedPrefix(names: readonly string[]): string {
  if (names.length < 2) return "";
  let prefix = names[0] as string;
  for (const name of names) {
    let i = 0;
    while (i < prefix.length && i < name.length && prefix[i] === name[i]) i++;
    prefix = prefix.slice(0, i);
    if (prefix === "") return "";
  }
  let cut = 0;
  for (let i = 0; i < prefix.length; i++) if (" -_/.".includes(prefix[i] as string)) cut = i + 1;
  // a name that is all prefix keeps it
  return names.some((n) => n.length === cut) ? "" : prefix.slice(0, cut);
}

/**
 * Axis labels cut to `max` characters; when a label must be cut and every name
 * shares a first word ("Category 1" … "Category 40"), that word goes first, so
 * the labels still tell the bars apart ("…12", not "Categ…" for all of them).
 */
export function axisLabels(names: readonly string[], max: number): (value: unknown) => string {
  const prefix = sharedPrefix(names);
  return (value) => {
    const s = String(value ?? "");
    if (s.length <= max || prefix === "" || !s.startsWith(prefix)) return truncateLabel(s, max);
    return truncateLabel(`…${s.slice(prefix.length)}`, max);
  };
}
