"use client";
import { useState } from "react";
import { DownloadLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { EmptyState, ErrorState, LoadingBlock } from "@/components/ui/states";
import { TableHead } from "@/components/ui/table-head";
import type { DataFilters } from "@/lib/api/types";
import { formatCurrency, formatInteger, formatNumber, formatPercent } from "@/lib/format";
import { downloadUrl } from "@/lib/hooks/api-client";
import { useJobDataQuery } from "@/lib/hooks/use-job-data-query";

const LIMIT = 10;

/** Flagged rows with the reason in words, highest score first. */
export function AnomaliesTable({
  jobId,
  filters,
  total,
}: {
  jobId: string;
  filters: DataFilters;
  total: number;
}) {
  const [page, setPage] = useState({ offset: 0, key: "" });
  const key = JSON.stringify(filters);
  const offset = page.key === key ? page.offset : 0; // new filters start again at the first page
  const q = useJobDataQuery(jobId, "anomalies", filters, { offset, limit: LIMIT });
  return (
    <Card
      id="anomalies"
      title="Anomalies"
      description={`Unusually large orders and unusual discounts (${formatInteger(total)} flagged in the file).`}
      actions={<DownloadLink href={downloadUrl(jobId, "anomalies.csv")}>anomalies.csv</DownloadLink>}
    >
      {q.isPending ? (
        <LoadingBlock label="Loading anomalies" height="h-32" />
      ) : q.isError ? (
        <ErrorState title="Anomalies could not be loaded" error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.rows.length === 0 ? (
        <EmptyState title="No anomalies">Nothing unusual in the rows shown.</EmptyState>
      ) : (
        <>
          {/* Phone width: one card per row; the table needs room. */}
          <ul className="grid grid-cols-1 gap-2 md:hidden" aria-label="Anomalies">
            {q.data.rows.map((a) => (
              <li key={a.line} className="rounded-md border border-slate-200 p-3 text-sm">
                <p className="flex flex-wrap justify-between gap-x-3 font-medium">
                  <span className="min-w-0 break-words">{a.product}</span>
                  <span className="tabular-nums">{formatCurrency(a.revenue)}</span>
                </p>
                <p className="mt-0.5 text-slate-600">
                  Line {a.line} · {a.saleDate} · {a.region} · qty {formatNumber(a.quantity)} · discount{" "}
                  {formatPercent(a.discount)} · score {formatNumber(a.score)}
                </p>
                <p className="mt-1 text-slate-800">{a.reason}</p>
              </li>
            ))}
          </ul>
          <div className="hidden md:block">
            <ScrollRegion label="Anomalies table">
              <table className="w-full min-w-[44rem] text-left text-sm">
                <TableHead
                  columns={[
                    { label: "Line" },
                    { label: "Date" },
                    { label: "Product" },
                    { label: "Region" },
                    { label: "Qty", numeric: true },
                    { label: "Discount", numeric: true },
                    { label: "Revenue", numeric: true },
                    { label: "Score", numeric: true },
                    { label: "Why" },
                  ]}
                />
                <tbody>
                  {q.data.rows.map((a) => (
                    <tr key={a.line} className="border-b border-slate-100 align-top">
                      <td className="py-2 pr-3 tabular-nums">{a.line}</td>
                      <td className="py-2 pr-3 whitespace-nowrap">{a.saleDate}</td>
                      <td className="py-2 pr-3">{a.product}</td>
                      <td className="py-2 pr-3">{a.region}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{formatNumber(a.quantity)}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{formatPercent(a.discount)}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{formatCurrency(a.revenue)}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{formatNumber(a.score)}</td>
                      <td className="min-w-64 py-2 text-slate-700">{a.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </div>
          <Pager
            label="Anomalies pages"
            offset={offset}
            limit={LIMIT}
            total={q.data.total}
            busy={q.isFetching}
            onChange={(o) => setPage({ offset: o, key })}
          />
        </>
      )}
    </Card>
  );
}
