import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { ERROR_KINDS, type ErrorKind, generateSample, SAMPLE_HEADER, SAMPLE_PRODUCTS } from "./generate";

function sample(rows: number, errorRate?: number, seed?: number): { text: string; chunks: string[] } {
  const chunks: string[] = [];
  generateSample({ rows, errorRate, seed }, (c) => chunks.push(c));
  return { text: chunks.join(""), chunks };
}

function parse(text: string): string[][] {
  const result = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, newline: "\n" });
  expect(result.errors).toEqual([]);
  const records = result.data;
  // The file ends with a line break, which papaparse reads as one empty record.
  expect(records.at(-1)).toEqual([""]);
  return records.slice(0, -1);
}

const basePrice = new Map<string, number>();
for (const p of SAMPLE_PRODUCTS) for (const s of p.spellings) basePrice.set(s.value, p.price);

/** Which injected error a record carries, read back from the text alone. */
function errorOf(record: string[]): ErrorKind | null {
  const [, product = "", , quantity = "", price = "", discount = "", , date = ""] = record;
  if (date === "") return "missing_date";
  if (price === "") return "missing_price";
  if (price.startsWith("$")) return "currency_price";
  if (/^\d+ units$/.test(quantity)) return "quantity_units";
  if (Number(quantity) <= 0) return "non_positive_quantity";
  const d = discount.endsWith("%") ? Number(discount.slice(0, -1)) / 100 : Number(discount);
  if (d < 0 || d > 1) return "bad_discount";
  const base = basePrice.get(product);
  if (base === undefined) throw new Error(`unknown product spelling ${product}`);
  if (Number(quantity) >= 50 || Number(price.replaceAll(",", "")) >= 40 * base) return "extreme_value";
  return null;
}

