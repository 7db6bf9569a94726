"use client";
import { useState } from "react";
import { CategoryDiscountChart } from "@/components/charts/category-discount-chart";
import { MonthlyRevenueChart } from "@/components/charts/monthly-revenue-chart";
import { RegionRevenueChart } from "@/components/charts/region-revenue-chart";
import { TopProductsChart } from "@/components/charts/top-products-chart";
import { Button } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { TableHead } from "@/components/ui/table-head";
import type { DataFilters, JobDto } from "@/lib/api/types";
import { formatCurrency, formatCurrencyWhole, formatInteger, formatMonth, formatPercent } from "@/lib/format";
import { hasFilters } from "@/lib/hooks/api-client";
import { useJobDataQuery } from "@/lib/hooks/use-job-data-query";
import type { Summary } from "@/lib/pipeline/types";
import { AnomaliesTable } from "./anomalies-table";
import { ChartCard } from "./chart-card";
import { DataQualityPanel } from "./data-quality-panel";
import { DownloadsPanel } from "./downloads-panel";
import { fillMonthGaps, monthsBetween } from "./filters";
import { FiltersBar } from "./filters-bar";
import { KpiCards } from "./kpi-cards";
import { useDashboardFilters } from "./use-dashboard-filters";

const ALL = 1000;
const TOP = 10;
const PRODUCTS_PAGE = 25;

