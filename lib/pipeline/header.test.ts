// Header handling of SPEC §2: delimiter detection and role mapping by synonyms.
import { describe, expect, it } from "vitest";
import { declaredDelimiter, detectDelimiter, laterHeader, mapColumns, normaliseHeader } from "./header";

describe("normaliseHeader", () => {
  it("lowercases and drops spaces, _, -, .", () => {
    expect(normaliseHeader("Order Date")).toBe("orderdate");
    expect(normaliseHeader("Unit_Price")).toBe("unitprice");
    expect(normaliseHeader(" Qty. ")).toBe("qty");
    expect(normaliseHeader("line-total")).toBe("linetotal");
  });
});

describe("detectDelimiter", () => {
  it.each([
    ["a,b,c", ","],
    ["a;b;c", ";"],
    ["a\tb\tc", "\t"],
    ["a|b|c", "|"],
    ["a,b;c;d", ";"],
    ["a;b,c", ","], // tie: the earlier candidate
    ['"a;b;c",d', ","], // delimiters inside quotes do not count
    ['"x|y|z";"q"', ";"],
    ["single column", ","],
  ])("%j → %j", (line, d) => {
    expect(detectDelimiter(line)).toBe(d);
  });
});

describe("declaredDelimiter (an Excel sep= line)", () => {
  it("reads the four delimiters, any case, quoted or not, with spaces around", () => {
    const lines = ["sep=;", "sep=,", "SEP=|", "sep=\t", '"sep=;"', "  sep=; "];
    expect(lines.map(declaredDelimiter)).toEqual([";", ",", "|", "\t", ";", ";"]);
  });

  it("is null for any other line", () => {
    for (const line of [
      "sep=:",
      "sep=",
      "sep=;;",
      "sep=;,",
      "sep =;",
      "separator=;",
      "date;sep=;",
      "sep=; x",
      "",
    ])
      expect(declaredDelimiter(line)).toBeNull();
  });
});

describe("mapColumns", () => {
  it("maps by synonyms after normalising, earlier synonyms first", () => {
    const m = mapColumns([
      "Date",
      "Order Date",
      "Item",
      "Product Name",
      "QTY",
      "Price",
      "Unit Price",
      "Store",
      "Country",
    ]);
    expect(m.mapping).toEqual({
      sale_date: "Order Date",
      product: "Product Name",
      quantity: "QTY",
      unit_price: "Unit Price",
      region: "Store",
    });
    expect(m.columns).toEqual({ sale_date: 1, product: 3, quantity: 4, unit_price: 6, region: 7 });
    expect(m.missing).toEqual([]);
  });

  it("maps every role from its synonyms", () => {
    const headers = [
      "Invoice No",
      "InvoiceDate",
      "Description",
      "Product_Line",
      "Territory",
      "Quantity Ordered",
      "Price Each",
      "Disc",
      "Line_Total",
      "Gross Profit",
      "CustomerID",
    ];
    expect(mapColumns(headers).mapping).toEqual({
      order_id: "Invoice No",
      sale_date: "InvoiceDate",
      product: "Description",
      category: "Product_Line",
      region: "Territory",
      quantity: "Quantity Ordered",
      unit_price: "Price Each",
      discount: "Disc",
      revenue: "Line_Total",
      profit: "Gross Profit",
      customer: "CustomerID",
    });
  });

  it("uses a header for one role only", () => {
    // "invoice" is an order_id synonym; "invoice_date" must still reach sale_date
    const m = mapColumns(["invoice", "invoice_date", "product", "qty", "price"]);
    expect(m.mapping.order_id).toBe("invoice");
    expect(m.mapping.sale_date).toBe("invoice_date");
    // a duplicated header name: the first copy takes the role, the second stays unused
    const d = mapColumns(["date", "product", "qty", "price", "price"]);
    expect(d.columns.unit_price).toBe(3);
  });

  it("lists missing required roles; unit_price only when revenue is unmapped", () => {
    expect(mapColumns(["date", "product"]).missing).toEqual(["quantity", "unit_price"]);
    expect(mapColumns(["date", "product", "qty", "sales"]).missing).toEqual([]);
    expect(mapColumns(["name", "value"]).missing).toEqual(["sale_date", "product", "quantity", "unit_price"]);
  });

  it("explicit overrides win, match exactly or by normalised name, and '' unmaps a role", () => {
    const headers = ["date", "ship date", "product", "qty", "price", "discount"];
    const m = mapColumns(headers, { sale_date: "Ship_Date", discount: "" });
    expect(m.mapping).toEqual({
      sale_date: "ship date",
      product: "product",
      quantity: "qty",
      unit_price: "price",
    });
    expect(m.unknown).toEqual([]);
    // an override takes its header away from the synonym matching
    const r = mapColumns(headers, { revenue: "price" });
    expect(r.mapping.revenue).toBe("price");
    expect(r.mapping.unit_price).toBeUndefined();
    expect(r.missing).toEqual([]);
    // headers not in the file are reported
    expect(mapColumns(headers, { profit: "Margin" }).unknown).toEqual([{ role: "profit", header: "Margin" }]);
    // and so is a header the override gives a second role
    expect(mapColumns(headers, { product: "product", category: "Product" }).unknown).toEqual([
      { role: "category", header: "Product", takenBy: "product" },
    ]);
  });
});

describe("laterHeader (a real header below a title line)", () => {
  it("finds the first line that maps every required role, in its own delimiter and quotes", () => {
    expect(laterHeader(["", '"Date";"Product";"Qty";"Price"', "2024-01-02;Pen;3;1,50"])).toEqual({
      index: 1,
      headers: ["Date", "Product", "Qty", "Price"],
    });
    expect(laterHeader(["Region: North", "order date\titem\tunits\tsales"])?.index).toBe(1);
  });

  it("finds none in data rows or in headers that still lack a required role", () => {
    expect(laterHeader(["2024-01-02,Pen,3,1.50", "date,product,price", "", "sale_date"])).toBeNull();
    expect(laterHeader([])).toBeNull();
  });
});
