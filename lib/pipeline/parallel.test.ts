// Two threads give exactly the one-thread answer (lib/pipeline/parallel.ts):
// the real worker script (bundled by esbuild as the CLI bundles it) runs each
// half in a real worker thread; results and rejected_rows.csv are compared
// with runFile's, including the cases that must fall back to one thread.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { observable, orderFree } from "./__fixtures__/compare";
import { generateSampleBytes } from "./generate";
import { openRejectedWriter } from "./outputs";
import { runFileParallel } from "./parallel";
import { runFile } from "./run-file";
import type { PipelineOptions, PipelineResult } from "./types";

const OPTIONS: PipelineOptions = { fuzzy: true };
let dir: string;
let workerUrl: URL;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "parallel-test-"));
  await build({
    entryPoints: [join(__dirname, "..", "..", "scripts", "cli", "pipeline-worker.ts")],
    outfile: join(dir, "pipeline-worker.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    logLevel: "warning",
  });
  workerUrl = pathToFileURL(join(dir, "pipeline-worker.mjs"));
  // every test file here is "large", and its catalog small enough for two threads
  process.env.SALES_PARALLEL_MIN_BYTES = "1";
  process.env.SALES_PARALLEL_MIN_ROWS_PER_PRODUCT = "0";
}, 60_000);

afterAll(() => {
  delete process.env.SALES_PARALLEL_MIN_BYTES;
  delete process.env.SALES_PARALLEL_MIN_ROWS_PER_PRODUCT;
  rmSync(dir, { recursive: true, force: true });
});

function sample(rows: number, seed: number): Uint8Array {
  const parts: Uint8Array[] = [];
  generateSampleBytes({ rows, seed, errorRate: 0.15 }, (c) => parts.push(c.slice()));
  return Buffer.concat(parts);
}

/** one thread and two on the same file: results and rejected rows */
async function both(name: string, bytes: Uint8Array | string, options = OPTIONS) {
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, bytes);
  const oneRejected = join(dir, `${name}.one.rejected.csv`);
  const w = openRejectedWriter(oneRejected);
  const one = runFile(file, options, { onRejected: w.sink, onRestart: w.reset });
  w.close();
  const twoRejected = join(dir, `${name}.two.rejected.csv`);
  let how = "";
  const two = await runFileParallel(file, options, twoRejected, workerUrl, { onPlan: (h) => (how = h) });
  // as for two halves merged in one thread (core.invariance.test.ts): the files
  // of §5 at their printed precision and the rollup in cents (a plain float sum
  // such as a cell's discount total may differ in its last bit with the
  // order of addition); summary, anomalies (with their lines) and rejected rows exactly
  const exact = (r: PipelineResult) => ({ summary: observable(r).summary, anomalies: r.anomalies });
  return {
    one: { ...orderFree(one), ...exact(one) },
    two: { ...orderFree(two), ...exact(two) },
    oneRejected: readFileSync(oneRejected, "utf8"),
    twoRejected: readFileSync(twoRejected, "utf8"),
    result: two as PipelineResult,
    how,
  };
}

