// Dashboard data (SPEC §7): the four rollup datasets come from one pass over
// a job's rollup columns with the filters applied (rollup-columns.ts: SQL
// GROUP BYs over a SKU-level job's 818,000 rollup cells took 0.1-1.0 s a
// request); anomalies, merges and the first rejected rows come from their own
// tables.
import type { DataFilters, DataPage, RejectedRowDto } from "../api/types";
import { getDb } from "../db";
import { Prisma } from "../generated/prisma/client";
import { fourDecimalShares } from "../pipeline/finalize";
import { money as writtenMoney, ratio as writtenRatio } from "../pipeline/outputs";
import type { Measure, NameColumn } from "../pipeline/rollup";
import type {
  AnomalyRow,
  CategoryRow,
  CleaningRow,
  MonthlyRow,
  NameField,
  ProductRow,
  RegionRow,
  RejectReason,
} from "../pipeline/types";
import {
  type Group,
  type Grouped,
  groupAt,
  groupRollup,
  orderedIds,
  pageIds,
  type Sums,
} from "./rollup-columns";
import { rollupFor } from "./rollup-store";

/** Money as the files write it: 2 decimals. */
export const money = (n: number): number => Number(writtenMoney(n));
/** Shares and discounts: 4 decimals. */
export const ratio = (n: number): number => Number(writtenRatio(n));

export interface Paging {
  offset: number;
  limit: number;
}

type Totals = NonNullable<DataPage<unknown>["totals"]>;

/** the region, category and product filters (display names, as the anomalies' columns hold them) */
function namesIn(f: DataFilters): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (f.region?.length) parts.push(Prisma.sql`"region" IN (${Prisma.join(f.region)})`);
  if (f.category?.length) parts.push(Prisma.sql`"category" IN (${Prisma.join(f.category)})`);
  if (f.product?.length) parts.push(Prisma.sql`"product" IN (${Prisma.join(f.product)})`);
  return parts;
}

/**
 * The groups of one column that the filters keep, these measures summed, in
 * order: the page's groups as objects, all counted (a job can have 50,000
 * products: objects and a sort for each of them took ~80 ms a request).
 */
