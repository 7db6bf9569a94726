import { describe, expect, it } from "vitest";
import { PREVIEW_BYTES, readPreview } from "./read-preview";

const file = (parts: BlobPart[], name = "sales.csv") => new File(parts, name, { type: "text/csv" });

describe("readPreview (the browser preview of a chosen file)", () => {
  it("detects the delimiter from the header and parses quoted fields", async () => {
    const p = await readPreview(
      file([
        '\n\norder_id;product_name;unit_price\r\n1;"Monitor 27"" UltraSharp";"1.299,00"\r\n2;Blender Pro;89,5\r\n',
      ]),
    );
    expect(p).toMatchObject({
      kind: "ok",
      delimiter: ";",
      encoding: "utf-8",
      noData: false,
      truncated: false,
    });
    if (p.kind !== "ok") throw new Error(p.kind);
    expect(p.headers).toEqual(["order_id", "product_name", "unit_price"]);
    expect(p.rows[0]).toEqual(["1", 'Monitor 27" UltraSharp', "1.299,00"]);
  });

  it("drops a UTF-8 BOM and falls back to Windows-1252 for other bytes", async () => {
    const bom = await readPreview(file([new Uint8Array([0xef, 0xbb, 0xbf]), "product,qty\nA,1\n"]));
    expect(bom.kind === "ok" && bom.headers[0]).toBe("product");
    const cp1252 = await readPreview(
      file([new Uint8Array([0x70, 0x2c, 0x71, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x2c, 0x31, 0x0a])]),
    );
    expect(cp1252).toMatchObject({ kind: "ok", encoding: "windows-1252", rows: [["Café", "1"]] });
  });

  it("refuses binary data and reports empty files and header-only files", async () => {
    expect(await readPreview(file([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00])]))).toEqual({
      kind: "not_text",
      wide: null,
    });
    // Excel's "Unicode Text" export: text, but UTF-16
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...Buffer.from("Date\tProduct\r\n2024-01-02\tPen\r\n", "utf16le"),
    ]);
    expect(await readPreview(file([utf16]))).toEqual({ kind: "not_text", wide: "UTF-16" });
    expect(await readPreview(file(["\n \n"]))).toEqual({ kind: "empty" });
    expect(await readPreview(file(["a,b\n"]))).toMatchObject({ kind: "ok", noData: true });
  });

  it("points at a header below a title line (the server's 422 says the same)", async () => {
    const p = await readPreview(
      file(["Monthly sales report\r\n\r\nDate,Product,Qty,Price\r\n2024-01-02,Pen,3,1.50\r\n"]),
    );
    expect(p).toMatchObject({
      kind: "ok",
      headers: ["Monthly sales report"],
      laterHeader: { line: 3, headers: ["Date", "Product", "Qty", "Price"] },
    });
    expect(await readPreview(file(["sale_date,product,qty,price\n2024-01-02,Pen,3,1.50\n"]))).toMatchObject({
      kind: "ok",
      laterHeader: null,
    });
  });

  it("reads the header after an Excel sep= line with the delimiter it declares", async () => {
    const p = await readPreview(
      file(["sep=,\r\n\r\nDate,Product,Qty,Price,Note (a;b;c;d;e)\r\n2024-01-02,Pen,3,1.50,x;y\r\n"]),
    );
    expect(p).toMatchObject({
      kind: "ok",
      delimiter: ",",
      headers: ["Date", "Product", "Qty", "Price", "Note (a;b;c;d;e)"],
      rows: [["2024-01-02", "Pen", "3", "1.50", "x;y"]],
      laterHeader: null,
    });
    expect(await readPreview(file(["sep=;\n\n"]))).toEqual({ kind: "empty" });
  });

  it("reads only the first 64 KiB of a big file and never shows a cut-off row", async () => {
    const row = "2024-01-01,Laptop Pro 15,1,1299.99\n";
    const big = file([
      "sale_date,product,quantity,unit_price\n",
      row.repeat(Math.ceil((PREVIEW_BYTES * 3) / row.length)),
    ]);
    const p = await readPreview(big);
    expect(p).toMatchObject({ kind: "ok", truncated: true, delimiter: "," });
    if (p.kind !== "ok") throw new Error(p.kind);
    expect(p.rows).toHaveLength(10);
    expect(p.rows.every((r) => r.length === 4)).toBe(true);
  });
});