function ProductsCard({ jobId, filters }: { jobId: string; filters: DataFilters }) {
  const [showAll, setShowAll] = useState(false);
  const [page, setPage] = useState({ offset: 0, key: "" });
  const key = JSON.stringify(filters);
  const offset = page.key === key ? page.offset : 0;
  const top = useJobDataQuery(jobId, "products", filters, { limit: TOP });
  const all = useJobDataQuery(
    jobId,
    "products",
    filters,
    { offset, limit: PRODUCTS_PAGE },
    { enabled: showAll },
  );
  const rows = top.data?.rows ?? [];
  const total = top.data?.total ?? 0;
  return (
    <ChartCard
      id="products"
      title={showAll ? "All products" : "Top products"}
      description={
        showAll
          ? `${formatInteger(total)} products by revenue`
          : total > 0
            ? `The ${Math.min(TOP, total)} best sellers by revenue`
            : "Best sellers by revenue"
      }
      actions={
        total > TOP ? (
          <Button size="sm" onClick={() => setShowAll((s) => !s)} aria-expanded={showAll}>
            {showAll ? `Show top ${TOP}` : `Show all ${formatInteger(total)}`}
          </Button>
        ) : undefined
      }
      query={top}
      isEmpty={rows.length === 0}
      summary={rows.map((r) => `${r.product}: ${formatCurrency(r.revenue)}`).join("; ")}
    >
      {showAll ? (
        <div>
          <ScrollRegion label="All products table">
            <table className="w-full text-left text-sm">
              <TableHead
                columns={[
                  { label: "#" },
                  { label: "Product" },
                  { label: "Category" },
                  { label: "Revenue", numeric: true },
                  { label: "Units", numeric: true },
                  { label: "Transactions", numeric: true },
                ]}
              />
              <tbody>
                {(all.data?.rows ?? []).map((p, i) => (
                  <tr key={p.product} className="border-b border-slate-100">
                    <td className="py-1.5 pr-3 tabular-nums text-slate-600">{offset + i + 1}</td>
                    <td className="py-1.5 pr-3">{p.product}</td>
                    <td className="py-1.5 pr-3 text-slate-700">{p.category}</td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">{formatCurrency(p.revenue)}</td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">{formatInteger(p.quantity)}</td>
                    <td className="py-1.5 text-right tabular-nums">{formatInteger(p.transactions)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {all.isPending && <p className="py-2 text-sm text-slate-600">Loading products…</p>}
          <Pager
            label="Products pages"
            offset={offset}
            limit={PRODUCTS_PAGE}
            total={all.data?.total ?? total}
            busy={all.isFetching}
            onChange={(o) => setPage({ offset: o, key })}
          />
        </div>
      ) : (
        <TopProductsChart rows={rows} />
      )}
    </ChartCard>
  );
}

/** The dashboard of a completed job: filters, KPIs, charts, tables, quality, downloads. */
export function Results({ job, summary }: { job: JobDto; summary: Summary }) {
  const { filters, setFilters } = useDashboardFilters();
  const filtered = hasFilters(filters);
  const months = monthsBetween(summary.dateFrom, summary.dateTo);
  const monthly = useJobDataQuery(job.id, "monthly", filters, { limit: ALL });
  const regions = useJobDataQuery(job.id, "regions", filters, { limit: ALL });
  const categories = useJobDataQuery(job.id, "categories", filters, { limit: ALL });

  if (summary.rowsValid === 0) {
    return (
      <div className="grid gap-6">
        <KpiCards
          totals={{ revenue: 0, quantity: 0, transactions: 0, profit: null }}
          summary={summary}
          filtered={false}
        />
        <div
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
        >
          <p className="font-medium">Every row was rejected, so there are no figures to chart.</p>
          <p className="mt-1">
            See the reasons below. Often the column mapping or the date order is wrong: re-run with other
            options further down this page.
          </p>
        </div>
        <DataQualityPanel jobId={job.id} summary={summary} />
        <DownloadsPanel jobId={job.id} />
      </div>
    );
  }

  const monthlyRows = fillMonthGaps(monthly.data?.rows ?? []);
  const firstMonth = monthlyRows[0]?.month;
  const lastMonth = monthlyRows[monthlyRows.length - 1]?.month;
  const regionRows = regions.data?.rows ?? [];
  const categoryRows = categories.data?.rows ?? [];
  return (
    <div className="grid gap-6">
      <FiltersBar jobId={job.id} months={months} filters={filters} onChange={setFilters} />
      <KpiCards totals={monthly.data?.totals} summary={summary} filtered={filtered} />
      {monthly.isError && (
        <p role="alert" className="text-sm text-red-800">
          The figures could not be loaded: {monthly.error.message}
        </p>
      )}

      <div className="grid gap-6 lg:grid-cols-2 lg:items-start">
        <ChartCard
          id="monthly"
          title="Monthly revenue"
          description={
            firstMonth && lastMonth ? `${formatMonth(firstMonth)} to ${formatMonth(lastMonth)}` : undefined
          }
          query={monthly}
          isEmpty={monthlyRows.length === 0}
          summary={monthlyRows
            .map((m) => `${formatMonth(m.month)}: ${formatCurrencyWhole(m.revenue)}`)
            .join("; ")}
          className="lg:col-span-2"
        >
          <MonthlyRevenueChart rows={monthlyRows} />
        </ChartCard>
        <ChartCard
          id="regions"
          title="Revenue by region"
          query={regions}
          isEmpty={regionRows.length === 0}
          summary={regionRows
            .map((r) => `${r.region}: ${formatCurrencyWhole(r.revenue)} (${formatPercent(r.revenueShare)})`)
            .join("; ")}
        >
          <RegionRevenueChart rows={regionRows} />
        </ChartCard>
        <ProductsCard jobId={job.id} filters={filters} />
        <ChartCard
          id="categories"
          title="Category: discount vs revenue"
          description="Bars: revenue. Line: average discount, weighted by revenue."
          query={categories}
          isEmpty={categoryRows.length === 0}
          summary={categoryRows
            .map(
              (c) =>
                `${c.category}: ${formatCurrencyWhole(c.revenue)}, discount ${formatPercent(c.avgDiscount)}`,
            )
            .join("; ")}
          className="lg:col-span-2"
        >
          <CategoryDiscountChart rows={categoryRows} />
        </ChartCard>
      </div>

      <AnomaliesTable jobId={job.id} filters={filters} total={summary.anomalies} />
      <DataQualityPanel jobId={job.id} summary={summary} />
      <DownloadsPanel jobId={job.id} />
    </div>
  );
}
