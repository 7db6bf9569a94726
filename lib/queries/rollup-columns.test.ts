import { describe, expect, it } from "vitest";
import type { RollupRow } from "../pipeline/types";
import {
  decodeRollup,
  encodeRollup,
  MEASURES,
  type NameColumn,
  type RollupColumns,
  rollupColumnsOf,
  rollupRows,
} from "../pipeline/rollup";
import { csv, run } from "../pipeline/__fixtures__/run";
import { compareText } from "../pipeline/strings";
import {
  type Grouped,
  groupAt,
  groupRollup,
  orderedIds,
  pageIds,
  type RollupFilters,
  sliceRollup,
} from "./rollup-columns";

/** every kept group as an object */
const groupsOf = (g: Grouped) => Array.from(g.ids, (id) => groupAt(g, id));

/** rows → columns → bytes → columns, as the worker writes them and the server reads them */
const columns = (rows: RollupRow[]) => decodeRollup(encodeRollup(rollupColumnsOf(rows)));

/** a small deterministic generator (mulberry32) */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rollup(cells: number, seed: number): RollupRow[] {
  const r = random(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)] as T;
  const months = ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03"];
  const regions = ["North", "South", "Zürich", "東京"];
  const categories = ["Audio", "Video", "Office"];
  const products = Array.from({ length: 40 }, (_, i) => `P${i} ${i % 7 === 0 ? "😀" : "\uFF21"}`);
  return Array.from({ length: cells }, () => {
    const quantity = 1 + Math.floor(r() * 9);
    const revenue = Math.round(r() * 1e7) / 100;
    return {
      month: pick(months),
      region: pick(regions),
      category: pick(categories),
      product: pick(products),
      revenue,
      profit: Math.round((r() - 0.3) * 1e5) / 100,
      quantity,
      transactions: 1 + Math.floor(r() * 3),
      discountRevenue: revenue * (r() < 0.5 ? 0 : 0.1),
      discountSum: r() < 0.5 ? 0 : 0.1,
    };
  });
}

