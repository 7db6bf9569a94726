// Reading numbers out of messy cells (SPEC §3 repairs): the NUM_* code says
// which repair applies, numValue() gives the number.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  NUM_CURRENCY,
  NUM_EMPTY,
  NUM_FORMAT,
  NUM_INVALID,
  NUM_OK,
  NUM_PERCENT,
  NUM_TEXT,
  numValue,
  readDiscount,
  readMoney,
  readPlainNumber,
  readQuantity,
} from "./numbers";

type Reader = (s: string, a: number, b: number) => number;

/** [code, value] of a whole string, and of the same text as a slice of a longer one */
function read(fn: Reader, s: string): [number, number | null] {
  const code = fn(s, 0, s.length);
  const value = code === NUM_EMPTY || code === NUM_INVALID || code === -1 ? null : numValue();
  const padded = `§§${s}§`;
  const code2 = fn(padded, 2, 2 + s.length);
  const value2 = code2 === NUM_EMPTY || code2 === NUM_INVALID || code2 === -1 ? null : numValue();
  expect([code2, value2], `slice of ${JSON.stringify(padded)}`).toEqual([code, value]);
  return [code, value];
}

describe("readPlainNumber", () => {
  it.each([
    ["12", NUM_OK, 12],
    ["12.5", NUM_OK, 12.5],
    ["-3", NUM_OK, -3],
    ["+4", NUM_OK, 4],
    [" 7 ", NUM_OK, 7],
    ["\u00a07.25\u00a0", NUM_OK, 7.25],
    [".5", NUM_OK, 0.5],
    ["12.", NUM_OK, 12],
    ["0001", NUM_OK, 1],
    ["", NUM_EMPTY, null],
    ["   ", NUM_EMPTY, null],
    ["-", -1, null],
    [".", -1, null],
    ["1,5", -1, null],
    ["1.2.3", -1, null],
    ["$1", -1, null],
    // scientific notation, as spreadsheets export large and small numbers
    ["1.5E+06", NUM_OK, 1_500_000],
    ["1e-7", NUM_OK, 1e-7],
    ["-2.5e3", NUM_OK, -2500],
    [" 5.e2 ", NUM_OK, 500],
    ["1e400", -1, null],
    ["1e", -1, null],
    ["e5", -1, null],
    ["1e+", -1, null],
    ["1e5x", -1, null],
  ] as const)("%j → code %i, %s", (s, code, value) => {
    expect(read(readPlainNumber, s)).toEqual([code, value]);
  });

  it("reads every decimal of up to 15 significant digits exactly like Number()", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 9 }),
        fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 6 }),
        fc.boolean(),
        (int, frac, neg) => {
          const s = `${neg ? "-" : ""}${int}${frac ? `.${frac}` : ""}`;
          expect(readPlainNumber(s, 0, s.length)).toBe(NUM_OK);
          expect(numValue()).toBe(Number(s));
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });

  it("reads long digit strings through Number()", () => {
    expect(read(readPlainNumber, "12345678901234567890")).toEqual([NUM_OK, Number("12345678901234567890")]);
  });
});

describe("readMoney", () => {
  it.each([
    ["12.50", NUM_OK, 12.5],
    ["$12.50", NUM_CURRENCY, 12.5],
    ["12.50 USD", NUM_CURRENCY, 12.5],
    ["usd 12.50", NUM_CURRENCY, 12.5],
    ["€ 9", NUM_CURRENCY, 9],
    ["£7", NUM_CURRENCY, 7],
    ["9 €", NUM_CURRENCY, 9],
    ["$1,234.56", NUM_CURRENCY, 1234.56],
    ["€1.234,56", NUM_CURRENCY, 1234.56],
    ["Rs. 500", NUM_CURRENCY, 500],
    ["1 234,50", NUM_CURRENCY, 1234.5],
    ["1,234.56", NUM_FORMAT, 1234.56],
    ["1.234,56", NUM_FORMAT, 1234.56],
    ["1,234", NUM_FORMAT, 1234],
    ["1,234,567.8", NUM_FORMAT, 1234567.8],
    ["1.234.567", NUM_FORMAT, 1234567],
    ["12,50", NUM_FORMAT, 12.5],
    ["12,5", NUM_FORMAT, 12.5],
    ["1'234.50", NUM_FORMAT, 1234.5],
    ["(12.50)", NUM_OK, -12.5],
    ["$-5", NUM_CURRENCY, -5],
    ["-5", NUM_OK, -5],
    ["12.50-", NUM_OK, -12.5],
    ["", NUM_EMPTY, null],
    ["  ", NUM_EMPTY, null],
    ["abc", NUM_INVALID, null],
    ["$", NUM_INVALID, null],
    ["USD", NUM_INVALID, null],
    ["1,2,345", NUM_INVALID, null],
    ["1,23,45", NUM_INVALID, null],
    ["12.34.5", NUM_INVALID, null],
    ["1,2345", NUM_INVALID, null],
    ["-", NUM_INVALID, null],
    ["12 apples", NUM_INVALID, null],
  ] as const)("%j → code %i, %s", (s, code, value) => {
    expect(read(readMoney, s)).toEqual([code, value]);
  });
});

it("bug: a currency code glued after the number (12.50USD) was invalid", () => {
  expect(read(readMoney, "12.50USD")).toEqual([NUM_CURRENCY, 12.5]);
  expect(read(readMoney, "9eur")).toEqual([NUM_CURRENCY, 9]);
  expect(read(readMoney, "1,234.56GBP")).toEqual([NUM_CURRENCY, 1234.56]);
  // still whole codes only: letters before the code are not a code
  expect(read(readMoney, "12XUSD")[0]).toBe(NUM_INVALID);
});

