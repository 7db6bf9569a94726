// Sale dates of SPEC §3: accepted formats, calendar checks, no zone shifting,
// the NN/NN/YYYY decision.
import { describe, expect, it } from "vitest";
import {
  DATE_EMPTY,
  DATE_INVALID,
  DayFirstVote,
  daysInMonth,
  formatDate,
  formatMonth,
  parseDate,
  slashParts,
} from "./dates";

function parse(s: string, dayFirst = false): number {
  const whole = parseDate(s, 0, s.length, dayFirst);
  // the same cell as a slice of a longer string
  const padded = `xx${s}yy`;
  expect(parseDate(padded, 2, 2 + s.length, dayFirst), `slice ${JSON.stringify(s)}`).toBe(whole);
  return whole;
}

describe("parseDate", () => {
  it.each([
    ["2024-03-05", 20240305],
    ["2024-3-5", 20240305],
    ["2024-03-05 10:30", 20240305],
    ["2024-03-05 10:30:59", 20240305],
    ["2024-03-05 2:05 PM", 20240305],
    ["2024-03-05T10:30:00", 20240305],
    ["2024-03-05T10:30:00.123Z", 20240305],
    ["2024-03-05T10:30:00+05:30", 20240305],
    ["2024-03-31T23:30:00-05:00", 20240331],
    ["2024-03-31T23:30:00.5+0100", 20240331],
    ["2024/03/05", 20240305],
    ["2024/3/5", 20240305],
    ["05-Mar-2024", 20240305],
    ["5-mar-2024", 20240305],
    ["05-MAR-2024", 20240305],
    ["5 Mar 2024", 20240305],
    ["5 March 2024", 20240305],
    ["Mar 5, 2024", 20240305],
    ["march 5, 2024", 20240305],
    ["Sept 5, 2024", 20240905],
    ["Jan 5th, 2024", 20240105],
    ["03/05/2024", 20240305],
    ["3/5/2024", 20240305],
    ["05.03.2024", 20240305],
    ["5.3.2024", 20240305],
    [" 2024-03-05 ", 20240305],
    ["2024-02-29", 20240229],
    ["2000-02-29", 20000229],
  ] as const)("%j → %i", (s, packed) => {
    expect(parse(s)).toBe(packed);
  });

  it.each([
    "2023-02-29",
    "1900-02-29",
    "2024-02-30",
    "2024-04-31",
    "2024-13-01",
    "2024-00-10",
    "2024-01-00",
    "0000-01-01",
    "2024-03-05 24:00",
    "2024-03-05 23:60",
    "2024-03-05 13:05 PM",
    "2024-03-05x",
    "29-Feb-2023",
    "05-Foo-2024",
    "Foo 5, 2024",
    "13/13/2024",
    "31.04.2024",
    "yesterday",
    "2024",
    "20240305",
    // bug: a non-digit among the year's digits read as a year (`12.4` → 204)
    "12.4-01-05",
    "2x24-01-05",
    "2024-0x-05",
    "12-Mar-2.24",
  ])("%j is invalid", (s) => {
    expect(parse(s)).toBe(DATE_INVALID);
  });

  it("an empty or blank cell is DATE_EMPTY", () => {
    expect(parse("")).toBe(DATE_EMPTY);
    expect(parse("   ")).toBe(DATE_EMPTY);
  });

  it("NN/NN/YYYY follows dayFirst; other shapes do not", () => {
    expect(parse("03/05/2024", false)).toBe(20240305);
    expect(parse("03/05/2024", true)).toBe(20240503);
    expect(parse("13/05/2024", false)).toBe(DATE_INVALID);
    expect(parse("13/05/2024", true)).toBe(20240513);
    expect(parse("31/04/2024", true)).toBe(DATE_INVALID);
    expect(parse("2024/03/05", true)).toBe(20240305);
    expect(parse("05.03.2024", false)).toBe(20240305);
  });
});

it("bug: a date cell with a TAB or a no-break space around it was invalid", () => {
  expect(parse("2024-03-05\t")).toBe(20240305);
  expect(parse("\t05-Mar-2024")).toBe(20240305);
  expect(parse("\u00a0Mar 5, 2024\u00a0")).toBe(20240305);
  expect(parse("03/05/2024\u202f")).toBe(20240305);
  expect(parse("\t \u00a0")).toBe(DATE_EMPTY);
});

it("bug: a date typed with full-width digits, or with a character that shows nothing, was invalid", () => {
  expect(parse("２０２４－０３－０５")).toBe(20240305);
  expect(parse("２０２４/３/５")).toBe(20240305);
  expect(parse("\u200b2024-03-05")).toBe(20240305);
  expect(parse("2024-03-05\ufeff")).toBe(20240305);
  expect(parse("５ Mar ２０２４")).toBe(20240305);
  // still a real calendar date
  expect(parse("２０２４－０２－３０")).toBe(DATE_INVALID);
});

describe("the day-first vote", () => {
  it("slashParts packs the two leading parts of NN/NN/YYYY only", () => {
    expect(slashParts("13/01/2024", 0, 10)).toBe(1301);
    expect(slashParts(" 1/2/2024 10:00", 0, 15)).toBe(102);
    expect(slashParts("2024-01-13", 0, 10)).toBe(-1);
    expect(slashParts("13.01.2024", 0, 10)).toBe(-1);
  });

  it("is day-first only with a first part > 12 and no second part > 12", () => {
    const vote = (...dates: string[]) => {
      const v = new DayFirstVote();
      for (const d of dates) v.observe(slashParts(d, 0, d.length));
      return v.dayFirst;
    };
    expect(vote()).toBe(false);
    expect(vote("01/02/2024", "12/12/2024")).toBe(false);
    expect(vote("01/02/2024", "13/02/2024")).toBe(true);
    expect(vote("13/02/2024", "02/13/2024")).toBe(false);
    expect(vote("2024-01-13", "13/01/2024", "not a date")).toBe(true);
  });
});

describe("formatting", () => {
  it("formats packed dates and month keys", () => {
    expect(formatDate(20240305)).toBe("2024-03-05");
    expect(formatDate(9991231)).toBe("0999-12-31");
    expect(formatMonth(2024 * 12)).toBe("2024-01");
    expect(formatMonth(2024 * 12 + 11)).toBe("2024-12");
  });

  it("knows the length of every month", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });
});