async function grouped(
  jobId: string,
  f: DataFilters,
  by: NameColumn,
  extra: Measure | null,
  order: "revenue" | "name",
  page: Paging,
  hasProfit: boolean,
  count = page.offset + page.limit,
): Promise<{
  rows: Group[];
  total: number;
  totals: Totals;
  all: Grouped;
  /** the groups in order up to `count` when that is past the page, else the page's groups */
  ordered: Int32Array;
}> {
  const uses: NameColumn[] = [by];
  if (f.from || f.to) uses.push("month");
  if (f.region?.length) uses.push("region");
  if (f.category?.length) uses.push("category");
  if (f.product?.length) uses.push("product");
  const measures: Measure[] = ["revenue", "profit", "quantity", "transactions"];
  if (extra) measures.push(extra);
  const all = groupRollup(await rollupFor(jobId, uses), f, by, measures);
  // the groups in order up to `count` when more than the page are needed, else the page's own
  const end = page.offset + page.limit;
  const ordered = count > end ? orderedIds(all, order, count) : pageIds(all, order, page.offset, page.limit);
  const ids = count > end ? ordered.subarray(page.offset, end) : ordered;
  const totals = figures(all.totals, hasProfit);
  return { rows: Array.from(ids, (id) => groupAt(all, id)), total: all.ids.length, totals, all, ordered };
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** the columns every rollup dataset shares */
function figures(s: Sums, hasProfit: boolean) {
  return {
    revenue: money(s.revenue),
    profit: hasProfit ? money(s.profit) : null,
    quantity: s.quantity,
    transactions: s.transactions,
  };
}

export async function monthlyData(
  jobId: string,
  f: DataFilters,
  page: Paging,
  hasProfit: boolean,
): Promise<DataPage<MonthlyRow>> {
  const { rows, total, totals } = await grouped(jobId, f, "month", "discountSum", "name", page, hasProfit);
  return {
    dataset: "monthly",
    rows: rows.map((g) => ({
      month: g.key,
      ...figures(g.sums, hasProfit),
      avgDiscount: ratio(g.sums.transactions > 0 ? g.sums.discountSum / g.sums.transactions : 0),
    })),
    total,
    ...page,
    totals,
  };
}

export async function productsData(
  jobId: string,
  f: DataFilters,
  page: Paging,
  hasProfit: boolean,
): Promise<DataPage<ProductRow>> {
  // category = the product's most frequent category (by transactions; ties by name)
  const { rows, total, totals } = await grouped(jobId, f, "product", null, "revenue", page, hasProfit);
  return {
    dataset: "products",
    rows: rows.map((g) => ({
      product: g.key,
      category: g.category as string,
      ...figures(g.sums, hasProfit),
    })),
    total,
    ...page,
    totals,
  };
}

export async function regionsData(
  jobId: string,
  f: DataFilters,
  page: Paging,
  hasProfit: boolean,
): Promise<DataPage<RegionRow>> {
  // every region in order: their shares are rounded together so that they sum to 1
  const { rows, total, totals, all, ordered } = await grouped(
    jobId,
    f,
    "region",
    null,
    "revenue",
    page,
    hasProfit,
    Number.POSITIVE_INFINITY,
  );
  const shares = fourDecimalShares(Array.from(ordered, (id) => all.sums.revenue[id] as number));
  return {
    dataset: "regions",
    rows: rows.map((g, i) => ({
      region: g.key,
      ...figures(g.sums, hasProfit),
      revenueShare: shares[page.offset + i] as number,
    })),
    total,
    ...page,
    totals,
  };
}

export async function categoriesData(
  jobId: string,
  f: DataFilters,
  page: Paging,
  hasProfit: boolean,
): Promise<DataPage<CategoryRow>> {
  const { rows, total, totals } = await grouped(
    jobId,
    f,
    "category",
    "discountRevenue",
    "revenue",
    page,
    hasProfit,
  );
  return {
    dataset: "categories",
    rows: rows.map((g) => ({
      category: g.key,
      ...figures(g.sums, hasProfit),
      avgDiscount: ratio(g.sums.revenue > 0 ? g.sums.discountRevenue / g.sums.revenue : 0),
    })),
    total,
    ...page,
    totals,
  };
}

/**
 * Anomalies in score order, with the dashboard's filters: the month range on
 * the row's sale date, region, category and product on its display names (the
 * category is kept in the database only: §5's anomalies.csv has no such column).
 */
export async function anomaliesData(
  jobId: string,
  f: DataFilters,
  page: Paging,
): Promise<DataPage<AnomalyRow>> {
  const parts: Prisma.Sql[] = [Prisma.sql`"jobId" = ${jobId}`];
  // sale dates are YYYY-MM-DD: a month's days sort between "YYYY-MM" and "YYYY-MM-99"
  if (f.from) parts.push(Prisma.sql`"saleDate" >= ${f.from}`);
  if (f.to) parts.push(Prisma.sql`"saleDate" <= ${`${f.to}-99`}`);
  const cond = Prisma.join([...parts, ...namesIn(f)], " AND ");
  const db = getDb();
  const [rows, counted] = await Promise.all([
    db.$queryRaw<AnomalyRow[]>`
      SELECT "line", "orderId", "saleDate", "product", "region", "category", "quantity", "unitPrice",
             "discount", "revenue", "score", "reason"
      FROM "Anomaly" WHERE ${cond} ORDER BY "rank" LIMIT ${page.limit} OFFSET ${page.offset}`,
    db.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS n FROM "Anomaly" WHERE ${cond}`,
  ]);
  return {
    dataset: "anomalies",
    rows: rows.map((a) => ({
      line: num(a.line),
      orderId: a.orderId,
      saleDate: a.saleDate,
      product: a.product,
      region: a.region,
      category: a.category,
      // rounded as anomalies.csv writes them: money to cents, discount and score to 4 decimals
      quantity: num(a.quantity),
      unitPrice: a.unitPrice === null ? null : money(num(a.unitPrice)),
      discount: ratio(num(a.discount)),
      revenue: money(num(a.revenue)),
      score: ratio(num(a.score)),
      reason: a.reason,
    })),
    total: num(counted[0]?.n),
    ...page,
  };
}

export async function cleaningData(jobId: string, page: Paging): Promise<DataPage<CleaningRow>> {
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.cleaningMerge.findMany({
      where: { jobId },
      orderBy: { rank: "asc" },
      skip: page.offset,
      take: page.limit,
    }),
    db.cleaningMerge.count({ where: { jobId } }),
  ]);
  return {
    dataset: "cleaning",
    rows: rows.map((c) => ({
      field: c.field as NameField,
      original: c.original,
      canonical: c.canonical,
      rows: c.rows,
    })),
    total,
    ...page,
  };
}

/**
 * The stored rejected rows (the first 10,000 of the file); the full list is
 * rejected_rows.csv. `inFile` (the job's rowsRejected) says how many there are
 * in all.
 */
export async function rejectedData(
  jobId: string,
  page: Paging,
  inFile: number,
): Promise<DataPage<RejectedRowDto>> {
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.rejectedRow.findMany({
      where: { jobId },
      orderBy: { line: "asc" },
      skip: page.offset,
      take: page.limit,
    }),
    db.rejectedRow.count({ where: { jobId } }),
  ]);
  return {
    dataset: "rejected",
    rows: rows.map((r) => ({ line: r.line, reason: r.reason as RejectReason, raw: r.raw })),
    total,
    inFile: Math.max(inFile, total),
    ...page,
  };
}