/** what groupRollup must give: plain sums over the rows a filter keeps */
function naive(rows: RollupRow[], f: RollupFilters, by: NameColumn) {
  const kept = rows.filter(
    (c) =>
      (!f.from || c.month >= f.from) &&
      (!f.to || c.month <= f.to) &&
      (!f.region?.length || f.region.includes(c.region)) &&
      (!f.category?.length || f.category.includes(c.category)) &&
      (!f.product?.length || f.product.includes(c.product)),
  );
  const groups = new Map<string, { sums: Record<string, number>; tx: Map<string, number> }>();
  for (const c of kept) {
    const g = groups.get(c[by]) ?? { sums: Object.fromEntries(MEASURES.map((m) => [m, 0])), tx: new Map() };
    for (const m of MEASURES) g.sums[m] = (g.sums[m] as number) + c[m];
    g.tx.set(c.category, (g.tx.get(c.category) ?? 0) + c.transactions);
    groups.set(c[by], g);
  }
  const totals = Object.fromEntries(MEASURES.map((m) => [m, kept.reduce((s, c) => s + c[m], 0)]));
  return { groups, totals };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe("rollup columns", () => {
  const rows = rollup(3000, 7);

  it("come back from their bytes as the rows went in, from any offset in a buffer", () => {
    const bytes = encodeRollup(rollupColumnsOf(rows));
    // as a small Buffer from Node's pool can be: not on an 8-byte boundary
    const shifted = new Uint8Array(bytes.length + 3).subarray(3);
    shifted.set(bytes);
    for (const input of [bytes, shifted]) {
      const cols = decodeRollup(input);
      expect(cols.cells).toBe(rows.length);
      rows.forEach((row, i) => {
        for (const c of ["month", "region", "category", "product"] as const)
          expect(cols.names[c][cols.ids[c][i] as number]).toBe(row[c]);
        for (const m of MEASURES) expect(cols.values[m][i]).toBe(row[m]);
      });
    }
    expect(columns([]).cells).toBe(0);
    expect(rollupRows(columns(rows))).toEqual(rows);
  });

  it("refuse bytes that are not a whole rollup file, saying why", () => {
    const bytes = encodeRollup(rollupColumnsOf(rows));
    expect(() => decodeRollup(bytes.subarray(0, 10))).toThrow(/too short/);
    expect(() => decodeRollup(bytes.subarray(0, bytes.length - 8))).toThrow(/wrong length/);
    const other = bytes.slice();
    other[0] = (other[0] as number) ^ 1;
    expect(() => decodeRollup(other)).toThrow(/magic/);
    const version = bytes.slice();
    new Uint32Array(version.buffer, 4, 1)[0] = 99;
    expect(() => decodeRollup(version)).toThrow(/version 99/);
    // a product index past the names
    const cols = decodeRollup(bytes.slice());
    const bad = bytes.slice();
    const at = cols.ids.product.byteOffset;
    new Uint32Array(bad.buffer, at, 1)[0] = cols.names.product.length;
    expect(() => decodeRollup(bad)).toThrow(/product index out of range/);
  });

  it("sum each grouping under every kind of filter as the rows themselves do", () => {
    const cols = columns(rows);
    const filters: RollupFilters[] = [
      {},
      { from: "2023-12" },
      { to: "2024-01" },
      { from: "2023-12", to: "2024-02", region: ["Zürich", "東京"] },
      { category: ["Audio"] },
      { product: ["P1 \uFF21", "P7 😀", "not a product"] },
      { region: ["nowhere"] },
      { from: "2024-02", category: ["Video", "Office"], region: ["North"] },
    ];
    for (const f of filters)
      for (const by of ["month", "region", "category", "product"] as const) {
        const got = groupRollup(cols, f, by);
        const want = naive(rows, f, by);
        const label = `${by} ${JSON.stringify(f)}`;
        expect(
          groupsOf(got)
            .map((g) => g.key)
            .sort(),
          label,
        ).toEqual([...want.groups.keys()].sort());
        for (const m of MEASURES) expect(close(got.totals[m], want.totals[m] as number), label).toBe(true);
        for (const g of groupsOf(got)) {
          const w = want.groups.get(g.key);
          for (const m of MEASURES)
            expect(close(g.sums[m], w?.sums[m] as number), `${label} ${g.key} ${m}`).toBe(true);
          if (by !== "product") continue;
          // the category with the most transactions, ties to the first by name
          const best = [...(w?.tx ?? [])].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0];
          expect(g.category, label).toBe(best?.[0]);
        }
      }
  });

  it("answer from a slice as from the whole rollup, for requests that leave its summed-over columns alone", () => {
    const cols = columns(rows);
    const cases: [NameColumn[], NameColumn, RollupFilters][] = [
      [["month", "region", "category"], "month", {}],
      [["month", "region", "category"], "region", { from: "2023-12", category: ["Audio", "Video"] }],
      [["month", "region", "category"], "category", { region: ["東京"], to: "2024-02" }],
      [["product", "category"], "product", {}],
      [["product", "category"], "product", { category: ["Office"], product: ["P3 \uFF21", "P7 😀"] }],
      [["product", "category"], "category", {}],
    ];
    for (const [kept, by, f] of cases) {
      const slice = sliceRollup(cols, kept);
      const label = `${kept} ${by} ${JSON.stringify(f)}`;
      expect(slice.cells, label).toBeLessThan(cols.cells);
      const whole = groupRollup(cols, f, by);
      const part = groupRollup(slice, f, by);
      expect(
        groupsOf(part)
          .map((g) => g.key)
          .sort(),
        label,
      ).toEqual(
        groupsOf(whole)
          .map((g) => g.key)
          .sort(),
      );
      for (const m of MEASURES) expect(close(part.totals[m], whole.totals[m]), label).toBe(true);
      const want = new Map(groupsOf(whole).map((g) => [g.key, g]));
      for (const g of groupsOf(part)) {
        for (const m of MEASURES)
          expect(close(g.sums[m], want.get(g.key)?.sums[m] as number), label).toBe(true);
        expect(g.category, label).toBe(want.get(g.key)?.category);
      }
    }
  });

  it("slice alike by every kind of key: an array index, a number in a Map, and text past 2^53", () => {
    // 3 columns of 10 names: 1,000 keys (an array); of 1,000 names: 10^9 keys
    // (a Map); of 210,000 names: the product of the sizes passes 2^53 (text)
    for (const size of [10, 1000, 210_000]) {
      const big = Array.from({ length: size }, (_, i) => `n${i}`);
      const at = [0, size - 1, 0, size - 1, 5];
      const cols: RollupColumns = {
        cells: at.length,
        names: { month: big, region: big, category: big, product: ["A"] },
        ids: {
          month: Uint32Array.from(at),
          region: Uint32Array.from(at),
          category: Uint32Array.from(at),
          product: new Uint32Array(at.length),
        },
        values: Object.fromEntries(
          MEASURES.map((m) => [m, Float64Array.from(at, (_, i) => i + 1)]),
        ) as RollupColumns["values"],
        byteLength: 0,
      };
      const slice = sliceRollup(cols, ["month", "region", "category"]);
      expect(slice.cells, String(size)).toBe(3);
      const got = groupsOf(groupRollup(slice, {}, "month")).map((g) => [g.key, g.sums.revenue]);
      expect(got.sort(), String(size)).toEqual(
        [
          ["n0", 1 + 3],
          [`n${size - 1}`, 2 + 4],
          ["n5", 5],
        ].sort(),
      );
    }
  });

  it("sum only the measures asked for", () => {
    const cols = columns(rows);
    const got = groupRollup(cols, {}, "region", ["revenue", "transactions"]);
    expect(got.totals.profit).toBe(0);
    expect(got.totals.discountSum).toBe(0);
    expect(close(got.totals.revenue, naive(rows, {}, "region").totals.revenue as number)).toBe(true);
    for (const g of groupsOf(got)) expect(g.sums.quantity).toBe(0);
  });

  it("give a product's category by transactions, a tie to the first name", () => {
    const cell = (category: string, transactions: number): RollupRow => ({
      month: "2024-01",
      region: "North",
      category,
      product: "Lamp",
      revenue: 10,
      profit: 0,
      quantity: 1,
      transactions,
      discountRevenue: 0,
      discountSum: 0,
    });
    const cols = columns([cell("Zeta", 2), cell("Home", 1), cell("Alpha", 1), cell("Home", 1)]);
    // Home 1 + 1 ties Zeta's 2: the first name goes
    expect(groupsOf(groupRollup(cols, {}, "product"))[0]?.category).toBe("Home");
    expect(groupsOf(groupRollup(cols, { category: ["Alpha", "Zeta"] }, "product"))[0]?.category).toBe("Zeta");
    expect(groupsOf(groupRollup(cols, { category: ["Alpha", "Home"] }, "product"))[0]?.category).toBe("Home");
  });

  it("sum without losing what a running sum of doubles drops", () => {
    // next to 1e16 a double has no room for 1: a plain running sum ends at 0
    const values = [1e16, ...Array.from({ length: 1000 }, () => 1), -1e16];
    const cells = values.map((revenue) => ({ ...(rows[0] as RollupRow), revenue }));
    expect(values.reduce((s, v) => s + v, 0)).toBe(0);
    const cols = columns(cells);
    expect(groupRollup(cols, {}, "month").totals.revenue).toBe(1000);
    expect(groupsOf(groupRollup(cols, {}, "region"))[0]?.sums.revenue).toBe(1000);
  });
});