describe("runFileParallel", () => {
  it("equals one pass on a messy generated file (quoted rows, every error kind)", async () => {
    const r = await both("messy", sample(4000, 7));
    expect(r.result.summary.rowsRejected).toBeGreaterThan(300);
    expect(r.result.anomalies.length).toBeGreaterThan(0);
    expect(r.how).toBe("two threads");
    expect(r.two).toEqual(r.one);
    expect(r.twoRejected).toBe(r.oneRejected);
  });

  it("reads past an Excel sep= line above the header on both threads", async () => {
    const bytes = Buffer.concat([Buffer.from("sep=,\r\n"), sample(4000, 5)]);
    const r = await both("sep-line", bytes);
    expect(r.how).toBe("two threads");
    expect(r.result.summary.rowsRead).toBe(4000);
    expect(r.two).toEqual(r.one);
    expect(r.twoRejected).toBe(r.oneRejected);
  });

  it("keeps two threads for a file whose last line has no line break, as a Google Sheets export ends", async () => {
    const bytes = sample(4000, 11);
    expect(bytes.at(-1)).toBe(10);
    const r = await both("no-final-break", bytes.subarray(0, bytes.length - 1));
    expect(r.how).toBe("two threads");
    expect(r.two).toEqual(r.one);
    expect(r.twoRejected).toBe(r.oneRejected);
    // the last line as a half-open quote: its first line is rejected as one pass rejects it
    const text = `${Buffer.from(bytes).toString("utf8")}ORD-9,"Desk Lamp,Home,1,9.50,0,North,2024-01-02,a@b.c`;
    const q = await both("open-quote-at-end", text);
    expect(q.how).toBe("two threads");
    expect(q.two).toEqual(q.one);
    expect(q.twoRejected).toBe(q.oneRejected);
    expect(q.twoRejected).toContain("Desk Lamp");
  });

  it("switches to the order-id estimate past the exact limit as one pass does (60,000 ids over two halves)", async () => {
    const r = await both("orders", sample(60_000, 3));
    expect(r.how).toBe("two threads");
    expect(r.two).toEqual(r.one);
    expect(r.twoRejected).toBe(r.oneRejected);
  });

  it("numbers lines after CRLF, lone CR and quoted line breaks in the first half", async () => {
    const head = "order_id,sale_date,product,quantity,unit_price\r\n";
    const rows: string[] = [];
    for (let i = 0; i < 400; i++) {
      const bad = i % 37 === 0 ? "oops" : String(1 + (i % 5));
      const name = i % 11 === 0 ? `"Desk\nLamp"` : i % 13 === 0 ? `"Chair, ""Pro"""` : "Mouse";
      rows.push(`A${i},2024-03-${String(1 + (i % 28)).padStart(2, "0")},${name},${bad},9.50`);
    }
    const text = `${head + rows.slice(0, 100).join("\r")}\r${rows.slice(100).join("\r\n")}\r\n`;
    const r = await both("breaks", text);
    expect(r.result.summary.rowsRejected).toBeGreaterThan(5);
    expect(r.how).toBe("two threads");
    expect(r.two).toEqual(r.one);
    expect(r.twoRejected).toBe(r.oneRejected);
  });

  it("settles day-first in both halves as one pass does (a vote at the 10,000th row, blank lines before it)", async () => {
    const head = "sale_date,product,quantity,unit_price\n";
    const rows = Array.from({ length: 12_000 }, (_, i) => {
      const day = String(1 + (i % 12)).padStart(2, "0");
      const row = i === 9_999 ? "13/04/2024,Lamp,1,2.00" : `${day}/02/2024,P${i % 7},1,2.00`;
      return i % 500 === 0 ? `\n${row}` : row;
    });
    const r = await both("dayfirst", `${head}${rows.join("\n")}\n`);
    expect(r.how).toBe("two threads");
    expect(r.result.summary.dayFirst).toBe(true);
    expect(r.result.monthly.map((m) => m.month)).toEqual(["2024-02", "2024-04"]);
    expect(r.two).toEqual(r.one);
    expect(r.twoRejected).toBe(r.oneRejected);
  });

  it("reads the file once more for the anomalies when the merged fences need it", async () => {
    // the first half: "Desk Lampp" (32 rows of 1,000 raise its threshold to 500,
    // so its 5 rows of 100 are left out); the second: "Desk Lamp" (400 × 10).
    // Merged by the typo rule, the fence is ~10 and the rows of 100 are anomalies.
    // "Office Chair" (fence 50) has one anomaly in the second half.
    const rows = [
      ...Array.from({ length: 32 }, (_, i) => `2024-01-${10 + (i % 9)},Desk Lampp,North,1,1000,0`),
      "2024-01-15,Desk Lampp,North,0,100,0",
      ...Array.from({ length: 5 }, () => `2024-01-15,"Desk Lampp",South,1,100,0`),
      ...Array.from({ length: 25 }, () => "2024-01-20,Office Chair,North,1,50,0"),
      ...Array.from(
        { length: 400 },
        (_, i) => `2024-02-${10 + (i % 9)},Desk Lamp,${i % 2 ? "East" : "West"},1,10,0`,
      ),
      "not a date,Desk Lamp,East,1,10,0",
      "2024-03-01,Office Chair,West,1,5000,0",
    ];
    const r = await both(
      "second-pass",
      `sale_date,product,region,quantity,revenue,discount\n${rows.join("\r\n")}\r\n`,
    );
    expect(r.how).toBe("two threads, then one for the anomalies' second pass");
    expect(r.result.summary.anomalies).toBe(38);
    expect(r.result.anomalies.filter((a) => a.product === "Office Chair").map((a) => a.revenue)).toEqual([
      5000,
    ]);
    expect(r.result.anomalies.filter((a) => a.revenue === 100).map((a) => a.line)).toEqual([
      35, 36, 37, 38, 39,
    ]);
    expect(r.result.summary.rowsRejected).toBe(2);
    expect(r.two).toEqual(r.one);
    expect(r.twoRejected).toBe(r.oneRejected);
  });

  it("runs a large catalog on one thread: its halves' states would cost more to clone and merge than they save", async () => {
    const head = "sale_date,product,quantity,unit_price\n";
    // 3,000 rows of 1,500 products: 2 rows per product, against 500 for two threads
    const rows = Array.from({ length: 3000 }, (_, i) => `2024-01-0${1 + (i % 9)},SKU ${i % 1500},1,2.00`);
    delete process.env.SALES_PARALLEL_MIN_ROWS_PER_PRODUCT;
    try {
      const big = await both("catalog", `${head}${rows.join("\n")}\n`);
      expect(big.how).toBe("one thread: a large catalog (~2 rows per product)");
      expect(big.two).toEqual(big.one);
      expect(big.twoRejected).toBe(big.oneRejected);
      // 20 products of 150 rows: still below 500 per product
      const mid = await both(
        "catalog-mid",
        `${head}${rows.map((r, i) => r.replace(/SKU \d+/, `SKU ${i % 20}`)).join("\n")}\n`,
      );
      expect(mid.how).toBe("one thread: a large catalog (~150 rows per product)");
      // a threshold of 100 rows per product lets it have two
      process.env.SALES_PARALLEL_MIN_ROWS_PER_PRODUCT = "100";
      expect(
        (
          await both(
            "catalog-two",
            `${head}${rows.map((r, i) => r.replace(/SKU \d+/, `SKU ${i % 20}`)).join("\n")}\n`,
          )
        ).how,
      ).toBe("two threads");
    } finally {
      process.env.SALES_PARALLEL_MIN_ROWS_PER_PRODUCT = "0";
    }
  });

  it("falls back to one thread when a quoted line break straddles the cut", async () => {
    const head = "sale_date,product,quantity,unit_price\n";
    // one huge quoted product name around the middle of the file
    const before = Array.from({ length: 200 }, (_, i) => `2024-01-02,P${i % 7},1,2.00`).join("\n");
    const straddle = `2024-01-03,"${"x\n".repeat(4000)}end",2,3.00`;
    const after = Array.from({ length: 200 }, (_, i) => `2024-01-04,P${i % 5},${i % 9},1.25`).join("\n");
    const r = await both("straddle", `${head}${before}\n${straddle}\n${after}\n`);
    expect(r.how).toBe("one thread: the cut is inside a record");
    expect(r.two).toEqual(r.one);
    expect(r.twoRejected).toBe(r.oneRejected);
  });

  it("re-reads as Windows-1252 when the halves disagree on the encoding", async () => {
    const head = Buffer.from("sale_date,product,quantity,unit_price\n");
    const first = Buffer.from(
      Array.from({ length: 300 }, (_, i) => `2024-02-0${1 + (i % 9)},Café ${i % 4},1,2.00\n`).join(""),
      "utf8",
    );
    const second = Buffer.from(
      Array.from({ length: 300 }, (_, i) => `2024-02-1${i % 9},Caf\xe9 ${i % 4},2,1.00\n`).join(""),
      "latin1",
    );
    const r = await both("encoding", Buffer.concat([head, first, second]));
    expect(r.result.summary.encoding).toBe("windows-1252");
    expect(r.how).toMatch(/^one thread: (the halves differ in encoding|encoding restart)$/);
    expect(r.two).toEqual(r.one);
    expect(r.twoRejected).toBe(r.oneRejected);
  });

  it("reports a file error as one pass does", async () => {
    const file = join(dir, "noroles.csv");
    writeFileSync(file, "a,b\n1,2\n3,4\n");
    await expect(runFileParallel(file, OPTIONS, join(dir, "x.csv"), workerUrl)).rejects.toThrow(
      /Required columns are missing/,
    );
  });

  it("fails with the worker's error when a worker crashes, and leaves no part file", async () => {
    const file = join(dir, "crash.csv");
    writeFileSync(file, sample(2000, 5));
    const crashing = join(dir, "crash-worker.mjs");
    writeFileSync(crashing, 'throw new Error("boom in a range worker");\n');
    const rejected = join(dir, "crash.rejected.csv");
    await expect(runFileParallel(file, OPTIONS, rejected, pathToFileURL(crashing))).rejects.toThrow(
      /boom in a range worker/,
    );
    expect(existsSync(`${rejected}.part2`)).toBe(false);
  });
});
