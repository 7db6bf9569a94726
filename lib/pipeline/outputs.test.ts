// The files of SPEC §5: headers, number formats, formula-injection escaping,
// rejected_rows.csv and summary.json.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { csv, run } from "./__fixtures__/run";
import {
  amount,
  csvCell,
  datasetCsv,
  money,
  openRejectedWriter,
  RESULT_FILES,
  ratio,
  summaryJson,
  writeResultFiles,
} from "./outputs";
import type { PipelineResult } from "./types";

const dir = mkdtempSync(join(tmpdir(), "outputs-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = (text: string) => text.split("\n")[0];

describe("csvCell", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+cmd", "'+cmd"],
    ["-2+3", "'-2+3"],
    ["@SUM(1)", "'@SUM(1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", '"\'\r=1"'],
    ["=1,2", '"\'=1,2"'],
    ["-", "'-"],
    ["-5", "-5"],
    ["+5", "+5"],
    ["-12.50", "-12.50"],
    ["-1e5", "-1e5"],
    ["plain", "plain"],
    ["a=b", "a=b"],
    ["", ""],
    ['say "hi"', '"say ""hi"""'],
    ["a,b", '"a,b"'],
    ["two\nlines", '"two\nlines"'],
  ])("%j → %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("writes numbers and null as they are", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(0.25)).toBe("0.25");
    expect(csvCell(null)).toBe("");
  });

  it("round-trips through a CSV reader, quote and all", () => {
    const values = ['=HYPERLINK("x")', "a,b", 'q"q', "line\r\nbreak", "-5", "@x"];
    const line = values.map(csvCell).join(",");
    const parsed = Papa.parse<string[]>(line, { header: false }).data[0];
    expect(parsed).toEqual(['\'=HYPERLINK("x")', "a,b", 'q"q', "line\r\nbreak", "-5", "'@x"]);
  });
});

describe("number formats", () => {
  it("money has 2 decimals, ratios 4, amounts as needed; no negative zero", () => {
    expect(money(1234.5)).toBe("1234.50");
    expect(money(0.005)).toBe("0.01");
    expect(money(-0.001)).toBe("0.00");
    expect(money(-12.345)).toBe("-12.35");
    expect(ratio(1 / 3)).toBe("0.3333");
    expect(ratio(-0.00001)).toBe("0.0000");
    expect(amount(5)).toBe("5");
    expect(amount(2.5)).toBe("2.5");
    expect(amount(0.1 + 0.2)).toBe("0.3");
  });
});

function sample(withProfit: boolean): PipelineResult {
  const rows = [
    "2024-01-15,=cmd(),Tools,North,100,2,0.1,30",
    "2024-01-20,Widget,Tools,-South,50.506,1,0,10",
    "2024-02-03,Widget,@Risky,North,25,1,0.5,5",
  ];
  const H = "sale_date,product,category,region,revenue,quantity,discount,profit";
  if (withProfit) return run(csv(rows, H));
  return run(
    csv(
      rows.map((r) => r.replace(/,[^,]*$/, "")),
      H.replace(/,profit$/, ""),
    ),
  );
}

