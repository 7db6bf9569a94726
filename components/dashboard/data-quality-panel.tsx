"use client";
import { useState } from "react";
import { DownloadLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { EmptyState, ErrorState, LoadingBlock } from "@/components/ui/states";
import { TableHead } from "@/components/ui/table-head";
import { formatInteger, formatPercent, humaniseCode } from "@/lib/format";
import { downloadUrl } from "@/lib/hooks/api-client";
import { useJobDataQuery } from "@/lib/hooks/use-job-data-query";
import type { RejectReason, RepairCode, Summary } from "@/lib/pipeline/types";
import { REJECT_REASON_TEXT, REPAIR_TEXT } from "./quality-labels";

const REJECTED_LIMIT = 20;
const CLEANING_LIMIT = 20;

function CountTable({
  caption,
  rows,
  empty,
}: {
  caption: string;
  rows: { code: string; label: string; n: number }[];
  empty: string;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code} className="border-b border-slate-100">
            <th scope="row" className="py-1.5 pr-3 font-normal">
              {r.label} <code className="text-xs text-slate-600">{r.code}</code>
            </th>
            <td className="py-1.5 text-right font-medium tabular-nums">{formatInteger(r.n)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RejectedRows({ jobId }: { jobId: string }) {
  const [offset, setOffset] = useState(0);
  const q = useJobDataQuery(jobId, "rejected", {}, { offset, limit: REJECTED_LIMIT });
  if (q.isPending) return <LoadingBlock label="Loading rejected rows" height="h-24" />;
  if (q.isError)
    return (
      <ErrorState title="Rejected rows could not be loaded" error={q.error} onRetry={() => q.refetch()} />
    );
  if (q.data.total === 0) return <EmptyState title="No rejected rows">Every row was usable.</EmptyState>;
  return (
    <>
      <ScrollRegion label="Rejected rows table">
        <table className="w-full text-left text-sm" data-testid="rejected-rows">
          <TableHead columns={[{ label: "Line" }, { label: "Reason" }, { label: "Raw line" }]} />
          <tbody>
            {q.data.rows.map((r) => (
              <tr key={r.line} className="border-b border-slate-100 align-top">
                <td className="py-1.5 pr-3 tabular-nums">{r.line}</td>
                <td className="py-1.5 pr-3 whitespace-nowrap">
                  {REJECT_REASON_TEXT[r.reason] ?? humaniseCode(r.reason)}
                </td>
                <td className="py-1.5 font-mono text-xs break-all text-slate-700">{r.raw}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <Pager
        label="Rejected rows pages"
        offset={offset}
        limit={REJECTED_LIMIT}
        total={q.data.total}
        busy={q.isFetching}
        onChange={setOffset}
      />
      {(q.data.inFile ?? 0) > q.data.total ? (
        <p className="mt-2 text-xs text-slate-600" data-testid="rejected-kept-note">
          The first {formatInteger(q.data.total)} of {formatInteger(q.data.inFile ?? 0)} rejected rows are
          listed here;{" "}
          <DownloadLink href={downloadUrl(jobId, "rejected_rows.csv")}>rejected_rows.csv</DownloadLink> has
          every one.
        </p>
      ) : null}
    </>
  );
}

function CleaningReport({ jobId }: { jobId: string }) {
  const [offset, setOffset] = useState(0);
  const q = useJobDataQuery(jobId, "cleaning", {}, { offset, limit: CLEANING_LIMIT });
  if (q.isPending) return <LoadingBlock label="Loading merged names" height="h-24" />;
  if (q.isError)
    return (
      <ErrorState title="Merged names could not be loaded" error={q.error} onRetry={() => q.refetch()} />
    );
  if (q.data.total === 0) return <p className="text-sm text-slate-600">No spellings were merged.</p>;
  return (
    <>
      <ScrollRegion label="Merged names table">
        <table className="w-full text-left text-sm">
          <TableHead
            columns={[
              { label: "Field" },
              { label: "In the file" },
              { label: "Shown as" },
              { label: "Rows", numeric: true },
            ]}
          />
          <tbody>
            {q.data.rows.map((r) => (
              <tr key={`${r.field}:${r.original}`} className="border-b border-slate-100">
                <td className="py-1.5 pr-3 capitalize">{r.field}</td>
                <td className="py-1.5 pr-3 break-all">{r.original}</td>
                <td className="py-1.5 pr-3">{r.canonical}</td>
                <td className="py-1.5 text-right tabular-nums">{formatInteger(r.rows)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <Pager
        label="Merged names pages"
        offset={offset}
        limit={CLEANING_LIMIT}
        total={q.data.total}
        busy={q.isFetching}
        onChange={setOffset}
      />
    </>
  );
}

/** What was rejected, repaired and merged: the whole file, not the filtered view. */
export function DataQualityPanel({ jobId, summary }: { jobId: string; summary: Summary }) {
  const rejected = Object.entries(summary.rejectedByReason)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([code, n]) => ({
      code,
      label: REJECT_REASON_TEXT[code as RejectReason] ?? humaniseCode(code),
      n: n ?? 0,
    }));
  const repairs = Object.entries(summary.repairs)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([code, n]) => ({ code, label: REPAIR_TEXT[code as RepairCode] ?? humaniseCode(code), n: n ?? 0 }));
  const share = summary.rowsRead ? summary.rowsValid / summary.rowsRead : 0;

  return (
    <Card
      id="data-quality"
      title="Data quality"
      description={`${formatInteger(summary.rowsValid)} of ${formatInteger(summary.rowsRead)} rows used (${formatPercent(share)}). Nothing is dropped silently.`}
    >
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="min-w-0">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h3 className="font-medium">Rejected rows by reason</h3>
            <DownloadLink href={downloadUrl(jobId, "rejected_rows.csv")}>rejected_rows.csv</DownloadLink>
          </div>
          <CountTable caption="Rejected rows by reason" rows={rejected} empty="No rows were rejected." />
        </div>
        <div className="min-w-0">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h3 className="font-medium">Repairs (rows kept)</h3>
            <DownloadLink href={downloadUrl(jobId, "summary.json")}>summary.json</DownloadLink>
          </div>
          <CountTable caption="Repairs by kind" rows={repairs} empty="No values needed repair." />
        </div>
      </div>

      <div className="mt-6 min-w-0">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h3 className="font-medium">Merged names (aliases and typos)</h3>
          <DownloadLink href={downloadUrl(jobId, "cleaning_report.csv")}>cleaning_report.csv</DownloadLink>
        </div>
        <CleaningReport jobId={jobId} />
      </div>

      <details className="mt-6 min-w-0">
        <summary className="font-medium">Rejected rows, line by line</summary>
        <div className="mt-2">
          <RejectedRows jobId={jobId} />
        </div>
      </details>
    </Card>
  );
}
