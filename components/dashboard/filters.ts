// Dashboard filters <-> URL query (pure, shared by the hook and the tests).
import type { DataFilters } from "@/lib/api/types";
import type { MonthlyRow } from "@/lib/pipeline/types";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Reads the dashboard filters from the URL query (from, to, region, category, product). */
export function parseFilters(
  params: URLSearchParams | { get(k: string): string | null; getAll(k: string): string[] },
): DataFilters {
  const f: DataFilters = {};
  const from = params.get("from");
  const to = params.get("to");
  if (from && MONTH.test(from)) f.from = from;
  if (to && MONTH.test(to)) f.to = to;
  const lists = ["region", "category", "product"] as const;
  for (const key of lists) {
    const values = [...new Set(params.getAll(key).filter((v) => v !== ""))].sort();
    if (values.length) f[key] = values;
  }
  return f;
}

/** Writes filters back in a fixed order so equal views have equal URLs. */
export function filtersToSearch(f: DataFilters): string {
  const p = new URLSearchParams();
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  for (const key of ["region", "category", "product"] as const) {
    for (const v of [...(f[key] ?? [])].sort()) p.append(key, v);
  }
  return p.toString();
}

/** All months from the first to the last, as YYYY-MM. */
export function monthsBetween(dateFrom: string | null, dateTo: string | null): string[] {
  if (!dateFrom || !dateTo) return [];
  let y = Number(dateFrom.slice(0, 4));
  let m = Number(dateFrom.slice(5, 7));
  const endY = Number(dateTo.slice(0, 4));
  const endM = Number(dateTo.slice(5, 7));
  const out: string[] = [];
  while ((y < endY || (y === endY && m <= endM)) && out.length < 1200) {
    out.push(`${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * The monthly rows with the months between them that had no sales put in at
 * zero, so that a trend line does not run straight across a gap (left as they
 * are past 1,200 months).
 */
export function fillMonthGaps(rows: readonly MonthlyRow[]): MonthlyRow[] {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return [];
  const months = monthsBetween(first.month, last.month);
  if (months[months.length - 1] !== last.month) return [...rows];
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const profit = first.profit === null ? null : 0;
  return months.map(
    (month) =>
      byMonth.get(month) ?? { month, revenue: 0, profit, quantity: 0, transactions: 0, avgDiscount: 0 },
  );
}