it("bug: Indian digit grouping (lakhs, crores) was an invalid price", () => {
  expect(read(readMoney, "1,00,000")).toEqual([NUM_FORMAT, 100000]);
  expect(read(readMoney, "1,23,456")).toEqual([NUM_FORMAT, 123456]);
  expect(read(readMoney, "12,34,56,789.50")).toEqual([NUM_FORMAT, 123456789.5]);
  expect(read(readMoney, "₹1,23,456.78")).toEqual([NUM_CURRENCY, 123456.78]);
  expect(read(readMoney, "Rs. 2,50,000")).toEqual([NUM_CURRENCY, 250000]);
  // still groups of two, then three at the end
  expect(read(readMoney, "1,234,56")[0]).toBe(NUM_INVALID);
  expect(read(readQuantity, "1,00,000")).toEqual([NUM_FORMAT, 100000]);
});

it("bug: full-width digits and characters that show nothing made a number unreadable", () => {
  // as East Asian input methods type them, and as text pasted from the web carries them
  expect(read(readMoney, "１２．５０")).toEqual([NUM_FORMAT, 12.5]);
  expect(read(readMoney, "￥１，２００")).toEqual([NUM_CURRENCY, 1200]);
  expect(read(readMoney, "12\u200b.50")).toEqual([NUM_FORMAT, 12.5]);
  expect(read(readMoney, "\ufeff$12.50")).toEqual([NUM_CURRENCY, 12.5]);
  expect(read(readMoney, "－５")).toEqual([NUM_FORMAT, -5]);
  expect(read(readQuantity, "３")).toEqual([NUM_FORMAT, 3]);
  expect(read(readQuantity, "３ 個")).toEqual([NUM_TEXT, 3]);
  expect(read(readQuantity, "\u200b2")).toEqual([NUM_FORMAT, 2]);
  expect(read(readDiscount, "１５％")).toEqual([NUM_PERCENT, 0.15]);
  expect(read(readDiscount, "0.1\u2060")).toEqual([NUM_OK, 0.1]);
  // nothing else changes: other characters are still not digits
  expect(read(readMoney, "１２ａ")[0]).toBe(NUM_INVALID);
  // a cell of nothing visible is empty
  expect(read(readMoney, "\u200b")[0]).toBe(NUM_EMPTY);
});

it("U+2212 MINUS SIGN is a minus in money cells", () => {
  expect(read(readMoney, "\u221212.50")).toEqual([NUM_OK, -12.5]);
  expect(read(readMoney, "$\u22125")).toEqual([NUM_CURRENCY, -5]);
});

describe("readQuantity", () => {
  it.each([
    ["5", NUM_OK, 5],
    ["2.5", NUM_OK, 2.5],
    ["5 units", NUM_TEXT, 5],
    ["qty: 5", NUM_TEXT, 5],
    ["5pcs", NUM_TEXT, 5],
    ["units: 3, boxes: 2", NUM_TEXT, 3],
    ["-3 units", NUM_TEXT, -3],
    // a minus apart from the digits is still the quantity's sign (`- 5` and `-$5` were read as 5)
    ["- 5", NUM_TEXT, -5],
    ["-$5", NUM_TEXT, -5],
    ["- 5 units", NUM_TEXT, -5],
    ["qty: -€ 5", NUM_TEXT, -5],
    // a hyphen inside a word is not a sign
    ["size-M 5 units", NUM_TEXT, 5],
    ["1,000", NUM_FORMAT, 1000],
    // digit groups split by spaces are one number, not 1 and text
    ["1 000", NUM_FORMAT, 1000],
    ["12\u00a0500", NUM_FORMAT, 12500],
    // U+2212 MINUS SIGN keeps its sign (it was dropped: `−3` read as 3)
    ["\u22123", NUM_OK, -3],
    ["\u22123 units", NUM_TEXT, -3],
    ["about 1,200 units", NUM_TEXT, 1200],
    ["-3", NUM_OK, -3],
    ["0", NUM_OK, 0],
    ["", NUM_EMPTY, null],
    ["many", NUM_INVALID, null],
  ] as const)("%j → code %i, %s", (s, code, value) => {
    expect(read(readQuantity, s)).toEqual([code, value]);
  });
});

describe("readDiscount", () => {
  it.each([
    ["0.15", NUM_OK, 0.15],
    ["0", NUM_OK, 0],
    ["1", NUM_OK, 1],
    ["15%", NUM_PERCENT, 0.15],
    ["15 %", NUM_PERCENT, 0.15],
    [" 12.5% ", NUM_PERCENT, 0.125],
    ["150%", NUM_PERCENT, 1.5],
    ["-5%", NUM_PERCENT, -0.05],
    ["0,15", NUM_OK, 0.15],
    ["-0.1", NUM_OK, -0.1],
    ["\u22120.1", NUM_OK, -0.1],
    ["", NUM_EMPTY, null],
    ["%", NUM_INVALID, null],
    ["abc", NUM_INVALID, null],
    ["$5", NUM_INVALID, null],
    ["15%%", NUM_INVALID, null],
  ] as const)("%j → code %i, %s", (s, code, value) => {
    expect(read(readDiscount, s)).toEqual([code, value]);
  });
});
