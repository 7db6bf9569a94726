import { describe, expect, it } from "vitest";
import {
  describeDelimiter,
  formatBytes,
  formatCompact,
  formatCurrency,
  formatCurrencyCompact,
  formatCurrencyWhole,
  formatDay,
  formatDuration,
  formatMonth,
  formatPercent,
} from "./format";

describe("formatters", () => {
  it("formats money in dollars, with a dash for missing values", () => {
    expect(formatCurrency(1234.5)).toBe("$1,234.50");
    expect(formatCurrencyWhole(74357409.4)).toBe("$74,357,409");
    expect(formatCurrencyCompact(1_250_000)).toBe("$1.3M");
    // an axis label stays short however absurd the amount
    expect(formatCurrencyCompact(5e14)).toBe("$500.0T");
    expect(formatCurrencyCompact(1e25)).toBe("$1.0E25");
    expect(formatCurrencyCompact(-3.25e20)).toBe("-$3.3E20");
    expect(formatCompact(2.5e18)).toBe("2.5E18");
    expect(formatCurrency(null)).toBe("–");
    expect(formatCurrency(Number.NaN)).toBe("–");
  });

  it("names months and days as written, without time zones", () => {
    expect(formatMonth("2024-03")).toBe("Mar 2024");
    expect(formatMonth("not a month")).toBe("not a month");
    expect(formatDay("2024-12-31")).toBe("Dec 31, 2024");
  });

  it("formats sizes, durations, shares and delimiters", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(91_234_567)).toBe("87 MB");
    expect(formatDuration(0.4)).toBe("< 1 s");
    expect(formatDuration(185)).toBe("3 min 5 s");
    expect(formatPercent(0.153)).toBe("15.3%");
    expect(describeDelimiter("\t")).toBe("tab");
  });
});
