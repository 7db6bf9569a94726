// Uploads end to end through the real server and worker pool: results equal the
// CLI's files, the data API reads the rollup with filters, and bad uploads are
// refused with nothing kept.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { DataPage, JobDto, JobListDto } from "@/lib/api/types";
import type { MonthlyRow, ProductRow, RegionRow } from "@/lib/pipeline/types";
import { runBytes } from "@/lib/pipeline/run-file";
import { money, ratio } from "@/lib/queries/datasets";
import { decodeRollup, rollupRows } from "@/lib/pipeline/rollup";
import { parseJobOptions } from "@/lib/validations/job-options";
import {
  countRows,
  createdJob,
  openDb,
  expectedOutputs,
  sampleCsv,
  stableSummary,
  uploadMultipart,
  uploadRaw,
  waitForJob,
  writeTemp,
  zipEntryNames,
} from "./helpers";

const base = inject("baseUrl");
const dataDir = inject("dataDir");
const maxUploadMb = inject("maxUploadMb");

const RESULT_FILES = [
  "summary.json",
  "monthly_sales.csv",
  "products.csv",
  "regions.csv",
  "categories.csv",
  "anomalies.csv",
  "rejected_rows.csv",
  "cleaning_report.csv",
];

const uploadFiles = () => readdirSync(join(dataDir, "uploads")).sort();

async function data<T>(id: string, dataset: string, query = ""): Promise<DataPage<T>> {
  const r = await fetch(`${base}/api/jobs/${id}/data/${dataset}${query}`);
  const text = await r.text();
  expect(r.status, text).toBe(200);
  return JSON.parse(text) as DataPage<T>;
}

