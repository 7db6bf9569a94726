// Display formatters. The locale is fixed so the server render and the browser
// agree (no hydration mismatches); amounts are shown in US dollars, like the
// sample data.

const LOCALE = "en-US";

const currency = new Intl.NumberFormat(LOCALE, { style: "currency", currency: "USD" });
const currencyWhole = new Intl.NumberFormat(LOCALE, {
  style: "currency",
  currency: "USD",
  maximumFractionDigits: 0,
});
const currencyCompact = new Intl.NumberFormat(LOCALE, {
  style: "currency",
  currency: "USD",
  notation: "compact",
  maximumFractionDigits: 1,
});
/** past a thousand trillion "compact" stops being short ($10,000,000,000,000T): scientific then */
const COMPACT_MAX = 1e15;
const currencyScientific = new Intl.NumberFormat(LOCALE, {
  style: "currency",
  currency: "USD",
  notation: "scientific",
  maximumFractionDigits: 1,
});
const scientific = new Intl.NumberFormat(LOCALE, { notation: "scientific", maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat(LOCALE, { notation: "compact", maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 1 });
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** $1,234.56 */
export function formatCurrency(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? "–" : currency.format(value);
}

/** $1,235 — for big headline figures */
export function formatCurrencyWhole(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? "–" : currencyWhole.format(value);
}

/** $1.2M — for chart axes ($1.0E25 for absurd amounts) */
export function formatCurrencyCompact(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return (Math.abs(value) >= COMPACT_MAX ? currencyScientific : currencyCompact).format(value);
}

/** 1,234,567 */
export function formatInteger(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? "–" : integer.format(value);
}

/** 1,234.5 */
export function formatNumber(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? "–" : decimal.format(value);
}

/** 1.2M (1.0E25 for absurd counts) */
export function formatCompact(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return (Math.abs(value) >= COMPACT_MAX ? scientific : compact).format(value);
}

/** 0.153 → 15.3% */
export function formatPercent(fraction: number | null | undefined): string {
  return fraction == null || !Number.isFinite(fraction) ? "–" : percent.format(fraction);
}

/** 2024-03 → Mar 2024; anything else is returned as is */
export function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const name = MONTHS[Number(m[2]) - 1];
  return name ? `${name} ${m[1]}` : month;
}

/** 2024-03 → Mar ’24, for crowded axes */
export function formatMonthShort(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const name = MONTHS[Number(m[2]) - 1];
  return name ? `${name} ’${m[1]!.slice(2)}` : month;
}

/** 2024-03-07 → Mar 7, 2024 (calendar date as written, no time zone) */
export function formatDay(day: string | null | undefined): string {
  if (!day) return "–";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${Number(m[3])}, ${m[1]}`;
}

/** 1536 → 1.5 KB */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return "–";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** seconds → "42 s", "3 min 5 s", "1 h 2 min" */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return "–";
  if (seconds < 1) return "< 1 s";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** milliseconds → "850 ms", "2.4 s", "3 min 5 s" */
export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatDuration(ms / 1000);
}

/** 12345.6 → "12,346 rows/s" */
export function formatRate(rowsPerSecond: number | null | undefined): string {
  return rowsPerSecond == null || !Number.isFinite(rowsPerSecond)
    ? "–"
    : `${integer.format(rowsPerSecond)} rows/s`;
}

/** ISO timestamp → "Mar 7, 2024, 14:05" in the given time zone (default: the viewer's) */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return "–";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE, {
    dateStyle: "medium",
    timeStyle: "short",
    hourCycle: "h23",
    timeZone,
  }).format(d);
}

/** snake_case reason/repair code → "Snake case" */
export function humaniseCode(code: string): string {
  const s = code.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** the delimiter character, named */
export function describeDelimiter(d: string): string {
  switch (d) {
    case ",":
      return "comma (,)";
    case ";":
      return "semicolon (;)";
    case "\t":
      return "tab";
    case "|":
      return "pipe (|)";
    default:
      return JSON.stringify(d);
  }
}
