import { describe, expect, it } from "vitest";
import { fillMonthGaps, filtersToSearch, monthsBetween, parseFilters } from "./filters";

describe("dashboard filters in the URL", () => {
  it("round-trips every filter, lists repeated and sorted", () => {
    const f = {
      from: "2024-02",
      to: "2024-11",
      region: ["West", "North"],
      product: ["Laptop Pro 15", "A&B"],
    };
    const qs = filtersToSearch(f);
    expect(qs).toBe("from=2024-02&to=2024-11&region=North&region=West&product=A%26B&product=Laptop+Pro+15");
    expect(parseFilters(new URLSearchParams(qs))).toEqual({
      from: "2024-02",
      to: "2024-11",
      region: ["North", "West"],
      product: ["A&B", "Laptop Pro 15"],
    });
  });

  it("gives equal views equal URLs, whatever the order they were picked in", () => {
    expect(filtersToSearch({ category: ["b", "a"] })).toBe(filtersToSearch({ category: ["a", "b"] }));
  });

  it("drops malformed months, empty values and duplicates from a hand-edited URL", () => {
    expect(
      parseFilters(new URLSearchParams("from=2024-13&to=24-01&region=&region=East&region=East")),
    ).toEqual({
      region: ["East"],
    });
  });

  it("lists the months of a date range across years", () => {
    expect(monthsBetween("2023-11-05", "2024-02-01")).toEqual(["2023-11", "2023-12", "2024-01", "2024-02"]);
    expect(monthsBetween(null, null)).toEqual([]);
  });
});

describe("fillMonthGaps", () => {
  const row = (month: string, revenue: number) => ({
    month,
    revenue,
    profit: null,
    quantity: 1,
    transactions: 1,
    avgDiscount: 0.1,
  });
  it("puts the months without sales in at zero, across a year end", () => {
    const filled = fillMonthGaps([row("2023-11", 5), row("2024-02", 7)]);
    expect(filled.map((r) => [r.month, r.revenue, r.transactions])).toEqual([
      ["2023-11", 5, 1],
      ["2023-12", 0, 0],
      ["2024-01", 0, 0],
      ["2024-02", 7, 1],
    ]);
    expect(fillMonthGaps([])).toEqual([]);
    expect(fillMonthGaps([row("0999-12", 1), row("1000-01", 2)]).map((r) => r.month)).toEqual([
      "0999-12",
      "1000-01",
    ]);
  });

  it("leaves rows spread over more than 1,200 months as they are", () => {
    const rows = [row("1900-01", 1), row("2024-01", 2)];
    expect(fillMonthGaps(rows)).toEqual(rows);
  });
});
