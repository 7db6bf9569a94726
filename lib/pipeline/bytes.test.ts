// The byte-level fast paths must answer exactly as the text readers they stand
// in for, or step aside (SLOW): checked on random cells built from the
// characters that matter (digits, signs, points, `$`, `%`, spaces, letters,
// month names, non-ASCII) and on the shapes the generator writes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blankAt,
  dateAt,
  discountAt,
  hashAsciiBytes,
  hashOut,
  moneyAt,
  plainNumberAt,
  quantityAt,
  SLOW,
} from "./bytes";
import { parseDate } from "./dates";
import {
  NUM_EMPTY,
  NUM_INVALID,
  numValue,
  readDiscount,
  readMoney,
  readPlainNumber,
  readQuantity,
} from "./numbers";
import { hashSlice } from "./strings";

const PIECES = [
  ..."0123456789",
  "0",
  "1",
  "12",
  "2024",
  ".",
  ",",
  "-",
  "+",
  "$",
  "%",
  " ",
  "\t",
  "/",
  ":",
  "T",
  "e",
  "units",
  "USD",
  "Jan",
  "dec",
  "Foo",
  "\u00a0",
  "€",
  "é",
  "'",
  "5/",
  "13.",
  ",123",
  "1,234",
];
const cellArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((p) => p.join(""));
const SHAPES = [
  "",
  "  ",
  "12",
  "12.50",
  " 12.5 ",
  "-3",
  "+4.",
  ".5",
  "$12.50",
  "$ 12",
  "15%",
  "15 %",
  "0.15",
  "5 units",
  "5 Units ",
  "12 pcs",
  "1,299.99",
  "$1,299.99",
  " $1,299 ",
  "$ 1,299.99",
  "12,345,678.5",
  "1,299.",
  "1,29",
  "1,2999",
  "1234,567",
  "1,00,000",
  "-1,299.99",
  "999,999,999,999.999",
  "999,999,999,999.9999",
  "1234567890123456",
  "2024-02-29",
  "2023-02-29",
  "2024/12/31",
  "2024-13-01",
  "2024-01-05 10:30:15",
  "2024-01-05T23:59:59",
  "2024-01-05 24:00:00",
  "15-Jan-2024",
  "31-feb-2024",
  "15-Foo-2024",
  "5/1/2024",
  "1/5/2024",
  "13/5/2024",
  "12/31/2024",
  "0/5/2024",
  "1/5/24",
  "1/5/2024 10:30",
  "31.12.2024",
  "5.1.2024",
  "5.13.2024",
  "1/5.2024",
  "001/5/2024",
  "\u00a02024-01-05",
];

const enc = new TextEncoder();

/** the cell's UTF-8 bytes with junk around, as the core sees a field inside a line */
function bytesOf(s: string): [Uint8Array, number, number] {
  const b = enc.encode(`x,${s},y`);
  return [b, 2, b.length - 2];
}

type TextReader = (s: string, a: number, b: number) => number;
type ByteReader = (b: Uint8Array, a: number, e: number) => number;

function agreeNumber(byte: ByteReader, text: TextReader, s: string): void {
  const [b, a, e] = bytesOf(s);
  const code = byte(b, a, e);
  if (code === SLOW) return;
  const value = code === NUM_EMPTY || code === NUM_INVALID ? null : numValue();
  const want = text(s, 0, s.length);
  const wantValue = want === NUM_EMPTY || want === NUM_INVALID ? null : numValue();
  expect([code, value], JSON.stringify(s)).toEqual([want, wantValue]);
}

function agreeAll(s: string): void {
  agreeNumber(plainNumberAt, readPlainNumber, s);
  agreeNumber(moneyAt, readMoney, s);
  agreeNumber(discountAt, readDiscount, s);
  agreeNumber(quantityAt, readQuantity, s);
  const [b, a, e] = bytesOf(s);
  for (const dayFirst of [false, true]) {
    const d = dateAt(b, a, e, dayFirst);
    if (d !== SLOW)
      expect(d, `${JSON.stringify(s)} day-first ${dayFirst}`).toBe(parseDate(s, 0, s.length, dayFirst));
  }
  const blank = blankAt(b, a, e);
  if (blank !== SLOW) expect(blank === 1, JSON.stringify(s)).toBe(s.trim() === "");
}

describe("byte fast paths", () => {
  it("agree with the text readers on the common shapes, and take them", () => {
    for (const s of SHAPES) agreeAll(s);
    const fast = (fn: ByteReader, s: string) => fn(...bytesOf(s)) !== SLOW;
    expect(fast(moneyAt, "$12.50")).toBe(true);
    expect(fast(moneyAt, "1,299.99")).toBe(true);
    expect(fast(moneyAt, "$1,299.99")).toBe(true);
    expect(fast(discountAt, "15%")).toBe(true);
    expect(fast(quantityAt, "5 units")).toBe(true);
    const fastDate = (s: string) => dateAt(...bytesOf(s), false) !== SLOW;
    expect(fastDate("15-Jan-2024")).toBe(true);
    expect(fastDate("2024-01-05 10:30:15")).toBe(true);
    expect(fastDate("1/5/2024")).toBe(true);
    expect(fastDate("12/31/2024")).toBe(true);
    expect(fastDate("5.1.2024")).toBe(true);
    expect(fast(plainNumberAt, "1234567890123456")).toBe(false);
  });

  it("agree with the text readers on random cells", () => {
    fc.assert(fc.property(cellArb, agreeAll), { numRuns: 20_000 });
  });

  it("hash ASCII bytes as hashSlice hashes the same text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary-ascii", maxLength: 40 }), (s) => {
        const b = enc.encode(s);
        expect(hashAsciiBytes(b, 0, b.length)).toBe(hashSlice(s, 0, s.length) | 0);
        expect(hashOut.ascii).toBe(true);
      }),
    );
    hashAsciiBytes(enc.encode("Café"), 0, 5);
    expect(hashOut.ascii).toBe(false);
  });
});
