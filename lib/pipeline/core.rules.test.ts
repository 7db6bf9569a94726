// SPEC §2–§3 through the whole core: fatal errors, input decoding, delimiter
// and mapping, every reject reason and repair code, the check order, physical
// line numbers and the day-first decision. Expected figures are worked out by hand.
import { describe, expect, it } from "vitest";
import { csv, reasons, run, SALES_HEADER } from "./__fixtures__/run";
import { datasetCsv } from "./outputs";
import { rollupRows } from "./rollup";
import { ORDER_SET_MAX, ordersEstimated, PipelineError, type PipelineErrorCode } from "./types";

function fatal(input: string | Uint8Array, options = {}): PipelineError {
  try {
    run(input, options);
  } catch (e) {
    if (e instanceof PipelineError) return e;
    throw e;
  }
  throw new Error("expected a PipelineError");
}

function fatalCode(input: string | Uint8Array): PipelineErrorCode {
  return fatal(input).code;
}

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "utf8")] : p)));

describe("fatal input", () => {
  it("an empty file (or blank lines only) has no header", () => {
    expect(fatalCode("")).toBe("no_header");
    expect(fatalCode("\n\r\n  \n\t\n")).toBe("no_header");
  });

  it("a header without data rows is no_data, blank lines after it included", () => {
    expect(fatalCode("sale_date,product,quantity,unit_price\n")).toBe("no_data");
    expect(fatalCode("sale_date,product,quantity,unit_price")).toBe("no_data");
    expect(fatalCode("sale_date,product,quantity,unit_price\r\n\r\n   \n")).toBe("no_data");
  });

  it("a NUL byte is not_text", () => {
    expect(fatalCode(bytes("sale_date,product,quantity,unit_price\n2024-01-01,W", [0], ",1,1\n"))).toBe(
      "not_text",
    );
  });

  it("UTF-16 text is not_text, with a message that names it; binary data keeps the NUL byte's place", () => {
    const text = "sale_date,product,quantity,unit_price\r\n2024-01-01,W,1,1\r\n";
    const e = fatal(new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")]));
    expect(e.code).toBe("not_text");
    expect(e.message).toContain("This file is UTF-16 text");
    const binary = fatal(bytes("sale_date,product,quantity,unit_price\n2024-01-01,W", [0], ",1,1\n"));
    expect(binary.message).toBe(
      "This is not a text file: byte 51 is a NUL byte. Upload a CSV or other delimited text file.",
    );
  });

  it("a title line above the header: the error names the line that looks like the header", () => {
    const title = fatal("Monthly sales report\n\nDate,Product,Qty,Price\n2024-01-02,Pen,3,1.50\n");
    expect(title.code).toBe("missing_roles");
    expect(title.message).toContain(
      "Line 3 looks like the header (Date, Product, Qty, Price): remove the 2 lines above it and try again.",
    );
    // a second sep= line is no declaration: it is the header, and the real one is pointed at
    const twice = fatal("sep=;\nsep=;\nDate;Product;Qty;Price\n2024-01-02;Pen;3;1,50\n");
    expect(twice.message).toContain("Line 3 looks like the header (Date, Product, Qty, Price)");
    expect(fatal("sep=;").code).toBe("no_header");
    expect(fatal("sep=;\n\n").message).toBe("The file has a `sep=` line and no header after it.");
    // no such line: the advice to map the columns stays
    expect(fatal("date,product,price\n2024-01-01,W,1\n").message).toContain("Map them explicitly");
  });

  it("an Excel sep= line above the header: its delimiter is used, lines keep their physical numbers", () => {
    const out = run(
      "\uFEFF\r\nsep=;\r\n\r\nDate;Product;Qty;Price\r\n2024-01-02;Pen;3;1,50\r\n2024-01-03;Pen;x;1\r\n",
    );
    expect(out.summary).toMatchObject({ delimiter: ";", rowsRead: 2, rowsValid: 1, revenue: 4.5 });
    expect(out.rejected).toEqual([{ line: 6, reason: "invalid_quantity", raw: "2024-01-03;Pen;x;1" }]);
    // declared, not detected: this header has more semicolons than commas
    const declared = run("sep=,\nDate,Product,Qty,Price,Note (a;b;c;d;e)\n2024-01-02,Pen,3,1.50,x;y;z;w;v\n");
    expect(declared.summary).toMatchObject({ delimiter: ",", rowsValid: 1, revenue: 4.5 });
    const tab = run('"sep=\t"\nDate\tProduct\tQty\tPrice\n2024-01-02\tPen\t3\t1.50\n');
    expect(tab.summary).toMatchObject({ delimiter: "\t", rowsValid: 1 });
  });

  it("an Excel sep= line gives the same result for every split into two chunks", () => {
    const input = new TextEncoder().encode(
      "sep=;\r\nDate;Product;Qty;Price\r\n2024-01-02;Pen;3;1,50\r\n2024-01-03;Cup;x;1\r\n2024-01-04;Cup;2;2\r\n",
    );
    const base = run(input);
    expect(base.summary).toMatchObject({ delimiter: ";", rowsValid: 2, rowsRejected: 1 });
    for (let k = 1; k < input.length; k++) {
      const out = run(input, {}, { splits: [k] });
      expect({ summary: out.summary, rejected: out.rejected }, `split at ${k}`).toEqual({
        summary: {
          ...base.summary,
          durationMs: out.summary.durationMs,
          rowsPerSecond: out.summary.rowsPerSecond,
        },
        rejected: base.rejected,
      });
    }
  });

  it("missing required roles are listed with the headers found", () => {
    const e = fatal("date,product,price\n2024-01-01,W,1\n");
    expect(e.code).toBe("missing_roles");
    expect(e.details?.missing).toEqual(["quantity"]);
    expect(e.details?.headers).toEqual(["date", "product", "price"]);
    expect(e.message).toContain("date, product, price");
    expect(e.message).toContain("quantity");
  });

  it("unit_price is required when revenue is not mapped, and not otherwise", () => {
    const e = fatal("date,product,qty\n2024-01-01,W,1\n");
    expect(e.code).toBe("missing_roles");
    expect(e.details?.missing).toEqual(["unit_price"]);
    const out = run("date,product,qty,total\n2024-01-01,W,1,9.5\n");
    expect(out.summary.revenue).toBe(9.5);
    expect(out.summary.mapping).toEqual({
      sale_date: "date",
      product: "product",
      quantity: "qty",
      revenue: "total",
    });
  });

  it("a mapping override naming a missing header is bad_mapping", () => {
    expect(fatal("date,product,qty,price\n2024-01-01,W,1,1\n", { mapping: { revenue: "Sales" } }).code).toBe(
      "bad_mapping",
    );
  });

  it("a bad mapping also lists the required roles it leaves unmapped", () => {
    const e = fatal("date,product,qty,price\n2024-01-01,W,1,1\n", {
      mapping: { quantity: "nope", product: "" },
    });
    expect(e.code).toBe("bad_mapping");
    expect(e.message).toBe(
      'The mapping names columns that are not in the file: quantity → "nope". Required columns are missing: product, quantity. Headers found: date, product, qty, price.',
    );
    expect(e.details).toMatchObject({ missing: ["product", "quantity"] });
  });

  it("a mapping override giving one header two roles is bad_mapping, and says so", () => {
    const e = fatal("product_name,category,qty,price,date\nA,X,1,2,2024-01-01\n", {
      mapping: { product: "product_name", category: "product_name" },
    });
    expect(e.code).toBe("bad_mapping");
    expect(e.message).toBe(
      'The mapping gives one column two roles (a column serves one role only): category → "product_name", already product. Headers found: product_name, category, qty, price, date.',
    );
  });
});

describe("header and mapping", () => {
  it("maps a Superstore-style header: revenue = Sales, no unit_price needed, profit column", () => {
    const out = run(
      csv(
        [
          "11/8/2016,Bookcase,Furniture,South,261.96,2,0,41.9136",
          "11/8/2016,Chairs,Furniture,South,731.94,3,0,219.582",
        ],
        "Order Date,Product Name,Category,Region,Sales,Quantity,Discount,Profit",
      ),
    );
    expect(out.summary.mapping).toEqual({
      sale_date: "Order Date",
      product: "Product Name",
      category: "Category",
      region: "Region",
      quantity: "Quantity",
      discount: "Discount",
      revenue: "Sales",
      profit: "Profit",
    });
    expect(out.summary.rowsValid).toBe(2);
    expect(out.summary.revenue).toBeCloseTo(993.9, 10);
    expect(out.summary.profit).toBeCloseTo(261.4956, 10);
    expect(out.summary.dateFrom).toBe("2016-11-08");
    expect(datasetCsv("products.csv", out).split("\n")[0]).toBe(
      "product,category,revenue,profit,quantity,transactions",
    );
  });

  it("an explicit mapping wins over the synonyms", () => {
    const out = run("date,ship_date,product,qty,price\n2024-01-01,2024-02-01,W,1,1\n", {
      mapping: { sale_date: "ship_date" },
    });
    expect(out.summary.mapping.sale_date).toBe("ship_date");
    expect(out.monthly.map((m) => m.month)).toEqual(["2024-02"]);
  });

  it.each([
    [";", "sale_date;product;quantity;unit_price\n2024-01-01;W;2;12,50\n", 25],
    ["\t", "sale_date\tproduct\tquantity\tunit_price\n2024-01-01\tW, Inc.\t2\t1,000\n", 2000],
    ["|", "sale_date|product|quantity|unit_price\n2024-01-01|W;X|3|1.5\n", 4.5],
    [",", 'sale_date,product,quantity,unit_price\n2024-01-01,W|X,2,"1,5"\n', 3],
  ])("detects the delimiter %j", (delim, text, revenue) => {
    const out = run(text);
    expect(out.summary.delimiter).toBe(delim);
    expect(out.summary.rowsValid).toBe(1);
    expect(out.summary.revenue).toBe(revenue);
  });
});

describe("decoding", () => {
  it("reads a file that is not valid UTF-8 as Windows-1252", () => {
    const out = run(
      bytes(
        "sale_date,product,quantity,unit_price\n2024-01-01,Caf",
        [0xe9],
        ",1,10\n2024-01-01,Cr",
        [0xe8],
        "me,1,5\n",
      ),
    );
    expect(out.summary.encoding).toBe("windows-1252");
    expect(out.products.map((p) => p.product).sort()).toEqual(["Café", "Crème"]);
  });

  it("bug: Windows-1252 bytes 0x80–0x9F (€ “ ” …) decode as C1 control characters", () => {
    const out = run(
      bytes(
        "sale_date,product,quantity,unit_price\n2024-01-01,",
        [0x80],
        " Deal ",
        [0x93, 0x41, 0x94],
        [0xe9],
        ",1,5\n",
      ),
    );
    expect(out.summary.encoding).toBe("windows-1252");
    expect(out.products.map((p) => p.product)).toEqual(["€ Deal “A”é"]);
  });

  it("re-reads as Windows-1252 when invalid UTF-8 comes after UTF-8 text in a later chunk", () => {
    const text = bytes(
      "sale_date,product,quantity,unit_price\n2024-01-01,Crème,1,10\n,missing date,1,1\n2024-01-01,Caf",
      [0xe9],
      ",1,10\n",
    );
    const out = run(text, {}, { splits: [60] });
    expect(out.summary.encoding).toBe("windows-1252");
    expect(out.products.map((p) => p.product).sort()).toEqual(["Caf\u00e9", "Cr\u00c3\u00a8me"]);
    // the rejected row of the first attempt is not reported twice
    expect(out.rejected).toEqual([{ line: 3, reason: "missing_date", raw: ",missing date,1,1" }]);
  });

  it("a UTF-8 BOM is not part of the first header", () => {
    const out = run(
      bytes(
        [0xef, 0xbb, 0xbf],
        "order_id,sale_date,product,quantity,unit_price\nA1,2024-01-01,Ünïcödé,1,2\n",
      ),
    );
    expect(out.summary.encoding).toBe("utf-8");
    expect(out.summary.mapping.order_id).toBe("order_id");
    expect(out.summary.orders).toBe(1);
    expect(out.products[0]?.product).toBe("Ünïcödé");
  });
});

describe("cleaning rules (§3)", () => {
  it("field_count, with one trailing empty field tolerated", () => {
    const out = run(
      csv([
        "1,2024-03-05,Widget,Tools,North,2,10,0.25", // line 2: valid, 15
        "2,2024-03-05,Widget,Tools,North,2,10", // 3: one field short
        "3,2024-03-05,Widget,Tools,North,2,10,0.25,", // 4: trailing empty field: valid
        "4,2024-03-05,Widget,Tools,North,2,10,0.25,x", // 5: extra field
        "5,2024-03-05,Widget,Tools,North,2,10,0.25,,", // 6: two extra
      ]),
    );
    expect(out.rejected.map((r) => [r.line, r.reason])).toEqual([
      [3, "field_count"],
      [5, "field_count"],
      [6, "field_count"],
    ]);
    expect(out.summary.rowsValid).toBe(2);
    expect(out.summary.revenue).toBe(30);
  });

  it("each reason in check order: the first failing check wins", () => {
    const rows: [string, string | null][] = [
      ["a,,,,,,,", "missing_date"],
      ["b,2024-03-05", "field_count"],
      ["c,2023-02-29,,T,N,abc,-1,2", "invalid_date"],
      ["d,2024-02-29, ,T,N,abc,-1,2", "missing_product"],
      ["e,2024-02-29,W,T,N,,-1,2", "missing_quantity"],
      ["f,2024-02-29,W,T,N,abc,-1,2", "invalid_quantity"],
      ["g,2024-02-29,W,T,N,0,-1,2", "non_positive_quantity"],
      ["h,2024-02-29,W,T,N,-3,abc,2", "non_positive_quantity"],
      ["h2,2024-02-29,W,T,N,- 5,abc,2", "non_positive_quantity"],
      ["h3,2024-02-29,W,T,N,-$5,abc,2", "non_positive_quantity"],
      ["i,2024-02-29,W,T,N,1,,2", "missing_price"],
      ["j,2024-02-29,W,T,N,1,abc,2", "invalid_price"],
      ["k,2024-02-29,W,T,N,1,-1,2", "negative_price"],
      ["l,2024-02-29,W,T,N,1,1,150%", "invalid_discount"],
      ["m,2024-02-29,W,T,N,1,1,-0.1", "invalid_discount"],
      ["n,2024-02-29,W,T,N,1,1,abc", "invalid_discount"],
      ["o,2024-02-29,W,T,N,1,1,1.5", "invalid_discount"],
      ["p,2024-02-29,W,T,N,1,1,1", null], // revenue 0
      ["q,2024-02-29,W,T,N,1,4,0", null], // 4
      ["r,2024-02-29,W,T,N,1,4,100%", null], // 0
      ["s,not a date,W,T,N,1,1,0", "invalid_date"],
      ["t,2024-13-01,W,T,N,1,1,0", "invalid_date"],
      ["u,   ,W,T,N,1,1,0", "missing_date"],
      ["v,2024-02-29,W,T,N,0.5,4,0", null], // 2
    ];
    const out = run(csv(rows.map((r) => r[0])));
    const expected = rows
      .map(([raw, reason], i) => ({ line: i + 2, reason, raw }))
      .filter((r) => r.reason !== null);
    expect(out.rejected).toEqual(expected);
    expect(out.summary.rowsRead).toBe(rows.length);
    expect(out.summary.rowsValid).toBe(4);
    expect(out.summary.rowsRejected).toBe(rows.length - 4);
    expect(out.summary.rejectedByReason).toEqual({
      missing_date: 2,
      field_count: 1,
      invalid_date: 3,
      missing_product: 1,
      missing_quantity: 1,
      invalid_quantity: 1,
      non_positive_quantity: 4,
      missing_price: 1,
      invalid_price: 1,
      negative_price: 1,
      invalid_discount: 4,
    });
    expect(out.summary.revenue).toBe(6);
    expect(out.summary.quantity).toBe(3.5);
    expect(out.summary.dateFrom).toBe("2024-02-29");
    expect(out.summary.dateTo).toBe("2024-02-29");
  });

  it("price checks apply only when unit_price is used; revenue checks when revenue is mapped", () => {
    const out = run(
      csv(
        [
          "2024-01-10,W,1,,,", // missing_revenue (the empty price is not checked)
          "2024-01-10,W,1,abc,,abc", // invalid_revenue
          "2024-01-10,W,1,-5,,-5", // invalid_revenue (negative)
          "2024-01-10,W,1,-5,0.9,100", // valid: 100, the discount does not change a mapped revenue
          "2024-01-10,W,1,,150%,100", // invalid_discount comes before revenue
          '2024-01-10,W,2,xyz,,"$1,234.56"', // valid: 1234.56, price_currency once
          "2024-01-10,W,1,1,0,", // missing_revenue
        ],
        "sale_date,product,quantity,unit_price,discount,revenue",
      ),
    );
    expect(reasons(out)).toEqual([
      "missing_revenue",
      "invalid_revenue",
      "invalid_revenue",
      "invalid_discount",
      "missing_revenue",
    ]);
    expect(out.summary.revenue).toBe(1334.56);
    expect(out.summary.repairs).toEqual({ price_currency: 1, missing_discount: 1 });
  });

  it("repairs: quantity text, currency, number format, percent sign, missing discount/region/category", () => {
    const out = run(
      csv([
        "1,2024-01-10,W,T,N,5 units,10,0.1", // quantity_text: 5 × 10 × 0.9 = 45
        "2,2024-01-10,W,T,N,qty: 5,10,0", // quantity_text: 50
        "3,2024-01-10,W,T,N,1,$12.50,0", // price_currency: 12.5
        "4,2024-01-10,W,T,N,1,12.50 USD,0", // price_currency: 12.5
        "5,2024-01-10,W,T,N,1,€ 9,0", // price_currency: 9
        '6,2024-01-10,W,T,N,1,"$1,234.56",0', // price_currency (not also price_format): 1234.56
        '7,2024-01-10,W,T,N,1,"1,234.56",0', // price_format: 1234.56
        '8,2024-01-10,W,T,N,2,"12,50",0', // price_format, decimal comma: 2 × 12.5 = 25
        "9,2024-01-10,W,T,N,1,10,15%", // discount_percent_sign: 8.5
        "10,2024-01-10,W,T,N,1,10,", // missing_discount: 10
        "11,2024-01-10,W,,,1,10,0", // missing_region + missing_category: 10
        "12,2024-01-10,W,T, ,1,10,0", // missing_region: 10
      ]),
    );
    expect(out.rejected).toEqual([]);
    expect(out.summary.repairs).toEqual({
      quantity_text: 2,
      price_currency: 4,
      price_format: 2,
      discount_percent_sign: 1,
      missing_discount: 1,
      missing_region: 2,
      missing_category: 1,
    });
    expect(out.summary.revenue).toBeCloseTo(2661.62, 9);
    expect(out.summary.quantity).toBe(21);
    const unknown = out.regions.find((r) => r.region === "Unknown");
    expect(unknown).toMatchObject({ revenue: 20, transactions: 2 });
    expect(out.categories.find((c) => c.category === "Uncategorized")).toMatchObject({
      revenue: 10,
      transactions: 1,
    });
    // avg_discount of the month is the plain mean over rows: (0.1 + 0.15) / 12
    expect(out.monthly[0]?.avgDiscount).toBeCloseTo(0.25 / 12, 12);
  });

  it("numbers in scientific notation are numbers, not text around a number", () => {
    const out = run(
      csv(
        [
          "2024-01-10,W,1e3,10,0", // 1000 × 10, not 1 with `e3` as text
          "2024-01-10,W,2,1.5E+06,0", // 3,000,000
          "2024-01-10,W,2,10,5E-2", // 2 × 10 × 0.95 = 19
          "2024-01-10,W,2,$1.2e3,0", // price_currency: 2400
        ],
        "sale_date,product,quantity,unit_price,discount",
      ),
    );
    expect(out.rejected).toEqual([]);
    expect(out.summary.quantity).toBe(1006);
    expect(out.summary.revenue).toBe(3_012_419);
    expect(out.summary.repairs).toEqual({ price_currency: 1 });
  });

  it("a quantity in spaced digit groups is one number; a Unicode minus keeps its sign", () => {
    const out = run(
      csv(
        ['2024-01-10,W,"1 000",10,0', "2024-01-10,W,\u22123,10,0", "2024-01-10,W,2,\u221210,0"],
        "sale_date,product,quantity,unit_price,discount",
      ),
    );
    expect(out.summary.quantity).toBe(1000);
    expect(out.summary.repairs).toEqual({ quantity_text: 1 });
    expect(out.rejected.map((r) => [r.line, r.reason])).toEqual([
      [3, "non_positive_quantity"],
      [4, "negative_price"],
    ]);
  });

  it("names written with typographic apostrophes or decomposed accents group with their plain spellings", () => {
    const out = run(
      csv(
        [
          "2024-01-10,Women's Jacket,1,10",
          "2024-01-10,Women's Jacket,1,10",
          "2024-01-10,Women\u2019s Jacket,1,10",
          "2024-01-10,Caf\u00e9 Cr\u00e8me,1,5",
          "2024-01-10,Cafe\u0301 Cre\u0300me,1,5",
          "2024-01-10,Caf\u00e9 Cr\u00e8me,1,5",
        ],
        "sale_date,product,quantity,unit_price",
      ),
    );
    expect(out.products.map((p) => [p.product, p.transactions])).toEqual([
      ["Women's Jacket", 3],
      ["Caf\u00e9 Cr\u00e8me", 3],
    ]);
    // the other spellings are reported, not merged silently
    expect(out.cleaning.map((c) => [c.original, c.canonical, c.rows])).toEqual(
      expect.arrayContaining([
        ["Women\u2019s Jacket", "Women's Jacket", 1],
        ["Cafe\u0301 Cre\u0300me", "Caf\u00e9 Cr\u00e8me", 1],
      ]),
    );
  });

  it("no missing_* repairs for columns that are not mapped", () => {
    const out = run("sale_date,product,quantity,unit_price\n2024-01-10,W,1,10\n2024-01-11,W,2,10\n");
    expect(out.summary.repairs).toEqual({});
    expect(out.summary.revenue).toBe(30);
    expect(out.summary.orders).toBeNull();
    expect(out.summary.profit).toBeNull();
  });

  it("counts physical lines: CRLF, lone CR, newlines inside quotes, blank lines; header is line 1", () => {
    const text =
      `${SALES_HEADER}\r\n` + // 1
      "1,2024-01-10,W,T,N,1,10,0\r\n" + // 2 valid
      "\r\n" + // 3 blank
      "2,,W,T,N,1,10,0\r" + // 4 missing_date, lone CR
      '3,2024-01-10,"Multi\nline",T,N,abc,1,0\n' + // 5–6 invalid_quantity
      "   \n" + // 7 blank
      '4,2024-01-10,"a\r\nb\rc",T\r\n' + // 8–10 field_count
      "5,2024-01-10,W,T,N,2,10,0"; // 11 valid, no final line break
    const out = run(text);
    expect(out.rejected).toEqual([
      { line: 4, reason: "missing_date", raw: "2,,W,T,N,1,10,0" },
      { line: 5, reason: "invalid_quantity", raw: '3,2024-01-10,"Multi\nline",T,N,abc,1,0' },
      { line: 8, reason: "field_count", raw: '4,2024-01-10,"a\r\nb\rc",T' },
    ]);
    expect(out.summary.rowsRead).toBe(5);
    expect(out.summary.rowsValid).toBe(2);
    expect(out.summary.rowsRejected).toBe(3);
    expect(out.summary.revenue).toBe(30);
  });

  it("doubled quotes in a cell read as one quote; a rejected row keeps its line as the file has it", () => {
    const lines = [
      '1,2024-01-10,"Monitor 27"" UltraSharp",T,N,1,10,0',
      '2,2024-01-11,"Monitor 27"" UltraSharp","A ""B""",N,2,10,0',
      '"3""x",,"Monitor 27"" UltraSharp",T,N,1,10,0',
      '4,2024-01-12,"""",T,N,1,10,0',
      '5,2024-01-12,"""",T,"N""",1,10,-1',
    ];
    const utf8 = csv(lines);
    // the same file with a Windows-1252 byte in it, so it is not read as UTF-8
    const cp1252 = bytes(utf8, "6,2024-01-13,Caf", [0xe9], ",T,N,1,10,0\n");
    for (const input of [utf8, cp1252]) {
      const out = run(input, {}, { chunkSize: 7 });
      expect(out.products.map((p) => [p.product, p.quantity])).toEqual(
        expect.arrayContaining([
          ['Monitor 27" UltraSharp', 3],
          ['"', 1],
        ]),
      );
      expect(out.categories.map((c) => c.category).sort()).toEqual(['A "B"', "T"]);
      expect(out.rejected).toEqual([
        { line: 4, reason: "missing_date", raw: '"3""x",,"Monitor 27"" UltraSharp",T,N,1,10,0' },
        { line: 6, reason: "invalid_discount", raw: '5,2024-01-12,"""",T,"N""",1,10,-1' },
      ]);
    }
    expect(run(cp1252).summary.encoding).toBe("windows-1252");
  });

  it("a job whose rows are all rejected completes with zero figures and null dates", () => {
    const out = run(csv(["1,,W,T,N,1,1,0", "2,2024-01-01,,T,N,1,1,0", "3,2024-01-01,W,T,N,0,1,0"]));
    expect(out.summary).toMatchObject({
      rowsRead: 3,
      rowsValid: 0,
      rowsRejected: 3,
      revenue: 0,
      quantity: 0,
      transactions: 0,
      orders: 0,
      dateFrom: null,
      dateTo: null,
      anomalies: 0,
    });
    expect(out.rejected.map((r) => r.line)).toEqual([2, 3, 4]);
    expect([
      out.monthly,
      out.products,
      out.regions,
      out.categories,
      out.anomalies,
      out.cleaning,
      rollupRows(out.rollup),
    ]).toEqual([[], [], [], [], [], [], []]);
  });
});

describe("dates and the day-first decision (§3)", () => {
  const H = "sale_date,product,quantity,unit_price";
  const months = (out: ReturnType<typeof run>) => out.monthly.map((m) => `${m.month}:${m.transactions}`);

  it("accepts every listed format and takes the month as written", () => {
    const dates = [
      "2024-01-05",
      "2024-01-05 10:30",
      "2024-01-05 10:30:59",
      "2024-01-31T23:30:00-05:00",
      "2024-01-31T23:30:00.123Z",
      "2024/01/05",
      "05-Jan-2024",
      "5 Jan 2024",
      "5 January 2024",
      "Jan 5, 2024",
      "january 5, 2024",
      "01/05/2024",
      "5.1.2024",
      "2024-1-5",
      "5-JAN-2024",
    ];
    const out = run(
      csv(
        dates.map((d) => `"${d}",W,1,1`),
        H,
      ),
    );
    expect(out.rejected).toEqual([]);
    expect(months(out)).toEqual([`2024-01:${dates.length}`]);
    expect(out.summary.dateFrom).toBe("2024-01-05");
    expect(out.summary.dateTo).toBe("2024-01-31");
    expect(out.summary.dayFirst).toBe(false);
  });

  it("a time after any listed format is checked and dropped (exports like UCI Online Retail write 12/1/2010 8:26)", () => {
    const valid = [
      "12/1/2010 8:26",
      "05-Jan-2024 10:00",
      "2024/01/05 10:00 PM",
      "05.01.2024 23:59",
      "Jan 5, 2024 7:05:09",
    ];
    const invalid = ["12/1/2010 24:00", "05-Jan-2024 10:60", "2024/01/05 13:00 PM", "05.01.2024 noon"];
    const out = run(
      csv(
        [...valid, ...invalid].map((d) => `"${d}",W,1,1`),
        H,
      ),
    );
    expect(reasons(out)).toEqual(invalid.map(() => "invalid_date"));
    expect(months(out)).toEqual(["2010-12:1", "2024-01:4"]);
    // a slash date with a time votes in the day-first decision like one without
    expect(run(csv(["13/1/2024 10:00,W,1,1", "2/1/2024 9:00,W,1,1"], H)).summary.dayFirst).toBe(true);
  });

  it("months of the first and the last year a date can have, in calendar order", () => {
    const out = run(csv(["9999-12-31,W,1,1", "0001-01-01,W,1,1", "1999-12-31,W,2,1", "0001-01-31,W,1,1"], H));
    expect(out.rejected).toEqual([]);
    expect(months(out)).toEqual(["0001-01:2", "1999-12:1", "9999-12:1"]);
    expect(out.summary.dateFrom).toBe("0001-01-01");
    expect(out.summary.dateTo).toBe("9999-12-31");
  });

  it("2024-02-29 is a date, 2023-02-29 is not", () => {
    const out = run(
      csv(["2024-02-29,W,1,1", "2023-02-29,W,1,1", "29-Feb-2023,W,1,1", "02/29/2023,W,1,1"], H),
    );
    expect(reasons(out)).toEqual(["invalid_date", "invalid_date", "invalid_date"]);
    expect(out.summary.dateFrom).toBe("2024-02-29");
  });

  it("NN/NN/YYYY is month-first unless a first part > 12 appears and no second part > 12", () => {
    const monthFirst = run(csv(["01/02/2024,W,1,1", "03/04/2024,W,1,1"], H));
    expect(monthFirst.summary.dayFirst).toBe(false);
    expect(months(monthFirst)).toEqual(["2024-01:1", "2024-03:1"]);

    const dayFirst = run(csv(["01/02/2024,W,1,1", "13/04/2024,W,1,1"], H));
    expect(dayFirst.summary.dayFirst).toBe(true);
    expect(months(dayFirst)).toEqual(["2024-02:1", "2024-04:1"]);

    const both = run(csv(["13/04/2024,W,1,1", "04/13/2024,W,1,1"], H));
    expect(both.summary.dayFirst).toBe(false);
    expect(both.rejected.map((r) => [r.line, r.reason])).toEqual([[2, "invalid_date"]]);
  });

  it("full-width slash dates vote in the day-first decision as the dates read them", () => {
    // １３／０４／２０２４: a first part > 12, typed with an East Asian input method
    const fw = run(csv(["０１／０２／２０２４,W,1,1", "１３／０４／２０２４,W,1,1"], H));
    expect(fw.summary.dayFirst).toBe(true);
    expect(months(fw)).toEqual(["2024-02:1", "2024-04:1"]);
    // mixed with ASCII dates: a full-width second part > 12 keeps the file month-first
    const mixed = run(csv(["13/04/2024,W,1,1", "０４／１３／２０２４,W,1,1"], H));
    expect(mixed.summary.dayFirst).toBe(false);
    expect(mixed.rejected.map((r) => [r.line, r.reason])).toEqual([[2, "invalid_date"]]);
  });

  it("options.dayFirst overrides the data", () => {
    const forced = run(csv(["01/02/2024,W,1,1", "03/04/2024,W,1,1"], H), { dayFirst: true });
    expect(forced.summary.dayFirst).toBe(true);
    expect(months(forced)).toEqual(["2024-02:1", "2024-04:1"]);
    const off = run(csv(["01/02/2024,W,1,1", "13/04/2024,W,1,1"], H), { dayFirst: false });
    expect(off.summary.dayFirst).toBe(false);
    expect(reasons(off)).toEqual(["invalid_date"]);
  });

  it("decides from the first 10,000 data rows only, whatever the chunking", () => {
    const rows = Array.from({ length: 10_000 }, () => "01/02/2024,W,1,1");
    const late = csv([...rows, "13/04/2024,W,1,1"], H); // the 10,001st row is not looked at
    const inSample = csv([...rows.slice(1), "13/04/2024,W,1,1"], H); // the 10,000th row is
    for (const cut of [{}, { chunkSize: 4096 }, { chunkSize: 97 }]) {
      const a = run(late, {}, cut);
      expect(a.summary.dayFirst).toBe(false);
      expect(a.rejected).toEqual([{ line: 10_002, reason: "invalid_date", raw: "13/04/2024,W,1,1" }]);
      const b = run(inSample, {}, cut);
      expect(b.summary.dayFirst).toBe(true);
      expect(b.rejected).toEqual([]);
      expect(months(b)).toEqual(["2024-02:9999", "2024-04:1"]);
    }
  });

  it("skips reading the sample row by row only when no row of it can vote, whatever the chunking", () => {
    const iso = (i: number) => `2024-02-${String((i % 28) + 1).padStart(2, "0")},W,1,1`;
    const cuts = [{}, { chunkSize: 4096 }, { chunkSize: 97 }];
    // no D/M/YYYY anywhere: month-first without a vote
    const plain = csv(
      Array.from({ length: 10_500 }, (_, i) => iso(i)),
      H,
    );
    for (const cut of cuts) expect(run(plain, {}, cut).summary.dayFirst).toBe(false);
    // the 10,000th data row votes, behind 100 blank lines or 100 quoted line breaks among ISO dates
    // (the sample is counted in records, not lines, whether or not it is read row by row)
    const blanks = Array.from({ length: 9_999 }, (_, i) => (i % 100 === 0 ? `\n${iso(i)}` : iso(i)));
    const quoted = Array.from({ length: 9_999 }, (_, i) =>
      i < 100 ? `${iso(i).replace(",W,", ',"W\nX",')}` : iso(i),
    );
    // …or behind line breaks inside quoted fields that also hold doubled quotes
    const doubled = Array.from({ length: 9_999 }, (_, i) =>
      i < 100 ? `${iso(i).replace(",W,", ',"W ""x""\nX",')}` : iso(i),
    );
    // …or behind blank lines split by a lone CR (two blank lines to the reader, no record)
    const crBlanks = Array.from({ length: 9_999 }, (_, i) => (i % 50 === 0 ? `  \r  \n${iso(i)}` : iso(i)));
    for (const rows of [blanks, quoted, doubled, crBlanks]) {
      const text = csv([...rows, "13/04/2024,W,1,1", ...rows.slice(0, 600)], H);
      for (const cut of cuts) {
        const out = run(text, {}, cut);
        expect(out.summary.dayFirst).toBe(true);
        expect(out.rejected).toEqual([]);
      }
    }
    // the 10,001st data row is not in the sample: month-first, and it is no date
    const late = csv([...Array.from({ length: 10_000 }, (_, i) => iso(i)), "13/04/2024,W,1,1"], H);
    for (const cut of cuts) {
      const out = run(late, {}, cut);
      expect(out.summary.dayFirst).toBe(false);
      expect(out.rejected).toEqual([{ line: 10_002, reason: "invalid_date", raw: "13/04/2024,W,1,1" }]);
    }
    // a D/M/YYYY in another column is read, and does not vote
    const elsewhere = csv(
      ["2024-02-01,Kit 13/04/2024,1,1", ...Array.from({ length: 100 }, (_, i) => iso(i))],
      H,
    );
    expect(run(elsewhere).summary.dayFirst).toBe(false);
  });

  it("bug: blank lines inside the first 10,000 rows shrink the day-first sample when the file comes in chunks", () => {
    // 9,999 rows with 100 blank lines among them, then data row 10,000 decides day-first
    // (100 lines: more than a 1000-byte chunk can hold, so chunk alignment cannot hide it)
    const rows = Array.from({ length: 9_999 }, (_, i) =>
      i % 100 === 0 ? "\n01/02/2024,W,1,1" : "01/02/2024,W,1,1",
    );
    const text = csv([...rows, "13/04/2024,W,1,1"], H);
    expect(run(text).summary.dayFirst).toBe(true); // one chunk
    expect(run(text, {}, { chunkSize: 1000 }).summary.dayFirst).toBe(true);
  });

  it("bug: quoted line breaks inside the first 10,000 rows shrink the day-first sample when the file comes in chunks", () => {
    const rows = Array.from({ length: 9_999 }, (_, i) =>
      i < 100 ? '01/02/2024,"W\nX",1,1' : "01/02/2024,W,1,1",
    );
    const text = csv([...rows, "13/04/2024,W,1,1"], H);
    expect(run(text).summary.dayFirst).toBe(true);
    expect(run(text, {}, { chunkSize: 1000 }).summary.dayFirst).toBe(true);
  });
});

describe("edge cases", () => {
  const H = "order_id,sale_date,product,quantity,unit_price";

  it("blank lines before the header are counted as lines", () => {
    const out = run(`\n  \r\n${H}\n1,,W,1,1\n`);
    expect(out.rejected).toEqual([{ line: 4, reason: "missing_date", raw: "1,,W,1,1" }]);
    expect(out.summary.mapping.sale_date).toBe("sale_date");
  });

  it("a header with a trailing delimiter: rows with and without it are both fine", () => {
    const out = run("sale_date,product,quantity,unit_price,\n2024-01-01,W,1,2,\n2024-01-01,W,1,3\n");
    expect(out.rejected).toEqual([]);
    expect(out.summary.revenue).toBe(5);
  });

  it("bug: an unterminated quote in the day-first sample is rejected twice (rowsRead ≠ rowsValid + rowsRejected)", () => {
    const text = `${H}\n1,2024-01-01,W,1,1\n2,2024-01-01,"Bad,1,1\n3,2024-01-01,W,1,2\n4,2024-01-01,W,1,4\n`;
    for (let k = 1; k < text.length; k += 7) {
      const out = run(text, {}, { splits: [k] });
      expect(out.rejected).toEqual([{ line: 3, reason: "field_count", raw: '2,2024-01-01,"Bad,1,1' }]);
      expect(out.summary).toMatchObject({
        rowsRead: 4,
        rowsValid: 3,
        rowsRejected: 1,
        rejectedByReason: { field_count: 1 },
        revenue: 7,
      });
    }
  });

  it("bug: an over-long record in the day-first sample is rejected twice", () => {
    const long = `2,2024-01-01,"${"x".repeat(5_000_000)}`;
    const out = run(`${H}\n1,2024-01-01,W,1,1\n${long}\n3,2024-01-01,W,1,2\n`);
    expect(out.rejected.map((r) => [r.line, r.reason, r.raw.length < long.length])).toEqual([
      [3, "field_count", true],
    ]);
    expect(out.summary).toMatchObject({ rowsRead: 3, rowsValid: 2, rowsRejected: 1, revenue: 3 });
  });

  it("orders counts distinct trimmed order ids among valid rows only", () => {
    const out = run(
      csv(
        [
          "A1,2024-01-01,W,1,1",
          " A1 ,2024-01-02,W,1,1",
          "A2,2024-01-01,W,0,1",
          "A3,2024-01-01,W,1,1",
          ",2024-01-01,W,1,1",
        ],
        H,
      ),
    );
    expect(out.summary.orders).toBe(2);
    expect(out.summary.transactions).toBe(4);
  });

  it("orders past the exact limit is an estimate that never says fewer than the limit", () => {
    const exact = run(
      csv(
        Array.from({ length: ORDER_SET_MAX }, (_, i) => `G${i},2024-01-01,W,1,1`),
        H,
      ),
    );
    expect(exact.summary.orders).toBe(ORDER_SET_MAX);
    expect(ordersEstimated(exact.summary.orders)).toBe(false);
    // these 50,001 ids happen to hash to an estimate of 49,925
    const over = run(
      csv(
        Array.from({ length: ORDER_SET_MAX + 1 }, (_, i) => `G${i},2024-01-01,W,1,1`),
        H,
      ),
    );
    expect(over.summary.orders).toBe(ORDER_SET_MAX + 1);
    expect(ordersEstimated(over.summary.orders)).toBe(true);
  });

  it("dates of rejected rows do not reach dateFrom/dateTo", () => {
    const out = run(csv(["1,2020-01-01,W,0,1", "2,2024-05-06,W,1,1", "3,2030-01-01,,1,1"], H));
    expect([out.summary.dateFrom, out.summary.dateTo]).toEqual(["2024-05-06", "2024-05-06"]);
  });

  it("an anomaly carries the physical line of its record", () => {
    const rows = Array.from({ length: 25 }, (_, i) => `${i},2024-01-01,Lamp,1,10`);
    const text = `${H}\r\n${rows.slice(0, 10).join("\r\n")}\r\n\r\n9,2024-01-01,"Lamp\nShade",1,1\r\n${rows.slice(10).join("\r\n")}\r\nX,2024-01-01,Lamp,1,500\r\n`;
    // header 1, rows 2–11, blank 12, two-line record 13–14, rows 15–29, the outlier 30
    const out = run(text);
    expect(out.anomalies.map((a) => [a.line, a.orderId, a.revenue])).toEqual([[30, "X", 500]]);
  });

  it("fuzzy = false keeps typos apart through the core", () => {
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => `${i},2024-01-01,Keyboard,1,1`),
      "k,2024-01-01,Keybaord,1,1",
    ];
    expect(run(csv(rows, H)).products.map((p) => p.product)).toEqual(["Keyboard"]);
    expect(run(csv(rows, H), { fuzzy: false }).products.map((p) => p.product)).toEqual([
      "Keyboard",
      "Keybaord",
    ]);
  });

  it("bug: a TSV line of only tabs (empty fields) is dropped silently as a blank line", () => {
    const out = run("sale_date\tproduct\tquantity\tunit_price\n2024-01-01\tW\t1\t1\n\t\t\t\n");
    expect(out.summary.rowsRead).toBe(2);
    expect(out.rejected).toEqual([{ line: 3, reason: "missing_date", raw: "\t\t\t" }]);
  });
});

