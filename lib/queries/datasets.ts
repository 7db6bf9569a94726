// Dashboard data (SPEC §7): the four rollup datasets are SQL GROUP BYs over a
// job's rollup rows with the filters applied, read from the smallest table
// that holds what a request needs (source()); anomalies, merges and the
// first rejected rows come from their own tables.
import type { DataFilters, DataPage, RejectedRowDto } from "../api/types";
import { getDb } from "../db";
import { Prisma } from "../generated/prisma/client";
import { fourDecimalShares } from "../pipeline/finalize";
import { money as writtenMoney, ratio as writtenRatio } from "../pipeline/outputs";
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

/** Money as the files write it: 2 decimals. */
export const money = (n: number): number => Number(writtenMoney(n));
/** Shares and discounts: 4 decimals. */
export const ratio = (n: number): number => Number(writtenRatio(n));

export interface Paging {
  offset: number;
  limit: number;
}

type Totals = NonNullable<DataPage<unknown>["totals"]>;

/** the region, category and product filters (display names: the rollup's and the anomalies' columns alike) */
function namesIn(f: DataFilters): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (f.region?.length) parts.push(Prisma.sql`"region" IN (${Prisma.join(f.region)})`);
  if (f.category?.length) parts.push(Prisma.sql`"category" IN (${Prisma.join(f.category)})`);
  if (f.product?.length) parts.push(Prisma.sql`"product" IN (${Prisma.join(f.product)})`);
  return parts;
}

function where(jobId: string, f: DataFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`"jobId" = ${jobId}`];
  if (f.from) parts.push(Prisma.sql`"month" >= ${f.from}`);
  if (f.to) parts.push(Prisma.sql`"month" <= ${f.to}`);
  return Prisma.join([...parts, ...namesIn(f)], " AND ");
}

/** what a request groups or sums by, beyond category (which every rollup table has) */
type Need = "month" | "region" | "product" | "discount";

const ROLLUP = Prisma.raw(`"RollupCell"`);
const SLICE = Prisma.raw(`"RollupSlice"`);
const PRODUCT_SLICE = Prisma.raw(`"ProductSlice"`);

/**
 * The smallest table with every column a request groups, filters or sums by:
 * RollupSlice (no product) for most dashboard requests, ProductSlice (product
 * and category only) for the products list without a month or region filter,
 * the rollup itself otherwise. On a SKU-level job (818,000 rollup cells) every
 * request read the rollup in 0.3–1.7 s; from the slices they take 6–33 ms.
 * What still reads the rollup there: a product filter with monthly, regions
 * or categories (0.1–0.4 s) and the products list with a month or region
 * filter (0.4–0.9 s). An index on (jobId, product) made SQLite walk it for the
 * products list's GROUP BY, 7 s with a region filter, so there is none.
 */
