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
      // the first byte after the header's line break
      headerEnd: 32,
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

it("bug: sniffing a 1 MiB head with UTF-8 text early and a Windows-1252 byte late throws EncodingRestart", () => {
  // UTF-8 "é" in the first 512 KiB, a lone 0xE9 after it: the file is Windows-1252 (§2)
  const rows: string[] = ["sale_date,product,quantity,unit_price", "2024-01-01,Crème,1,1"];
  for (let n = 0; n < 32_000; n++) rows.push("2024-01-01,Widget,1,1"); // ~700 KB
  const text = Buffer.from(`${rows.join("\n")}\n2024-01-01,Caf`, "utf8");
  const head = new Uint8Array(1024 * 1024);
  head.set(text);
  head.set([0xe9], text.length);
  head.fill(0x20, text.length + 1); // spaces: an unfinished last line
  let result: unknown;
  expect(() => {
    result = sniffFile(head, false, opts);
  }).not.toThrow();
  expect(result).toMatchObject({ encoding: "windows-1252", delimiter: "," });
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
