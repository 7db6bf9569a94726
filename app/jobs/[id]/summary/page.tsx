import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { REJECT_REASON_TEXT, REPAIR_TEXT } from "@/components/dashboard/quality-labels";
import { ButtonLink } from "@/components/ui/button";
import { PrintButton } from "@/components/ui/print-button";
import { StatusBadge } from "@/components/ui/status-badge";
import { ROLE_LABELS } from "@/components/upload/roles";
import { DOWNLOAD_FILES } from "@/lib/api/types";
import {
  describeDelimiter,
  formatBytes,
  formatCurrency,
  formatDateTime,
  formatDay,
  formatInteger,
  formatMs,
  formatPercent,
  formatRate,
} from "@/lib/format";
import {
  ORDER_SET_MAX,
  ordersEstimated,
  type RejectReason,
  type RepairCode,
  ROLES,
} from "@/lib/pipeline/types";
import { productsData, regionsData } from "@/lib/queries/datasets";
import { loadJob } from "../load-job";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const job = await loadJob(id);
  return { title: job ? `Summary of ${job.fileName}` : "Job not found" };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-t border-slate-200 pt-4" aria-label={title}>
      <h2 className="mb-2 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
      {items.map(([k, v]) => (
        <div key={k} className="flex justify-between gap-3 border-b border-slate-100 py-1">
          <dt className="text-slate-600">{k}</dt>
          <dd className="min-w-0 text-right font-medium tabular-nums [overflow-wrap:anywhere]">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The scheme and host this page was asked for ("" when the request does not
 * say): a printed summary's links must stand on their own, without the page.
 */
async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "";
  const proto = (h.get("x-forwarded-proto") ?? "http").split(",")[0]?.trim() ?? "http";
  // a host name or address with an optional port, nothing else
  if (!/^[A-Za-z0-9.[\]:-]{1,255}$/.test(host) || !/^https?$/.test(proto)) return "";
  return `${proto}://${host}`;
}

export default async function SummaryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const job = await loadJob(id);
  if (!job) notFound();
  const s = job.summary;
  const api = `/api/jobs/${job.id}`;
  const origin = await requestOrigin();

  const head = (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0">
        <p className="text-sm text-slate-600">Sales analysis summary</p>
        <h1 className="text-2xl font-bold break-all">{job.fileName}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <StatusBadge status={job.status} />
          {job.source === "sample" ? "generated sample data" : formatBytes(job.sizeBytes)} · job {job.id}
        </p>
      </div>
      <div className="no-print flex flex-wrap gap-2">
        <PrintButton />
        <ButtonLink href={`/jobs/${job.id}`}>Back to the dashboard</ButtonLink>
      </div>
    </div>
  );

  if (!s) {
    return (
      <article className="mx-auto grid max-w-4xl gap-6 rounded-lg bg-white p-6 shadow-sm">
        {head}
        <p className="text-slate-700">
          {job.status === "failed"
            ? `The job failed: ${job.error ?? "no reason was recorded"}.`
            : job.status === "cancelled"
              ? "The job was cancelled; it has no results."
              : "The job has not finished yet. The summary is ready once it completes."}{" "}
          <Link href={`/jobs/${job.id}`} className="text-blue-800 underline">
            Open the job
          </Link>
          .
        </p>
      </article>
    );
  }

  const hasProfit = s.profit != null;
  const [products, regions] = await Promise.all([
    productsData(job.id, {}, { offset: 0, limit: 10 }, hasProfit),
    regionsData(job.id, {}, { offset: 0, limit: 10 }, hasProfit),
  ]);
  const aov = s.orders ? s.revenue / s.orders : s.transactions ? s.revenue / s.transactions : null;
  const rejected = Object.entries(s.rejectedByReason).filter(([, n]) => (n ?? 0) > 0);
  const repairs = Object.entries(s.repairs).filter(([, n]) => (n ?? 0) > 0);
  const aliases = Object.entries(job.options.aliases ?? {});

  return (
    <article className="mx-auto grid max-w-4xl gap-6 rounded-lg bg-white p-6 shadow-sm print:max-w-none print:p-0 print:shadow-none">
      {head}

      <Section title="Headline figures">
        <Facts
          items={[
            ["Revenue", formatCurrency(s.revenue)],
            ...(hasProfit ? ([["Profit", formatCurrency(s.profit)]] as [string, ReactNode][]) : []),
            ["Transactions", formatInteger(s.transactions)],
            [
              "Distinct orders",
              s.orders == null
                ? "no order id column"
                : ordersEstimated(s.orders)
                  ? `≈ ${formatInteger(s.orders)} (estimated: counted exactly up to ${formatInteger(ORDER_SET_MAX)})`
                  : formatInteger(s.orders),
            ],
            ["Units sold", formatInteger(s.quantity)],
            [s.orders ? "Average order value" : "Average per transaction", formatCurrency(aov)],
            ["Dates", `${formatDay(s.dateFrom)} – ${formatDay(s.dateTo)}`],
            ["Anomalies flagged", formatInteger(s.anomalies)],
          ]}
        />
      </Section>

      <div className="grid gap-6 sm:grid-cols-2">
        <Section title="Top products">
          <ol className="grid gap-1 text-sm">
            {products.rows.map((p) => (
              <li key={p.product} className="flex justify-between gap-3 border-b border-slate-100 py-1">
                <span className="min-w-0 break-words">{p.product}</span>
                <span className="min-w-0 text-right tabular-nums [overflow-wrap:anywhere]">
                  {formatCurrency(p.revenue)}
                </span>
              </li>
            ))}
          </ol>
        </Section>
        <Section title="Regions">
          <ol className="grid gap-1 text-sm">
            {regions.rows.map((r) => (
              <li key={r.region} className="flex justify-between gap-3 border-b border-slate-100 py-1">
                <span className="min-w-0 break-words">{r.region}</span>
                <span className="min-w-0 text-right tabular-nums [overflow-wrap:anywhere]">
                  {formatCurrency(r.revenue)} ({formatPercent(r.revenueShare)})
                </span>
              </li>
            ))}
          </ol>
        </Section>
      </div>

      <Section title="Data quality">
        <Facts
          items={[
            ["Rows read", formatInteger(s.rowsRead)],
            [
              "Rows used",
              `${formatInteger(s.rowsValid)} (${formatPercent(s.rowsRead ? s.rowsValid / s.rowsRead : 0)})`,
            ],
            ["Rows rejected", formatInteger(s.rowsRejected)],
          ]}
        />
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <div>
            <h3 className="mb-1 text-sm font-semibold">Rejected, by reason</h3>
            {rejected.length === 0 ? (
              <p className="text-sm text-slate-600">None.</p>
            ) : (
              <ul className="grid gap-1 text-sm">
                {rejected.map(([code, n]) => (
                  <li key={code} className="flex justify-between gap-3">
                    <span>{REJECT_REASON_TEXT[code as RejectReason] ?? code}</span>
                    <span className="tabular-nums">{formatInteger(n)}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3 className="mb-1 text-sm font-semibold">Repaired, rows kept</h3>
            {repairs.length === 0 ? (
              <p className="text-sm text-slate-600">None.</p>
            ) : (
              <ul className="grid gap-1 text-sm">
                {repairs.map(([code, n]) => (
                  <li key={code} className="flex justify-between gap-3">
                    <span>{REPAIR_TEXT[code as RepairCode] ?? code}</span>
                    <span className="tabular-nums">{formatInteger(n)}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </Section>

      <Section title="Mapping and reading">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Column used for each role</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">
                Role
              </th>
              <th scope="col" className="py-1 font-medium">
                Column in the file
              </th>
            </tr>
          </thead>
          <tbody>
            {ROLES.map((role) => (
              <tr key={role} className="border-t border-slate-100">
                <th scope="row" className="py-1 pr-3 font-normal">
                  {ROLE_LABELS[role]}
                </th>
                <td className="py-1">
                  {s.mapping[role] ?? <span className="text-slate-600">not mapped</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-3">
          <Facts
            items={[
              ["Delimiter", describeDelimiter(s.delimiter)],
              ["Encoding", s.encoding],
              ["Dates NN/NN/YYYY read as", s.dayFirst ? "day first" : "month first"],
              ["Typo merging", job.options.fuzzy === false ? "off" : "on"],
              ["Custom aliases", aliases.length ? aliases.map(([a, b]) => `${a} → ${b}`).join(", ") : "none"],
            ]}
          />
        </div>
      </Section>

      <Section title="Timings">
        <Facts
          items={[
            ["Created", `${formatDateTime(job.createdAt, "UTC")} UTC`],
            ["Started", job.startedAt ? `${formatDateTime(job.startedAt, "UTC")} UTC` : "–"],
            ["Finished", job.finishedAt ? `${formatDateTime(job.finishedAt, "UTC")} UTC` : "–"],
            ["Processing time", formatMs(s.durationMs)],
            ["Throughput", formatRate(s.rowsPerSecond)],
          ]}
        />
      </Section>

      <Section title="Downloads">
        <ul className="grid gap-1 text-sm sm:grid-cols-3">
          {DOWNLOAD_FILES.map((f) => (
            <li key={f}>
              <a
                href={`${api}/download/${f}`}
                data-print-url={`${origin}${api}/download/${f}`}
                download
                className="print-url text-blue-800 underline"
              >
                {f}
              </a>
            </li>
          ))}
        </ul>
      </Section>

      <Section title="API">
        <ul className="grid gap-1 font-mono text-xs break-all">
          {[
            api,
            `${api}/data/monthly`,
            `${api}/data/products?limit=10`,
            `${api}/data/regions`,
            `${api}/data/categories`,
            `${api}/data/anomalies`,
            `${api}/data/rejected`,
            `${api}/data/cleaning`,
            "/api/openapi.json",
          ].map((href) => (
            <li key={href}>
              <a href={href} className="text-blue-800 underline">
                GET {origin}
                {href}
              </a>
            </li>
          ))}
        </ul>
      </Section>
    </article>
  );
}