describe("dataset files", () => {
  it.each([
    [
      false,
      {
        "monthly_sales.csv": "month,revenue,quantity,transactions,avg_discount",
        "products.csv": "product,category,revenue,quantity,transactions",
        "regions.csv": "region,revenue,quantity,transactions,revenue_share",
        "categories.csv": "category,revenue,quantity,transactions,avg_discount",
        "anomalies.csv":
          "line,order_id,sale_date,product,region,quantity,unit_price,discount,revenue,score,reason",
        "cleaning_report.csv": "field,original,canonical,rows",
      },
    ],
    [
      true,
      {
        "monthly_sales.csv": "month,revenue,profit,quantity,transactions,avg_discount",
        "products.csv": "product,category,revenue,profit,quantity,transactions",
        "regions.csv": "region,revenue,profit,quantity,transactions,revenue_share",
        "categories.csv": "category,revenue,profit,quantity,transactions,avg_discount",
        "anomalies.csv":
          "line,order_id,sale_date,product,region,quantity,unit_price,discount,revenue,score,reason",
        "cleaning_report.csv": "field,original,canonical,rows",
      },
    ],
  ] as const)("column headers (profit mapped: %s)", (withProfit, headers) => {
    const r = sample(withProfit);
    for (const [file, h] of Object.entries(headers)) {
      expect(header(datasetCsv(file as keyof typeof headers, r)), file).toBe(h);
    }
  });

  it("writes the figures: money 2 decimals, shares and discounts 4, cells escaped", () => {
    const r = sample(true);
    expect(datasetCsv("monthly_sales.csv", r)).toBe(
      [
        "month,revenue,profit,quantity,transactions,avg_discount",
        "2024-01,150.51,40.00,3,2,0.0500", // (0.1 + 0) / 2
        "2024-02,25.00,5.00,1,1,0.5000",
        "",
      ].join("\n"),
    );
    expect(datasetCsv("products.csv", r)).toBe(
      [
        "product,category,revenue,profit,quantity,transactions",
        "'=cmd(),Tools,100.00,30.00,2,1",
        "Widget,'@Risky,75.51,15.00,2,2", // categories tie 1–1: the first in code order
        "",
      ].join("\n"),
    );
    expect(datasetCsv("categories.csv", r)).toBe(
      [
        "category,revenue,profit,quantity,transactions,avg_discount",
        "Tools,150.51,40.00,3,2,0.0664", // Σ(revenue × discount) / Σ revenue = 10 / 150.506
        "'@Risky,25.00,5.00,1,1,0.5000",
        "",
      ].join("\n"),
    );
    expect(datasetCsv("regions.csv", r)).toBe(
      [
        "region,revenue,profit,quantity,transactions,revenue_share",
        "North,125.00,35.00,3,2,0.7122", // 125 / 175.506
        "'-South,50.51,10.00,1,1,0.2878",
        "",
      ].join("\n"),
    );
  });

  it("regions' shares sum to 1", () => {
    const r = run(
      csv(
        Array.from({ length: 50 }, (_, i) => `2024-01-15,P${i % 7},R${i % 9},${(i * 37.13) % 101},1`),
        "sale_date,product,region,revenue,quantity",
      ),
    );
    expect(r.regions.length).toBeGreaterThan(1);
    expect(r.regions.reduce((s, x) => s + x.revenueShare, 0)).toBeCloseTo(1, 12);
  });

  it("summary.json rounds money to cents and keeps the rest", () => {
    const r = sample(true);
    const s = JSON.parse(summaryJson(r.summary)) as Record<string, unknown>;
    expect(s.revenue).toBe(175.51);
    expect(s.profit).toBe(45);
    expect(s.quantity).toBe(4);
    expect(Object.keys(s)).toEqual([
      "rowsRead",
      "rowsValid",
      "rowsRejected",
      "rejectedByReason",
      "repairs",
      "revenue",
      "quantity",
      "profit",
      "transactions",
      "orders",
      "dateFrom",
      "dateTo",
      "anomalies",
      "mapping",
      "delimiter",
      "encoding",
      "dayFirst",
      "durationMs",
      "rowsPerSecond",
    ]);
  });

  it("writeResultFiles writes every file of §5 but the streamed rejected_rows.csv", () => {
    const out = join(dir, "results");
    writeResultFiles(out, sample(false));
    expect(readdirSync(out).sort()).toEqual(RESULT_FILES.filter((f) => f !== "rejected_rows.csv").sort());
  });
});

describe("rejected_rows.csv", () => {
  it("streams line,reason,raw with the raw line escaped and quoted", () => {
    const path = join(dir, "rejected_rows.csv");
    const w = openRejectedWriter(path);
    w.sink(3, "missing_date", "1,,W");
    w.sink(7, "invalid_quantity", '=2+3,"a\nb",x');
    w.close();
    expect(readFileSync(path, "utf8")).toBe(
      'line,reason,raw\n3,missing_date,"1,,W"\n7,invalid_quantity,"\'=2+3,""a\nb"",x"\n',
    );
  });

  it("writes a row given as UTF-8 bytes exactly as the same row given as text", () => {
    const rows = [
      "1,,W",
      "plain;semicolon;row",
      'say "hi",x',
      '""',
      "a\r\nb",
      "lone\rcr",
      "",
      "Café ☕,3,€4,50",
      "emoji 📦,1",
      "1234567890".repeat(300),
      // formula starts: the bytes sink declines, the text sink prefixes them
      "=2+3,x",
      "-5,x",
      "@a",
      "+1",
    ];
    const lines = [1, 9, 10, 99, 100, 12_345, 1_000_000_007];
    const asText = join(dir, "rejected_text.csv");
    const asBytes = join(dir, "rejected_bytes.csv");
    const t = openRejectedWriter(asText);
    const b = openRejectedWriter(asBytes);
    let declined = 0;
    rows.forEach((raw, i) => {
      const line = lines[i % lines.length] as number;
      t.sink(line, "field_count", raw);
      // the row inside a larger buffer, as the core passes it
      const bytes = Buffer.from(`xx${raw}yy`, "utf8");
      if (!b.sinkBytes(line, "field_count", bytes, 2, bytes.length - 2)) {
        declined++;
        b.sink(line, "field_count", raw);
      }
    });
    t.close();
    b.close();
    expect(declined).toBe(4);
    expect(readFileSync(asBytes, "utf8")).toBe(readFileSync(asText, "utf8"));
  });

  it("reset() starts the file over", () => {
    const path = join(dir, "rejected_reset.csv");
    const w = openRejectedWriter(path);
    w.sink(2, "field_count", "x");
    w.reset();
    w.sink(4, "missing_product", "y");
    w.close();
    expect(readFileSync(path, "utf8")).toBe("line,reason,raw\n4,missing_product,y\n");
  });
});