describe("generateSample", () => {
  it("writes the header and exactly the requested rows, LF endings", () => {
    const { text } = sample(1234);
    expect(text.startsWith(`${SAMPLE_HEADER}\n`)).toBe(true);
    expect(text.endsWith("\n")).toBe(true);
    expect(text.includes("\r")).toBe(false);
    const records = parse(text);
    expect(records[0]).toEqual(SAMPLE_HEADER.split(","));
    expect(records.length - 1).toBe(1234);
  });

  it("writes only the header for zero rows", () => {
    expect(sample(0).text).toBe(`${SAMPLE_HEADER}\n`);
  });

  it("is deterministic per seed, and different seeds differ", () => {
    const a = sample(5000, 0.15, 7).text;
    expect(sample(5000, 0.15, 7).text).toBe(a);
    expect(sample(5000, 0.15, 8).text).not.toBe(a);
    expect(sample(5000).text).toBe(sample(5000, 0.15, 42).text);
  });

  it("gives the same first rows whatever the total, so chunking never changes the text", () => {
    const small = sample(3000).text;
    const big = sample(30_000);
    expect(big.chunks.length).toBeGreaterThan(1);
    for (const c of big.chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(1 << 20);
    expect(big.text.startsWith(small)).toBe(true);
  });

  it("quotes per RFC 4180: every record has 9 fields, ~10% of rows have a quoted field", () => {
    const { text } = sample(50_000);
    const records = parse(text);
    expect(records.filter((r) => r.length !== 9)).toEqual([]);
    const lines = text.split("\n").slice(1, -1);
    expect(lines).toHaveLength(50_000);
    const quotedShare = lines.filter((l) => l.includes('"')).length / lines.length;
    expect(quotedShare).toBeGreaterThan(0.08);
    expect(quotedShare).toBeLessThan(0.14);
    // quoted delimiters and doubled quotes both occur, and read back as written
    const products = new Set(records.map((r) => r[1]));
    expect(products).toContain('Monitor 27" UltraSharp');
    expect(products).toContain("Air Fryer XL, 5.5L");
  });

  it.each([0.15, 0.4])("injects every error kind at about errorRate/7 (errorRate %s)", (rate) => {
    const rows = 100_000;
    const records = parse(sample(rows, rate).text).slice(1);
    const counts = new Map<ErrorKind | null, number>();
    for (const r of records) {
      const kind = errorOf(r);
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    const errors = rows - (counts.get(null) ?? 0);
    expect(Math.abs(errors / rows - rate)).toBeLessThan(0.01);
    const expected = (rows * rate) / ERROR_KINDS.length;
    for (const kind of ERROR_KINDS) {
      const n = counts.get(kind) ?? 0;
      expect(n, kind).toBeGreaterThan(expected * 0.85);
      expect(n, kind).toBeLessThan(expected * 1.15);
    }
  });

  it("injects no errors at errorRate 0", () => {
    const records = parse(sample(20_000, 0).text).slice(1);
    expect(records.filter((r) => errorOf(r) !== null)).toEqual([]);
  });

  it("writes the original pipeline's misspellings, all date formats, and Nov/Dec peaks", () => {
    const records = parse(sample(100_000).text).slice(1);
    const column = (i: number) => new Set(records.map((r) => r[i]!));
    const products = column(1);
    for (const s of [
      "laptop pro",
      "Smartfone X",
      "smart-phone x",
      "smartphone-x",
      "Wirless Headphones",
      "4ktv",
      "4k led tv",
      "BlenderPro",
      "Cofee Maker Elite",
      "mens t-shirt (blue)",
      "T-shirt (Blue)",
    ]) {
      expect(products, s).toContain(s);
    }
    const categories = column(2);
    for (const c of ["Electronics", "Home Appliance", "home appliances", "Fashion", "clothing"]) {
      expect(categories).toContain(c);
    }
    const regions = column(6);
    for (const r of ["North", "South", "East", "West", "nort", "sout", "eas", "wes", "north", " North "]) {
      expect(regions).toContain(r);
    }

    const shapes = new Map<string, number>();
    const months = new Map<number, number>();
    const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    for (const r of records) {
      const d = r[7]!;
      if (d === "") continue;
      let m: RegExpMatchArray | null;
      let month: number;
      if ((m = d.match(/^(\d{4})-(\d{2})-(\d{2}) \d{2}:\d{2}:\d{2}$/))) {
        shapes.set("iso time", (shapes.get("iso time") ?? 0) + 1);
        month = Number(m[2]);
      } else if ((m = d.match(/^(\d{4})-(\d{2})-(\d{2})$/))) {
        shapes.set("iso", (shapes.get("iso") ?? 0) + 1);
        month = Number(m[2]);
      } else if ((m = d.match(/^(\d{4})\/(\d{2})\/(\d{2})$/))) {
        shapes.set("slash", (shapes.get("slash") ?? 0) + 1);
        month = Number(m[2]);
      } else if ((m = d.match(/^(\d{2})-([A-Z][a-z]{2})-(\d{4})$/))) {
        shapes.set("mon", (shapes.get("mon") ?? 0) + 1);
        month = monthNames.indexOf(m[2]!) + 1;
      } else throw new Error(`unexpected date ${d}`);
      expect(month).toBeGreaterThanOrEqual(1);
      months.set(month, (months.get(month) ?? 0) + 1);
    }
    expect([...shapes.keys()].sort()).toEqual(["iso", "iso time", "mon", "slash"]);
    for (const n of shapes.values()) expect(n).toBeGreaterThan(records.length * 0.05);
    const dec = months.get(12)!;
    const jun = months.get(6)!;
    expect(dec / jun).toBeGreaterThan(1.5);

    // discounts: fractions, `15%` and empty cells all occur
    const discounts = records.map((r) => r[5]!);
    expect(discounts.some((d) => d === "")).toBe(true);
    expect(discounts.some((d) => /^\d+%$/.test(d))).toBe(true);
    expect(discounts.some((d) => /^0\.\d\d$/.test(d))).toBe(true);
  });

  it("rejects nonsense options", () => {
    expect(() => generateSample({ rows: -1 }, () => {})).toThrow(RangeError);
    expect(() => generateSample({ rows: 1.5 }, () => {})).toThrow(RangeError);
    expect(() => generateSample({ rows: 10, errorRate: 2 }, () => {})).toThrow(RangeError);
    expect(() => generateSample({ rows: 10, seed: 0.5 }, () => {})).toThrow(RangeError);
  });
});