describe("text order", () => {
  it("is code point order, as UTF-8 bytes and SQLite compare", () => {
    const words = ["b", "a", "ab", "", "\uFF21", "😀", "\uE000", "Z", "é"];
    const bytes = (s: string) => Buffer.from(s, "utf8");
    const want = [...words].sort((a, b) => Buffer.compare(bytes(a), bytes(b)));
    expect([...words].sort(compareText)).toEqual(want);
    // where UTF-16 order differs
    expect("😀" < "\uFF21").toBe(true);
    expect(compareText("😀", "\uFF21")).toBeGreaterThan(0);
  });

  it("picks a page's first groups as a whole sort would, ties included", () => {
    // 400 regions, their revenues from 20 values: many ties, broken by name
    const r = random(3);
    const cells: RollupRow[] = Array.from({ length: 2000 }, (_, i) => ({
      month: "2024-01",
      region: `R${i % 400}`,
      category: "C",
      product: "P",
      revenue: (i < 400 ? 1 + Math.floor(r() * 20) : 0) * 10,
      profit: 0,
      quantity: 1,
      transactions: 1,
      discountRevenue: 0,
      discountSum: 0,
    }));
    const g = groupRollup(columns(cells), {}, "region");
    const all = Array.from(orderedIds(g, "revenue"));
    expect(all).toHaveLength(400);
    for (const count of [0, 1, 7, 25, 49, 50, 51, 399, 400, 1000])
      expect(Array.from(orderedIds(g, "revenue", count)), String(count)).toEqual(all.slice(0, count));
  });

  it("ranks products and picks their category as the job's own products.csv does", () => {
    // two products of equal revenue, each sold in two categories with as many
    // transactions: names where code point order and UTF-16 order differ
    const result = run(
      csv([
        "1,2024-01-05,\uFF21 Lamp,😀 Gifts,North,1,10,0",
        "2,2024-01-06,\uFF21 Lamp,\uFF21 Office,North,1,10,0",
        "3,2024-01-07,😀 Lamp,😀 Gifts,North,1,10,0",
        "4,2024-01-08,😀 Lamp,\uFF21 Office,North,1,10,0",
      ]),
    );
    const g = groupRollup(result.rollup, {}, "product");
    const dashboard = Array.from(orderedIds(g, "revenue"), (id) => [g.names[id], g.category?.[id]]);
    expect(dashboard).toEqual([
      ["\uFF21 Lamp", "\uFF21 Office"],
      ["😀 Lamp", "\uFF21 Office"],
    ]);
    expect(result.products.map((p) => [p.product, p.category])).toEqual(dashboard);
  });

  it("picks each product's category when products × categories pass 2^31 (pairs in a hashed table)", () => {
    // 50,000 products and 50,000 categories: 2.5 billion possible pairs, 50,001 used
    const cell = (product: string, category: string, transactions: number): RollupRow => ({
      month: "2024-01",
      region: "R",
      category,
      product,
      revenue: transactions,
      profit: 0,
      quantity: 1,
      transactions,
      discountRevenue: 0,
      discountSum: 0,
    });
    const cells = Array.from({ length: 50_000 }, (_, i) => cell(`P${i}`, `C${i}`, 1));
    // the last product also sells in the first category, more often
    cells.push(cell("P49999", "C0", 3));
    const g = groupRollup(columns(cells), {}, "product");
    const categoryOf = (name: string) => g.category?.[g.names.indexOf(name)];
    expect(categoryOf("P0")).toBe("C0");
    expect(categoryOf("P31337")).toBe("C31337");
    expect(categoryOf("P49999")).toBe("C0");
  });

  it("gives any page as the whole order has it, ties and unicode names included (pageIds)", () => {
    // 3,000 products, revenues from 40 values: many ties across page edges; some names past U+FFFF
    const r = random(5);
    const names = Array.from({ length: 3000 }, (_, i) =>
      i % 7 === 0 ? `😀 P${i}` : i % 11 === 0 ? `\uFF21 P${i}` : `P${i}`,
    );
    const cells: RollupRow[] = names.map((product) => ({
      month: "2024-01",
      region: "R",
      category: "C",
      product,
      revenue: (1 + Math.floor(r() * 40)) * 10,
      profit: 0,
      quantity: 1,
      transactions: 1,
      discountRevenue: 0,
      discountSum: 0,
    }));
    // a region filter that keeps about half of them
    cells.forEach((c, i) => {
      if (i % 2 === 1) c.region = "S";
    });
    for (const f of [{}, { region: ["S"] }]) {
      const g = groupRollup(columns(cells), f, "product");
      for (const order of ["revenue", "name"] as const) {
        const all = Array.from(orderedIds(g, order));
        for (const [offset, limit] of [
          [0, 25],
          [25, 25],
          [100, 50],
          [1400, 25],
          [1490, 25],
          [2975, 25],
          [2990, 50],
          [0, 3000],
          [5000, 25],
        ] as const)
          expect(
            Array.from(pageIds(g, order, offset, limit)),
            `${order} ${offset} ${limit} ${JSON.stringify(f)}`,
          ).toEqual(all.slice(offset, offset + limit));
      }
    }
  });

  it("ranks by revenue, then by name, or by name alone", () => {
    const cell = (region: string, revenue: number): RollupRow => ({
      month: "2024-01",
      region,
      category: "C",
      product: "P",
      revenue,
      profit: 0,
      quantity: 1,
      transactions: 1,
      discountRevenue: 0,
      discountSum: 0,
    });
    const g = groupRollup(
      columns([cell("b", 5), cell("a", 5), cell("c", 9), cell("😀", 1), cell("\uFF21", 1)]),
      {},
      "region",
    );
    const names = (ids: Int32Array) => Array.from(ids, (id) => g.names[id]);
    expect(names(orderedIds(g, "revenue"))).toEqual(["c", "a", "b", "\uFF21", "😀"]);
    expect(names(orderedIds(g, "name"))).toEqual(["a", "b", "c", "\uFF21", "😀"]);
  });
});