describe("an uploaded file", () => {
  const csv = sampleCsv(6000, 11, 0.2);
  const file = writeTemp("sales.csv", csv);
  let job: JobDto;
  let expectedDir: string;

  beforeAll(async () => {
    expectedDir = await expectedOutputs(file);
    const created = await createdJob(await uploadMultipart(base, "sales.csv", csv));
    expect(created.status).toMatch(/queued|running/);
    expect(created.fileName).toBe("sales.csv");
    expect(created.sizeBytes).toBe(Buffer.byteLength(csv));
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    job = await waitForJob(base, created.id);
  });

  it("completes with a summary and full progress", () => {
    expect(job.status, job.error ?? "").toBe("completed");
    expect(job.summary?.rowsRead).toBe(6000);
    expect(job.summary!.rowsValid + job.summary!.rowsRejected).toBe(6000);
    expect(job.summary!.rowsRejected).toBeGreaterThan(0);
    expect(job.progress.fraction).toBe(1);
    expect(job.startedAt).not.toBeNull();
    expect(job.finishedAt).not.toBeNull();
  });

  it("serves every result file byte for byte as the CLI writes it", async () => {
    for (const name of RESULT_FILES) {
      const r = await fetch(`${base}/api/jobs/${job.id}/download/${name}`);
      expect(r.status, name).toBe(200);
      expect(r.headers.get("content-disposition")).toBe(`attachment; filename="${name}"`);
      const got = await r.text();
      const want = readFileSync(join(expectedDir, name), "utf8");
      if (name === "summary.json") expect(stableSummary(got)).toEqual(stableSummary(want));
      else expect(got, name).toBe(want);
    }
  });

  it("zips all result files into all.zip", async () => {
    const r = await fetch(`${base}/api/jobs/${job.id}/download/all.zip`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/zip");
    const names = zipEntryNames(Buffer.from(await r.arrayBuffer()));
    expect(names.sort()).toEqual([...RESULT_FILES].sort());
  });

  it("answers the rollup datasets with totals equal to the summary", async () => {
    const monthly = await data<MonthlyRow>(job.id, "monthly");
    expect(monthly.totals?.revenue).toBeCloseTo(job.summary!.revenue, 1);
    expect(monthly.totals?.transactions).toBe(job.summary!.transactions);
    const csvMonths = readFileSync(join(expectedDir, "monthly_sales.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1);
    expect(monthly.rows.map((r) => r.month)).toEqual(csvMonths.map((l) => l.split(",")[0]));
    expect(monthly.total).toBe(csvMonths.length);

    const products = await data<ProductRow>(job.id, "products");
    const csvProducts = readFileSync(join(expectedDir, "products.csv"), "utf8").trim().split("\n").slice(1);
    expect(products.total).toBe(csvProducts.length);
    // revenue descending, same products as the file
    const revs = products.rows.map((p) => p.revenue);
    expect([...revs].sort((a, b) => b - a)).toEqual(revs);
    expect(products.rows[0]?.category).toBeTruthy();

    // shares sum to 1 exactly in the 4 decimals they are given with, filtered or not
    const tenThousandths = (p: DataPage<RegionRow>) =>
      Math.round(p.rows.reduce((s, r) => s + r.revenueShare * 10_000, 0));
    const regions = await data<RegionRow>(job.id, "regions");
    expect(tenThousandths(regions)).toBe(10_000);
    const month = monthly.rows[1]!.month;
    expect(tenThousandths(await data<RegionRow>(job.id, "regions", `?from=${month}&to=${month}`))).toBe(
      10_000,
    );
    const csvShares = readFileSync(join(expectedDir, "regions.csv"), "utf8").trim().split("\n").slice(1);
    expect(regions.rows.map((r) => r.revenueShare.toFixed(4))).toEqual(
      csvShares.map((l) => l.split(",").at(-1)),
    );
  });

  it("applies region, month and product filters to every rollup dataset", async () => {
    const all = await data<RegionRow>(job.id, "regions");
    const top = all.rows[0]!;
    const one = await data<RegionRow>(job.id, "regions", `?region=${encodeURIComponent(top.region)}`);
    expect(one.rows).toHaveLength(1);
    expect(one.rows[0]?.revenueShare).toBe(1);
    expect(one.totals?.revenue).toBeCloseTo(top.revenue, 1);
    expect(one.totals!.revenue).toBeLessThan(all.totals!.revenue);

    const monthly = await data<MonthlyRow>(job.id, "monthly");
    const first = monthly.rows[0]!.month;
    const ranged = await data<MonthlyRow>(job.id, "monthly", `?from=${first}&to=${first}`);
    expect(ranged.rows.map((r) => r.month)).toEqual([first]);
    expect(ranged.totals?.revenue).toBeCloseTo(monthly.rows[0]!.revenue, 1);

    const products = await data<ProductRow>(job.id, "products");
    const [p1, p2] = products.rows;
    const two = await data<ProductRow>(
      job.id,
      "products",
      `?product=${encodeURIComponent(p1!.product)}&product=${encodeURIComponent(p2!.product)}`,
    );
    expect(two.rows.map((r) => r.product)).toEqual([p1!.product, p2!.product]);
    const cats = await data<{ category: string; revenue: number }>(
      job.id,
      "categories",
      `?product=${encodeURIComponent(p1!.product)}`,
    );
    expect(cats.totals?.revenue).toBeCloseTo(p1!.revenue, 1);

    const bad = await fetch(`${base}/api/jobs/${job.id}/data/monthly?from=2024-13`);
    expect(bad.status).toBe(422);
  });

  it("pages the stored rejected rows in file order, matching rejected_rows.csv", async () => {
    const page = await data<{ line: number; reason: string; raw: string }>(
      job.id,
      "rejected",
      "?limit=5&offset=2",
    );
    expect(page.total).toBe(Math.min(10_000, job.summary!.rowsRejected));
    expect(page.inFile).toBe(job.summary!.rowsRejected);
    expect(page.rows).toHaveLength(5);
    const lines = readFileSync(join(expectedDir, "rejected_rows.csv"), "utf8").split("\n").slice(1);
    const third = lines[2]!;
    expect(third.startsWith(`${page.rows[0]!.line},${page.rows[0]!.reason},`)).toBe(true);
    const anomalies = await data<{ score: number }>(job.id, "anomalies");
    const csvAnomalies =
      readFileSync(join(expectedDir, "anomalies.csv"), "utf8").trim().split("\n").length - 1;
    expect(anomalies.total).toBe(csvAnomalies);
    const cleaning = await data(job.id, "cleaning");
    const csvCleaning =
      readFileSync(join(expectedDir, "cleaning_report.csv"), "utf8").trim().split("\n").length - 1;
    expect(cleaning.total).toBe(csvCleaning);
  });

  it("filters anomalies by month range, category and region, as anomalies.csv holds them", async () => {
    // line,order_id,sale_date,product,region,…
    const rows = Papa.parse<string[]>(
      readFileSync(join(expectedDir, "anomalies.csv"), "utf8").trim(),
    ).data.slice(1);
    const months = [...new Set(rows.map((r) => r[2]!.slice(0, 7)))].sort();
    expect(months.length).toBeGreaterThan(2);
    const from = months[1]!;
    const to = months[months.length - 2]!;
    const inRange = rows.filter((r) => r[2]!.slice(0, 7) >= from && r[2]!.slice(0, 7) <= to);
    const ranged = await data<{ line: number; saleDate: string }>(
      job.id,
      "anomalies",
      `?from=${from}&to=${to}&limit=1000`,
    );
    expect(ranged.total).toBe(inRange.length);
    expect(ranged.rows.map((a) => a.line)).toEqual(inRange.map((r) => Number(r[0])));

    // category: the anomaly rows of that category (each keeps its own)
    const all = await data<{
      line: number;
      category: string;
      revenue: number;
      discount: number;
      score: number;
    }>(job.id, "anomalies", "?limit=1000");
    expect(all.rows.map((a) => a.line)).toEqual(rows.map((r) => Number(r[0])));
    // the figures as anomalies.csv writes them (discount, revenue, score)
    expect(all.rows.map((a) => [a.discount, a.revenue, a.score])).toEqual(
      rows.map((r) => [Number(r[7]), Number(r[8]), Number(r[9])]),
    );
    const counts = new Map<string, number>();
    for (const a of all.rows) counts.set(a.category, (counts.get(a.category) ?? 0) + 1);
    expect(counts.size).toBeGreaterThan(1);
    const [category, n] = [...counts.entries()].sort((x, y) => y[1] - x[1])[0]!;
    const byCategory = await data<{ line: number; category: string }>(
      job.id,
      "anomalies",
      `?category=${encodeURIComponent(category)}&limit=1000`,
    );
    expect(byCategory.total).toBe(n);
    expect(byCategory.rows.map((a) => a.line)).toEqual(
      all.rows.filter((a) => a.category === category).map((a) => a.line),
    );

    const region = rows[0]![4]!;
    const byRegion = await data(job.id, "anomalies", `?region=${encodeURIComponent(region)}&limit=1000`);
    expect(byRegion.total).toBe(rows.filter((r) => r[4] === region).length);
  });

  it("stores the rollup as columns beside the files, the rejected rows in the database", () => {
    const cols = decodeRollup(readFileSync(join(dataDir, "jobs", job.id, "rollup.columns")));
    expect(cols.cells).toBeGreaterThan(0);
    expect(countRows(dataDir, "RollupCell", job.id)).toBe(0);
    expect(countRows(dataDir, "RejectedRow", job.id)).toBe(Math.min(10_000, job.summary!.rowsRejected));
  });

  it("gives the same results for a raw upload with ?filename=", async () => {
    const raw = await createdJob(await uploadRaw(base, "raw sales.csv", csv));
    expect(raw.fileName).toBe("raw sales.csv");
    const done = await waitForJob(base, raw.id);
    expect(done.status, done.error ?? "").toBe("completed");
    const a = await (await fetch(`${base}/api/jobs/${raw.id}/download/products.csv`)).text();
    expect(a).toBe(readFileSync(join(expectedDir, "products.csv"), "utf8"));
  });

  it("takes options from the multipart form (fuzzy off matches the CLI's --no-fuzzy)", async () => {
    const want = await expectedOutputs(file, ["--no-fuzzy"]);
    const j = await createdJob(await uploadMultipart(base, "nofuzzy.csv", csv, { fuzzy: false }));
    expect(j.options.fuzzy).toBe(false);
    const done = await waitForJob(base, j.id);
    expect(done.status, done.error ?? "").toBe("completed");
    const got = await (await fetch(`${base}/api/jobs/${j.id}/download/cleaning_report.csv`)).text();
    expect(got).toBe(readFileSync(join(want, "cleaning_report.csv"), "utf8"));
  });
});

describe("a file with an Excel sep= line above the header", () => {
  it("is read with the delimiter it declares, its rejected rows numbered as the file's lines", async () => {
    const text = "sep=;\r\nDate;Product;Qty;Price\r\n05/03/2024;Mug;2;3,50\r\n06/03/2024;Cup;x;1\r\n";
    const j = await createdJob(await uploadRaw(base, "excel-sep.csv", text));
    const done = await waitForJob(base, j.id);
    expect(done.status, done.error ?? "").toBe("completed");
    expect(done.summary).toMatchObject({ delimiter: ";", rowsRead: 2, rowsValid: 1, revenue: 7 });
    const rejected = await (await fetch(`${base}/api/jobs/${j.id}/download/rejected_rows.csv`)).text();
    expect(rejected).toBe("line,reason,raw\n4,invalid_quantity,06/03/2024;Cup;x;1\n");
  });
});

describe("figures on a rounding tie", () => {
  it("gives the data API the month's average discount its monthly_sales.csv has", async () => {
    // 8 rows with discounts summing to 0.93: the mean 0.11625 is a tie at 4 decimals, and the
    // rollup's SQL sum and the core's sum differ in the float noise that would break it
    const rows = [0.12, 0, 0.12, 0, 0.17, 0, 0.3, 0.22].map(
      (d, i) => `2024-04-0${i + 1},${"ABACADEF"[i]},${i === 2 || i === 4 ? "South" : "North"},1,10,${d}`,
    );
    const csv = `sale_date,product,region,quantity,unit_price,discount\n${rows.join("\n")}\n`;
    const j = await createdJob(await uploadRaw(base, "tie.csv", csv));
    const done = await waitForJob(base, j.id);
    expect(done.status, done.error ?? "").toBe("completed");
    const file = await (await fetch(`${base}/api/jobs/${j.id}/download/monthly_sales.csv`)).text();
    const written = Number(file.trim().split("\n")[1]?.split(",").at(-1));
    const monthly = await data<MonthlyRow>(j.id, "monthly");
    expect(monthly.rows.map((r) => r.avgDiscount)).toEqual([written]);
    expect(written === 0.1162 || written === 0.1163).toBe(true);
  });
});

describe("a file with a profit column", () => {
  it("carries profit through the summary, the data API and the files", async () => {
    const csv = [
      "Order ID;Order Date;Product;Category;Region;Qty;Price;Profit",
      "1;2024-01-05;Widget;Tools;North;2;10,00;3,50",
      "2;2024-01-20;Widget;Tools;South;1;10,00;1,25",
      "3;2024-02-02;Gadget;Toys;North;4;2,50;0,75",
      "4;2024-02-03;;Toys;North;4;2,50;0,75",
    ].join("\r\n");
    const j = await createdJob(await uploadRaw(base, "profit.csv", csv));
    const done = await waitForJob(base, j.id);
    expect(done.status, done.error ?? "").toBe("completed");
    expect(done.summary).toMatchObject({ rowsValid: 3, rowsRejected: 1, delimiter: ";", profit: 5.5 });
    const products = await data<ProductRow>(done.id, "products");
    expect(products.totals).toEqual({ revenue: 40, quantity: 7, transactions: 3, profit: 5.5 });
    expect(products.rows.map((p) => [p.product, p.revenue, p.profit])).toEqual([
      ["Widget", 30, 4.75],
      ["Gadget", 10, 0.75],
    ]);
    const north = await data<RegionRow>(done.id, "regions", "?region=North&from=2024-02");
    expect(north.rows).toEqual([
      { region: "North", revenue: 10, profit: 0.75, quantity: 4, transactions: 1, revenueShare: 1 },
    ]);
    const want = await expectedOutputs(writeTemp("profit.csv", csv));
    const got = await (await fetch(`${base}/api/jobs/${done.id}/download/regions.csv`)).text();
    expect(got).toBe(readFileSync(join(want, "regions.csv"), "utf8"));
  });
});

describe("the data API's rollup columns", () => {
  it("answer every dataset and filter as the core's rollup sums, and are rebuilt from a legacy job's RollupCell rows", async () => {
    const csv = sampleCsv(4000, 23, 0.1);
    const done = await waitForJob(base, (await createdJob(await uploadRaw(base, "slices.csv", csv))).id);
    expect(done.status, done.error ?? "").toBe("completed");
    interface Cell {
      month: string;
      region: string;
      category: string;
      product: string;
      revenue: number;
      quantity: number;
      transactions: number;
      discountRevenue: number;
      discountSum: number;
    }
    // the rollup as the core makes it from the same bytes and options, in this process
    const rollup = rollupRows(runBytes(new TextEncoder().encode(csv), parseJobOptions({})).rollup);
    const cells: Cell[] = rollup;
    expect(cells.length).toBeGreaterThan(100);
    const byRevenue = [...new Set(cells.map((c) => c.product))];
    const regions = [...new Set(cells.map((c) => c.region))].sort();
    const categories = [...new Set(cells.map((c) => c.category))].sort();
    const months = [...new Set(cells.map((c) => c.month))].sort();
    type Filter = { from?: string; to?: string; region?: string[]; category?: string[]; product?: string[] };
    const filters: Filter[] = [
      {},
      { region: [regions[0] as string] },
      { category: [categories[0] as string] },
      { product: byRevenue.slice(0, 2) },
      { from: months[1], to: months.at(-2) },
      { region: regions.slice(0, 2), category: [categories[1] as string] },
      { product: [byRevenue[0] as string], from: months[2] },
      { product: byRevenue.slice(0, 3), category: [categories[0] as string] },
    ];
    const query = (f: Filter) => {
      const q = new URLSearchParams();
      if (f.from) q.set("from", f.from);
      if (f.to) q.set("to", f.to);
      for (const k of ["region", "category", "product"] as const) for (const v of f[k] ?? []) q.append(k, v);
      q.set("limit", "1000");
      return `?${q}`;
    };
    const keep = (f: Filter) => (c: Cell) =>
      (!f.from || c.month >= f.from) &&
      (!f.to || c.month <= f.to) &&
      (!f.region || f.region.includes(c.region)) &&
      (!f.category || f.category.includes(c.category)) &&
      (!f.product || f.product.includes(c.product));
    // the rollup's rows summed in JS, by one column
    const grouped = (f: Filter, key: "month" | "region" | "category" | "product") => {
      const m = new Map<string, Cell>();
      for (const c of cells.filter(keep(f))) {
        const a = m.get(c[key]) ?? {
          ...c,
          revenue: 0,
          quantity: 0,
          transactions: 0,
          discountRevenue: 0,
          discountSum: 0,
        };
        a.revenue += c.revenue;
        a.quantity += c.quantity;
        a.transactions += c.transactions;
        a.discountRevenue += c.discountRevenue;
        a.discountSum += c.discountSum;
        m.set(c[key], a);
      }
      return m;
    };
    for (const f of filters) {
      const kept = cells.filter(keep(f));
      const totals = {
        revenue: money(kept.reduce((s, c) => s + c.revenue, 0)),
        quantity: kept.reduce((s, c) => s + c.quantity, 0),
        transactions: kept.reduce((s, c) => s + c.transactions, 0),
      };
      for (const [dataset, key] of [
        ["monthly", "month"],
        ["regions", "region"],
        ["categories", "category"],
        ["products", "product"],
      ] as const) {
        const page = await data<Record<string, string | number>>(done.id, dataset, query(f));
        const want = grouped(f, key);
        const label = `${dataset} ${JSON.stringify(f)}`;
        expect(page.total, label).toBe(want.size);
        expect(page.totals, label).toMatchObject(totals);
        expect(page.rows.length, label).toBe(want.size);
        for (const row of page.rows) {
          const w = want.get(row[key] as string) as Cell;
          expect(w, label).toBeDefined();
          expect(row.revenue, label).toBe(money(w.revenue));
          expect(row.quantity, label).toBe(w.quantity);
          expect(row.transactions, label).toBe(w.transactions);
          if (dataset === "monthly")
            expect(row.avgDiscount, label).toBe(ratio(w.discountSum / w.transactions));
          if (dataset === "categories")
            expect(row.avgDiscount, label).toBe(ratio(w.discountRevenue / w.revenue));
        }
      }
    }

    // A job completed before rollup.columns files has its rollup in RollupCell
    // (new jobs write none there): its file is made from those rows, the same
    // cells as the worker writes, when missing or damaged.
    const db = openDb(dataDir, { write: true });
    expect(countRows(dataDir, "RollupCell", done.id)).toBe(0);
    const insert = db.prepare(
      `INSERT INTO "RollupCell" ("jobId","month","region","category","product","revenue","profit","quantity","transactions","discountRevenue","discountSum") VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    );
    db.transaction(() => {
      for (const c of rollup)
        insert.run(
          done.id,
          c.month,
          c.region,
          c.category,
          c.product,
          c.revenue,
          c.profit,
          c.quantity,
          c.transactions,
          c.discountRevenue,
          c.discountSum,
        );
    })();
    db.close();
    const path = join(dataDir, "jobs", done.id, "rollup.columns");
    const written = readFileSync(path);
    const f = filters[5] as Filter;
    const want = await data<Record<string, string | number>>(done.id, "products", query(f));
    for (const damage of [() => rmSync(path), () => writeFileSync(path, written.subarray(0, 100))]) {
      damage();
      expect(await data<Record<string, string | number>>(done.id, "products", query(f))).toEqual(want);
      expect(rollupRows(decodeRollup(readFileSync(path)))).toEqual(rollupRows(decodeRollup(written)));
    }
    // a job with neither (the file lost since jobs keep no rows) says so, it does not show an empty dashboard
    const wipe = openDb(dataDir, { write: true });
    wipe.prepare(`DELETE FROM "RollupCell" WHERE "jobId" = ?`).run(done.id);
    wipe.close();
    rmSync(path);
    const lost = await fetch(`${base}/api/jobs/${done.id}/data/products${query(f)}`);
    expect(lost.status).toBe(500);
    expect(((await lost.json()) as { error: { message: string } }).error.message).toMatch(
      /rollup is missing.*re-run/,
    );
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });
});

describe("a file with more rejected rows than the server keeps", () => {
  it("says how many the file has beside the 10,000 it lists", async () => {
    const rows = Array.from({ length: 10_050 }, (_, i) => `not a date,W,1,1,${i}`);
    const csv = ["sale_date,product,quantity,unit_price,note", "2024-01-05,W,1,1,ok", ...rows].join("\n");
    const done = await waitForJob(base, (await createdJob(await uploadRaw(base, "bad.csv", csv))).id);
    expect(done.status, done.error ?? "").toBe("completed");
    expect(done.summary?.rowsRejected).toBe(10_050);
    // the worker writes the rows it keeps from their text and the rest from their bytes: the file is the CLI's
    const want = await expectedOutputs(writeTemp("bad.csv", csv));
    const file = await (await fetch(`${base}/api/jobs/${done.id}/download/rejected_rows.csv`)).text();
    expect(file).toBe(readFileSync(join(want, "rejected_rows.csv"), "utf8"));
    const last = await data<{ line: number }>(done.id, "rejected", "?offset=9999&limit=10");
    expect(last.total).toBe(10_000);
    expect(last.inFile).toBe(10_050);
    expect(last.rows.map((r) => r.line)).toEqual([10_002]);
  });
});

describe("refused uploads", () => {
  const jobCount = async () =>
    ((await (await fetch(`${base}/api/jobs?limit=100`)).json()) as JobListDto).jobs.length;

  it("413 over MAX_UPLOAD_MB, streamed, with the partial file removed", async () => {
    const before = uploadFiles();
    const n = await jobCount();
    const big = Buffer.alloc(Math.ceil(maxUploadMb * 1024 * 1024 * 1.5), "a,b,c\n");
    // one byte over, raw: its declared length is refused before the body is read
    const justOver = Buffer.alloc(maxUploadMb * 1024 * 1024 + 1, "a,b,c\n");
    for (const r of [
      await uploadRaw(base, "big.csv", big),
      await uploadMultipart(base, "big.csv", big),
      await uploadRaw(base, "just-over.csv", justOver),
    ]) {
      expect(r.status).toBe(413);
      const body = (await r.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("payload_too_large");
    }
    expect(uploadFiles()).toEqual(before);
    expect(await jobCount()).toBe(n);
  });

  it("415 for a binary file, nothing queued", async () => {
    const before = uploadFiles();
    const n = await jobCount();
    const bin = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 2, 3, 0, 0]);
    const r = await uploadMultipart(base, "archive.zip", bin);
    expect(r.status).toBe(415);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe("not_text");
    expect(uploadFiles()).toEqual(before);
    expect(await jobCount()).toBe(n);
  });

  it("422 listing the headers found and the roles missing", async () => {
    const before = uploadFiles();
    const r = await uploadRaw(base, "wrong.csv", "when,what\n2024-01-01,thing\n");
    expect(r.status).toBe(422);
    const body = (await r.json()) as {
      error: { code: string; message: string; details: Record<string, unknown> };
    };
    expect(body.error.code).toBe("missing_roles");
    expect(body.error.details.headers).toEqual(["when", "what"]);
    expect(body.error.details.missing).toEqual(expect.arrayContaining(["sale_date", "product", "quantity"]));
    expect(uploadFiles()).toEqual(before);
  });

  it("422 for a header without rows, an empty file, bad options and a mapping to an unknown header; 400 for options that are not JSON", async () => {
    const header = "order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date\n";
    expect((await uploadRaw(base, "h.csv", header)).status).toBe(422);
    expect((await uploadRaw(base, "e.csv", "")).status).toBe(422);
    const csv = `${header}1,Widget,Tools,2,3.50,0,North,2024-01-05\n`;
    const badJson = await uploadMultipart(base, "o.csv", csv, "{not json");
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    const badOpt = await uploadMultipart(base, "o.csv", csv, { fuzzy: "yes" });
    expect(badOpt.status).toBe(422);
    expect(((await badOpt.json()) as { error: { code: string } }).error.code).toBe("validation_error");
    const badMap = await uploadMultipart(base, "o.csv", csv, { mapping: { product: "nope" } });
    expect(badMap.status).toBe(422);
  });

  it("400 for a form it would otherwise read in part: two files, two option fields, too many fields", async () => {
    const csv = "sale_date,product,quantity,unit_price\n2024-01-01,Mug,1,2\n";
    const post = async (build: (form: FormData) => void) => {
      const form = new FormData();
      build(form);
      const r = await fetch(`${base}/api/jobs`, { method: "POST", body: form });
      return { status: r.status, body: (await r.json()) as { error?: { code: string; message: string } } };
    };
    const file = () => new Blob([csv], { type: "text/csv" });
    const before = uploadFiles();
    const n = await jobCount();
    const twoFiles = await post((f) => {
      f.append("file", file(), "a.csv");
      f.append("file", file(), "b.csv");
    });
    expect(twoFiles.status).toBe(400);
    expect(twoFiles.body.error?.message).toMatch(/more than one "file" field/);
    const twoOptions = await post((f) => {
      f.append("options", "{}");
      f.append("options", '{"fuzzy":false}');
      f.append("file", file(), "a.csv");
    });
    expect(twoOptions.status).toBe(400);
    expect(twoOptions.body.error?.message).toMatch(/more than one "options" field/);
    const manyFields = await post((f) => {
      for (let i = 0; i < 21; i++) f.append(`note${i}`, "x");
      f.append("options", '{"fuzzy":false}');
      f.append("file", file(), "a.csv");
    });
    expect(manyFields.status).toBe(400);
    expect(manyFields.body.error?.message).toMatch(/more than 20 fields/);
    expect(uploadFiles()).toEqual(before);
    expect(await jobCount()).toBe(n);
    // another file part before "file" is skipped, and the upload goes through
    const extra = await post((f) => {
      f.append("attachment", file(), "notes.csv");
      f.append("file", file(), "real.csv");
    });
    expect(extra.status).toBe(202);
  });

  it("accepts a mapping override that supplies a missing role", async () => {
    const csv = "when,what,qty,price\n2024-01-01,Widget,2,3.5\n2024-02-01,Widget,1,3.5\n";
    const j = await createdJob(
      await uploadRaw(base, "mapped.csv", csv, "text/csv", {
        mapping: { sale_date: "when", product: "what" },
      }),
    );
    const done = await waitForJob(base, j.id);
    expect(done.status, done.error ?? "").toBe("completed");
    expect(done.summary?.rowsValid).toBe(2);
    expect(done.summary?.mapping.sale_date).toBe("when");
  });
});

describe("ids, datasets and files that do not exist", () => {
  it("404 for malformed and unknown ids, datasets and files", async () => {
    for (const path of [
      "/api/jobs/nope",
      "/api/jobs/..%2F..%2Fetc%2Fpasswd",
      "/api/jobs/AAAAAAAAAAAAAAAAAAAAAA",
      "/api/jobs/AAAAAAAAAAAAAAAAAAAAAA/data/monthly",
      "/api/jobs/AAAAAAAAAAAAAAAAAAAAAA/download/summary.json",
    ]) {
      const r = await fetch(`${base}${path}`);
      expect(r.status, path).toBe(404);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
    const list = (await (await fetch(`${base}/api/jobs?status=completed&limit=1`)).json()) as JobListDto;
    const id = list.jobs[0]?.id;
    expect(id).toBeDefined();
    expect((await fetch(`${base}/api/jobs/${id}/data/whatever`)).status).toBe(404);
    expect((await fetch(`${base}/api/jobs/${id}/download/..%2Fapp.db`)).status).toBe(404);
    expect((await fetch(`${base}/api/jobs/${id}/download/secret.csv`)).status).toBe(404);
    expect((await fetch(`${base}/api/jobs/AAAAAAAAAAAAAAAAAAAAAA`, { method: "DELETE" })).status).toBe(404);
    expect((await fetch(`${base}/api/jobs/bad/cancel`, { method: "POST" })).status).toBe(404);
  });

  it("answers unknown API paths and methods in the API's error format, not with an HTML page or an empty body", async () => {
    for (const [method, path] of [
      ["GET", "/api/nonexistent"],
      ["POST", "/api/jobs/AAAAAAAAAAAAAAAAAAAAAA/bogus"],
      ["GET", "/api/jobs/AAAAAAAAAAAAAAAAAAAAAA/data/monthly/extra"],
    ] as const) {
      const r = await fetch(`${base}${path}`, { method });
      expect(r.status, path).toBe(404);
      expect(r.headers.get("content-type")).toContain("application/json");
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
    for (const [method, path, allow] of [
      ["PUT", "/api/jobs", "GET, POST"],
      ["GET", "/api/jobs/AAAAAAAAAAAAAAAAAAAAAA/cancel", "POST"],
      ["POST", "/api/health", "GET"],
      ["DELETE", "/api/openapi.json", "GET"],
    ] as const) {
      const r = await fetch(`${base}${path}`, { method });
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(r.headers.get("allow")).toBe(allow);
      const body = (await r.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("method_not_allowed");
      expect(body.error.message).toContain(allow);
    }
  });
});

describe("the job list", () => {
  it("lists newest first with status, name search, limit and cursor", async () => {
    const a = await createdJob(await uploadRaw(base, "list-alpha.csv", sampleCsv(50, 1)));
    const b = await createdJob(await uploadRaw(base, "list-beta.csv", sampleCsv(50, 2)));
    await waitForJob(base, a.id);
    await waitForJob(base, b.id);
    const page1 = (await (await fetch(`${base}/api/jobs?q=list-&limit=1`)).json()) as JobListDto;
    expect(page1.jobs.map((j) => j.id)).toEqual([b.id]);
    expect(page1.nextCursor).toBe(b.id);
    const page2 = (await (
      await fetch(`${base}/api/jobs?q=list-&limit=1&cursor=${page1.nextCursor}`)
    ).json()) as JobListDto;
    expect(page2.jobs.map((j) => j.id)).toEqual([a.id]);
    expect(page2.nextCursor).toBeNull();
    const failed = (await (await fetch(`${base}/api/jobs?status=failed&q=list-`)).json()) as JobListDto;
    expect(failed.jobs).toEqual([]);
    // a repeated status: jobs in any of them
    const either = (await (
      await fetch(`${base}/api/jobs?status=failed&status=completed&q=list-`)
    ).json()) as JobListDto;
    expect(either.jobs.map((j) => j.id)).toEqual([b.id, a.id]);
    expect((await fetch(`${base}/api/jobs?limit=101`)).status).toBe(422);
    expect((await fetch(`${base}/api/jobs?status=weird`)).status).toBe(422);
  });

  it("searches for % and _ literally, paging past the names only a wildcard would match", async () => {
    const ids: Record<string, string> = {};
    // newest first: the three look-alikes come before the one real match
    for (const name of ["pct_100%.csv", "pctX100x.csv", "pctY100y.csv", "pctZ100z.csv"])
      ids[name] = (await createdJob(await uploadRaw(base, name, sampleCsv(5, 3)))).id;
    const search = async (q: string, extra = "") =>
      ((await (await fetch(`${base}/api/jobs?q=${encodeURIComponent(q)}${extra}`)).json()) as JobListDto)
        .jobs;
    expect((await search("_100%")).map((j) => j.fileName)).toEqual(["pct_100%.csv"]);
    expect((await search("PCT_100", "&limit=1")).map((j) => j.id)).toEqual([ids["pct_100%.csv"]]);
    expect((await search("pct")).length).toBe(4);
  });

  it("searches names case-insensitively beyond ASCII, whatever Unicode form they came in", async () => {
    const nfc = (await createdJob(await uploadRaw(base, "Ümsätze-Köln.csv", sampleCsv(5, 4)))).id;
    // as macOS names files: U + combining diaeresis
    const nfd = (
      await createdJob(await uploadRaw(base, "U\u0308msätze-Bonn.csv".normalize("NFD"), sampleCsv(5, 5)))
    ).id;
    const ids = async (q: string) =>
      ((await (await fetch(`${base}/api/jobs?q=${encodeURIComponent(q)}`)).json()) as JobListDto).jobs.map(
        (j) => j.id,
      );
    expect(await ids("ümsätze")).toEqual([nfd, nfc]);
    expect(await ids("KÖLN")).toEqual([nfc]);
    expect(await ids("Ümsätze-bonn".normalize("NFD"))).toEqual([nfd]);
  });
});

describe("service documents", () => {
  it("health reports version, queue and database", async () => {
    const r = await fetch(`${base}/api/health`);
    expect(r.status).toBe(200);
    const h = (await r.json()) as Record<string, unknown>;
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8"));
    expect(h).toMatchObject({ status: "ok", version: pkg.version, database: true });
    expect(typeof h.queueDepth).toBe("number");
    expect(typeof h.workerReady).toBe("boolean");
  });

  it("openapi.json is OpenAPI 3.1 and describes every route", async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: object;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/api/health",
        "/api/jobs",
        "/api/jobs/sample",
        "/api/jobs/{id}",
        "/api/jobs/{id}/cancel",
        "/api/jobs/{id}/data/{dataset}",
        "/api/jobs/{id}/download/{file}",
        "/api/jobs/{id}/rerun",
        "/api/openapi.json",
      ].sort(),
    );
  });
});
