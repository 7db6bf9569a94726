// The header check before a job is queued (SPEC §2), and the file driver on a
// Windows-1252 fixture.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runFile } from "./run-file";
import { sniffFile } from "./sniff";
import { PipelineError, type RejectReason } from "./types";

const enc = (s: string) => new TextEncoder().encode(s);
const opts = { fuzzy: true };
const fixture = new URL("./__fixtures__/cp1252-sales.csv", import.meta.url);

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof PipelineError) return e.code;
    throw e;
  }
  return "no error";
}

describe("sniffFile", () => {
  it("reads headers, delimiter, encoding and mapping from the head of a file", () => {
    const head = enc("Order Date;Item;Qty;Price;Extra\n2024-01-01;W;1;2;x\n2024-01-02;W;1;2;x\n2024-01");
    expect(sniffFile(head, false, opts)).toEqual({
      headers: ["Order Date", "Item", "Qty", "Price", "Extra"],
      delimiter: ";",
      encoding: "utf-8",
      mapping: { sale_date: "Order Date", product: "Item", quantity: "Qty", unit_price: "Price" },
    });
  });

  it("refuses what a job would refuse, before processing", () => {
    expect(code(() => sniffFile(enc(""), true, opts))).toBe("no_header");
    expect(code(() => sniffFile(enc("date,product,qty,price\n"), true, opts))).toBe("no_data");
    expect(code(() => sniffFile(enc("date,product\n2024-01-01,W\n"), false, opts))).toBe("missing_roles");
    expect(code(() => sniffFile(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x00, 0x00), false, opts))).toBe(
      "not_text",
    );
    expect(code(() => sniffFile(enc("date,product,qty,price\n"), false, opts))).toBe("no error");
  });
});

describe("runFile on a Windows-1252 file", () => {
  it("decodes it as Windows-1252, with ; delimiter, DD.MM.YYYY dates and decimal commas", () => {
    const rejected: [number, RejectReason, string][] = [];
    const r = runFile(fileURLToPath(fixture), opts, {
      onRejected: (l, why, raw) => rejected.push([l, why, raw]),
    });
    expect(r.summary.encoding).toBe("windows-1252");
    expect(r.summary.delimiter).toBe(";");
    expect(r.products.map((p) => [p.product, p.revenue])).toEqual([
      ["Crème brûlée", 9],
      ["“Bio” Kaffee – 500g", 7.99],
    ]);
    expect(r.regions.map((x) => x.region)).toEqual(["München", "Köln"]);
    expect(r.summary.repairs).toEqual({ price_format: 1, price_currency: 1 });
    expect(rejected).toEqual([[4, "invalid_quantity", "3;07.03.2024;Straße;;x;1"]]);
    expect(r.summary.dateFrom).toBe("2024-03-05");
    expect(readFileSync(fixture).includes(0xc3)).toBe(false); // really not UTF-8 text
  });
});