describe("size limits", () => {
  it("reads rows wider than the initial field arrays, quoted or not", () => {
    const extra = Array.from({ length: 150 }, (_, i) => `x${i}`);
    const header = [
      "sale_date",
      ...extra.slice(0, 70),
      "product",
      ...extra.slice(70),
      "quantity",
      "unit_price",
    ].join(",");
    const plain = ["2024-01-01", ...extra.slice(0, 70), "Widget", ...extra.slice(70), "2", "3"].join(",");
    const quoted = [
      "2024-01-02",
      ...extra.slice(0, 70).map((x) => `"${x}"`),
      '"Gadget, Pro"',
      ...extra.slice(70),
      "1",
      "4",
    ].join(",");
    const out = run(`${header}\n${plain}\n${quoted}\n`);
    expect(out.rejected).toEqual([]);
    expect(out.products.map((p) => [p.product, p.revenue])).toEqual([
      ["Widget", 6],
      ["Gadget, Pro", 4],
    ]);
  });
});

describe("trimming", () => {
  it("bug: a product of only no-break spaces is a valid row with an empty product name, not missing_product", () => {
    const out = run(
      "sale_date,product,quantity,unit_price\n2024-01-01,\u00a0,1,1\n2024-01-01,\u00a0\u00a0Widget\u00a0,1,1\n",
    );
    expect(out.rejected).toEqual([{ line: 2, reason: "missing_product", raw: "2024-01-01,\u00a0,1,1" }]);
    expect(out.products.map((p) => p.product)).toEqual(["Widget"]);
  });

  it("a cell of characters that show nothing is empty; full-width digits and names read as typed in ASCII", () => {
    const out = run(
      csv(
        [
          "2024-01-01,\u200b,1,1", // line 2: no product
          "\ufeff,Widget,1,1", // line 3: no date
          "2024-01-01,Widget,\u200b,1", // line 4: no quantity
          "２０２４－０１－０２,Ｗｉｄｇｅｔ,３,１２．５０", // line 5: a valid row, Widget
          "2024-01-03,Wid\u200bget,1,\u200b2.50", // line 6: Widget again
        ],
        "sale_date,product,quantity,unit_price",
      ),
    );
    expect(reasons(out)).toEqual(["missing_product", "missing_date", "missing_quantity"]);
    expect(out.products.map((p) => [p.product, p.revenue, p.quantity])).toEqual([["Widget", 40, 4]]);
    expect(out.summary.repairs).toEqual({ quantity_text: 1, price_format: 2 });
  });
});
