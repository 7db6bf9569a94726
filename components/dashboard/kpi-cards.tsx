import type { DataPage } from "@/lib/api/types";
import { formatCurrency, formatCurrencyWhole, formatInteger, formatPercent } from "@/lib/format";
import { ordersEstimated, type Summary } from "@/lib/pipeline/types";

type Totals = NonNullable<DataPage<unknown>["totals"]>;

/**
 * A smaller type for a long figure, so that $1,400,141,188 stays on one line
 * in a fifth of a wide screen instead of breaking between its digits.
 */
function valueSize(value: string): string {
  if (value.length <= 12) return "sm:text-2xl";
  return value.length <= 15 ? "sm:text-xl" : "sm:text-lg";
}

function Kpi({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  testId: string;
}) {
  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd
        className={`mt-1 text-lg font-semibold tabular-nums text-slate-900 [overflow-wrap:anywhere] ${valueSize(value)}`}
        data-value
      >
        {value}
      </dd>
      {hint && <dd className="mt-0.5 text-xs text-slate-600">{hint}</dd>}
    </div>
  );
}

/**
 * Headline figures. Revenue, transactions and quantity follow the filters
 * (`totals` of the filtered rollup); rejected rows belong to the whole file.
 */
export function KpiCards({
  totals,
  summary,
  filtered,
}: {
  totals: Totals | null | undefined;
  summary: Summary;
  filtered: boolean;
}) {
  const t = totals;
  // Per distinct order when the file has order ids and no filter narrows it (a filter that
  // leaves every transaction in narrows nothing); else per transaction line.
  const perOrder =
    summary.orders != null &&
    summary.orders > 0 &&
    (!filtered || (t !== null && t !== undefined && t.transactions === summary.transactions));
  const aov = t
    ? perOrder
      ? t.revenue / summary.orders!
      : t.transactions > 0
        ? t.revenue / t.transactions
        : null
    : null;
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5" aria-busy={!t}>
      <Kpi
        testId="kpi-revenue"
        label="Revenue"
        value={t ? formatCurrencyWhole(t.revenue) : "…"}
        hint={
          t?.profit != null ? `profit ${formatCurrencyWhole(t.profit)}` : filtered ? "filtered" : undefined
        }
      />
      <Kpi testId="kpi-transactions" label="Transactions" value={t ? formatInteger(t.transactions) : "…"} />
      <Kpi testId="kpi-quantity" label="Units sold" value={t ? formatInteger(t.quantity) : "…"} />
      <Kpi
        testId="kpi-aov"
        label="Average order value"
        value={aov == null ? (t ? "–" : "…") : formatCurrency(aov)}
        hint={
          perOrder
            ? `over ${ordersEstimated(summary.orders) ? "≈ " : ""}${formatInteger(summary.orders)} orders`
            : "per transaction"
        }
      />
      <Kpi
        testId="kpi-rejected"
        label="Rows rejected"
        value={formatInteger(summary.rowsRejected)}
        hint={`${formatPercent(summary.rowsRead ? summary.rowsRejected / summary.rowsRead : 0)} of ${formatInteger(summary.rowsRead)} rows · whole file`}
      />
    </dl>
  );
}