function source(f: DataFilters, needs: Need[]): Prisma.Sql {
  const cols = new Set(needs);
  if (f.from || f.to) cols.add("month");
  if (f.region?.length) cols.add("region");
  if (f.product?.length) cols.add("product");
  if (!cols.has("product")) return SLICE;
  if (!cols.has("month") && !cols.has("region") && !cols.has("discount")) return PRODUCT_SLICE;
  return ROLLUP;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

interface SumRow {
  revenue: unknown;
  profit: unknown;
  quantity: unknown;
  transactions: unknown;
}

async function totals(jobId: string, f: DataFilters, hasProfit: boolean): Promise<Totals> {
  const rows = await getDb().$queryRaw<SumRow[]>`
    SELECT SUM("revenue") AS revenue, SUM("profit") AS profit, SUM("quantity") AS quantity,
           SUM("transactions") AS transactions
    FROM ${source(f, [])} WHERE ${where(jobId, f)}`;
  const r = rows[0];
  return {
    revenue: money(num(r?.revenue)),
    quantity: num(r?.quantity),
    transactions: num(r?.transactions),
    profit: hasProfit ? money(num(r?.profit)) : null,
  };
}

async function countGroups(jobId: string, f: DataFilters, column: Need | "category"): Promise<number> {
  const needs: Need[] = column === "category" ? [] : [column];
  const rows = await getDb().$queryRaw<{ n: unknown }[]>`
    SELECT COUNT(DISTINCT ${Prisma.raw(`"${column}"`)}) AS n FROM ${source(f, needs)} WHERE ${where(jobId, f)}`;
  return num(rows[0]?.n);
}

export async function monthlyData(
  jobId: string,
  f: DataFilters,
  page: Paging,
  hasProfit: boolean,
): Promise<DataPage<MonthlyRow>> {
  const rows = await getDb().$queryRaw<(SumRow & { month: string; discountSum: unknown })[]>`
    SELECT "month", SUM("revenue") AS revenue, SUM("profit") AS profit, SUM("quantity") AS quantity,
           SUM("transactions") AS transactions, SUM("discountSum") AS discountSum
    FROM ${source(f, ["month", "discount"])} WHERE ${where(jobId, f)}
    GROUP BY "month" ORDER BY "month" ASC LIMIT ${page.limit} OFFSET ${page.offset}`;
  return {
    dataset: "monthly",
    rows: rows.map((r) => {
      const tx = num(r.transactions);
      return {
        month: r.month,
        revenue: money(num(r.revenue)),
        profit: hasProfit ? money(num(r.profit)) : null,
        quantity: num(r.quantity),
        transactions: tx,
        avgDiscount: ratio(tx > 0 ? num(r.discountSum) / tx : 0),
      };
    }),
    total: await countGroups(jobId, f, "month"),
    ...page,
    totals: await totals(jobId, f, hasProfit),
  };
}

export async function productsData(
  jobId: string,
  f: DataFilters,
  page: Paging,
  hasProfit: boolean,
): Promise<DataPage<ProductRow>> {
  // category = the product's most frequent category (by transactions; ties by name).
  const rows = await getDb().$queryRaw<(SumRow & { product: string; category: string })[]>`
    WITH f AS (SELECT * FROM ${source(f, ["product"])} WHERE ${where(jobId, f)}),
    p AS (
      SELECT "product", SUM("revenue") AS revenue, SUM("profit") AS profit, SUM("quantity") AS quantity,
             SUM("transactions") AS transactions
      FROM f GROUP BY "product"
    ),
    c AS (
      SELECT "product", "category",
             ROW_NUMBER() OVER (PARTITION BY "product" ORDER BY SUM("transactions") DESC, "category" ASC) AS rn
      FROM f GROUP BY "product", "category"
    )
    SELECT p."product" AS product, c."category" AS category, p.revenue, p.profit, p.quantity, p.transactions
    FROM p JOIN c ON c."product" = p."product" AND c.rn = 1
    ORDER BY p.revenue DESC, p."product" ASC LIMIT ${page.limit} OFFSET ${page.offset}`;
  return {
    dataset: "products",
    rows: rows.map((r) => ({
      product: r.product,
      category: r.category,
      revenue: money(num(r.revenue)),
      profit: hasProfit ? money(num(r.profit)) : null,
      quantity: num(r.quantity),
      transactions: num(r.transactions),
    })),
    total: await countGroups(jobId, f, "product"),
    ...page,
    totals: await totals(jobId, f, hasProfit),
  };
}

export async function regionsData(
  jobId: string,
  f: DataFilters,
  page: Paging,
  hasProfit: boolean,
): Promise<DataPage<RegionRow>> {
  const t = await totals(jobId, f, hasProfit);
  // every region: the shares are rounded together so that they sum to 1
  const all = await getDb().$queryRaw<(SumRow & { region: string })[]>`
    SELECT "region", SUM("revenue") AS revenue, SUM("profit") AS profit, SUM("quantity") AS quantity,
           SUM("transactions") AS transactions
    FROM ${source(f, ["region"])} WHERE ${where(jobId, f)}
    GROUP BY "region" ORDER BY revenue DESC, "region" ASC`;
  const shares = fourDecimalShares(all.map((r) => num(r.revenue)));
  return {
    dataset: "regions",
    rows: all.slice(page.offset, page.offset + page.limit).map((r, i) => ({
      region: r.region,
      revenue: money(num(r.revenue)),
      profit: hasProfit ? money(num(r.profit)) : null,
      quantity: num(r.quantity),
      transactions: num(r.transactions),
      revenueShare: shares[page.offset + i] as number,
    })),
    total: all.length,
    ...page,
    totals: t,
  };
}

export async function categoriesData(
  jobId: string,
  f: DataFilters,
  page: Paging,
  hasProfit: boolean,
): Promise<DataPage<CategoryRow>> {
  const rows = await getDb().$queryRaw<(SumRow & { category: string; discountRevenue: unknown })[]>`
    SELECT "category", SUM("revenue") AS revenue, SUM("profit") AS profit, SUM("quantity") AS quantity,
           SUM("transactions") AS transactions, SUM("discountRevenue") AS discountRevenue
    FROM ${source(f, ["discount"])} WHERE ${where(jobId, f)}
    GROUP BY "category" ORDER BY revenue DESC, "category" ASC LIMIT ${page.limit} OFFSET ${page.offset}`;
  return {
    dataset: "categories",
    rows: rows.map((r) => {
      const revenue = num(r.revenue);
      return {
        category: r.category,
        revenue: money(revenue),
        profit: hasProfit ? money(num(r.profit)) : null,
        quantity: num(r.quantity),
        transactions: num(r.transactions),
        avgDiscount: ratio(revenue > 0 ? num(r.discountRevenue) / revenue : 0),
      };
    }),
    total: await countGroups(jobId, f, "category"),
    ...page,
    totals: await totals(jobId, f, hasProfit),
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
