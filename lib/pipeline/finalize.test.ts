// Anomaly fences of SPEC §6, through the whole core. Quartiles are the exact
// linear-interpolation ones for these small groups; fences are worked out by hand.
import { describe, expect, it } from "vitest";
import { csv, run } from "./__fixtures__/run";
import { Pipeline } from "./core";
import { type Fences, fourDecimalShares, topAnomalies } from "./finalize";
import { datasetCsv } from "./outputs";
import { rollupRows } from "./rollup";
import type { Candidate } from "./state";

const H = "sale_date,product,quantity,revenue,discount";
const rows_ = (n: number, product: string, revenue: number, discount = 0) =>
  Array.from({ length: n }, () => `2024-01-15,${product},1,${revenue},${discount}`);

describe("revenue fences", () => {
  // Names are far apart on purpose: one-letter names would typo-merge (§4).
  // A: 19 × 100 + 1 × 1000 → own fence Q1 = Q3 = 100 → 100
  // B: 18 × 10 + 1 × 50 (19 rows) → the global fence, though its own would be 10
  // C: 1 × 400 → the global fence
  // all 40: 18×10, 50, 19×100, 400, 1000 → Q1 = 10, Q3 = 100 → 100 + 3 × 90 = 370
  const base = [
    ...rows_(19, "Alpha Widget", 100),
    ...rows_(18, "Beta Gear", 10),
    "2024-01-15,Beta Gear,1,50,0",
    "2024-01-15,Crown Lamp,1,400,0",
  ];

  it("a product with ≥ 20 rows uses its own Q3 + 3·IQR, fewer rows use the global fence", () => {
    const out = run(csv([...base, "2024-02-20,Alpha Widget,1,1000,0"], H));
    expect(out.anomalies.map((a) => [a.line, a.product, a.revenue, a.score])).toEqual([
      [41, "Alpha Widget", 1000, 10],
      [40, "Crown Lamp", 400, 400 / 370],
    ]);
    expect(out.anomalies[0]?.reason).toBe("revenue 1,000.00 is 10.0× the usual ceiling for Alpha Widget");
    expect(out.anomalies[1]?.reason).toBe("revenue 400.00 is 1.1× the usual ceiling for Crown Lamp");
    expect(out.anomalies[0]).toMatchObject({
      saleDate: "2024-02-20",
      region: "Unknown",
      quantity: 1,
      discount: 0,
    });
    expect(out.summary.anomalies).toBe(2);
  });

  it("at 20 rows a product switches to its own fence", () => {
    // B: 19 × 10 + 1 × 50 → own fence 10 → 50 is 5× it
    const out = run(csv([...base, "2024-01-15,Beta Gear,1,10,0", "2024-02-20,Alpha Widget,1,1000,0"], H));
    expect(out.anomalies.map((a) => [a.product, a.revenue, a.score])).toEqual([
      ["Alpha Widget", 1000, 10],
      ["Beta Gear", 50, 5],
      // 41 values: 19×10, 50, 19×100, 400, 1000 → Q1 = 10, Q3 = 100 → 370
      ["Crown Lamp", 400, 400 / 370],
    ]);
  });

  it("the fence belongs to the product after aliases: 19 + 1 aliased rows make 20", () => {
    // Gadget 18 × 10 + 1 × 50, Gizmo X 1 × 10, Z 10 × 100
    // global (30): 19×10, 50, 10×100 → Q1 = 10, Q3 = 100 → 370
    const text = csv(
      [
        ...rows_(18, "Gadget", 10),
        "2024-01-15,Gadget,1,50,0",
        "2024-01-15,Gizmo X,1,10,0",
        ...rows_(10, "Zenith Hub", 100),
      ],
      H,
    );
    expect(run(text).anomalies).toEqual([]);
    const aliased = run(text, { aliases: { "gizmo x": "Gadget" } });
    expect(aliased.anomalies.map((a) => [a.product, a.revenue, a.score])).toEqual([["Gadget", 50, 5]]);
  });

  it("is order-independent", () => {
    const all = [...base, "2024-01-15,Beta Gear,1,10,0", "2024-02-20,Alpha Widget,1,1000,0"];
    const fwd = run(csv(all, H)).anomalies.map(({ line: _, ...a }) => a);
    const rev = run(csv([...all].reverse(), H)).anomalies.map(({ line: _, ...a }) => a);
    expect(rev).toEqual(fwd);
    expect(fwd).toHaveLength(3);
  });
});

describe("unusual discounts", () => {
  it("flags discount ≥ 0.5 on a product whose median discount is < 0.2, only there", () => {
    const out = run(
      csv(
        [
          // D: median 0 → the 0.5 row is flagged, 0.49 is not
          ...rows_(18, "Delta Phone", 10),
          "2024-01-15,Delta Phone,1,10,0.49",
          "2024-01-15,Delta Phone,1,10,0.5", // line 21
          // E: 9 × 0, 10 × 0.3, 1 × 0.5 → median 0.3 → nothing flagged
          ...rows_(9, "Echo Speaker", 10),
          ...rows_(10, "Echo Speaker", 10, 0.3),
          "2024-01-15,Echo Speaker,1,10,0.5",
        ],
        H,
      ),
    );
    expect(out.anomalies).toHaveLength(1);
    expect(out.anomalies[0]).toMatchObject({ line: 21, product: "Delta Phone", discount: 0.5, revenue: 10 });
    expect(out.anomalies[0]?.reason).toBe(
      "unusual discount: 50% on Delta Phone, whose median discount is under 20%",
    );
    expect(out.summary.anomalies).toBe(1);
  });

  it("bug: an even count split at 0.2 uses the lower middle value, not the median", () => {
    // 10 × 0.1 and 10 × 0.5: the median is (0.1 + 0.5) / 2 = 0.3, not under 0.2 → nothing unusual
    const out = run(csv([...rows_(10, "Delta Phone", 10, 0.1), ...rows_(10, "Delta Phone", 10, 0.5)], H));
    expect(out.summary.anomalies).toBe(0);
    // 10 × 0.1, 9 × 0.25, 1 × 0.5: the median is (0.1 + 0.25) / 2 = 0.175 → the 0.5 row is unusual
    const low = run(
      csv(
        [
          ...rows_(10, "Delta Phone", 10, 0.1),
          ...rows_(9, "Delta Phone", 10, 0.25),
          ...rows_(1, "Delta Phone", 10, 0.5),
        ],
        H,
      ),
    );
    expect(low.anomalies.map((a) => [a.line, a.discount])).toEqual([[21, 0.5]]);
  });

  it("lists at most 1,000 rows, strongest first, and counts them all", () => {
    const out = run(
      csv(
        [
          "2024-01-15,Prism Watch,1,1000,0", // line 2: 100× the fence of 10
          ...rows_(2500, "Prism Watch", 10), // lines 3–2502
          ...rows_(1100, "Prism Watch", 10, 0.6), // lines 2503–3602: unusual discount
        ],
        H,
      ),
    );
    expect(out.summary.anomalies).toBe(1101);
    expect(out.anomalies).toHaveLength(1000);
    expect(out.anomalies[0]).toMatchObject({ line: 2, revenue: 1000 });
    // 3,601 values: the sketch's quartiles are within 1% of the fence of 10
    expect(out.anomalies[0]?.score).toBeGreaterThan(99);
    expect(out.anomalies[0]?.score).toBeLessThan(101);
    // equal scores go by line
    expect(out.anomalies.slice(1).map((a) => a.line)).toEqual(
      Array.from({ length: 999 }, (_, i) => 2503 + i),
    );
  });
});

describe("the listed anomalies", () => {
  it("are the first 1,000 of all flagged rows sorted by score, then content, with many ties at the cut", () => {
    // two products (fences 10 and 20); revenues from a small set, so scores tie a lot
    const fences = {
      byKeyGroup: Float64Array.from([10, 20]),
      discountByKeyGroup: Uint8Array.from([1, 0]),
      candidatesComplete: true,
      incomplete: new Uint8Array(2),
    } as Fences;
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const candidates: Candidate[] = Array.from({ length: 4000 }, (_, i) => ({
      group: next() < 0.5 ? 0 : 1,
      region: 0,
      category: 0,
      line: i + 2,
      revenue: [5, 30, 40, 60, 80][Math.floor(next() * 5)] as number,
      discount: next() < 0.2 ? 0.6 : 0,
      date: 20240101 + Math.floor(next() * 3),
      quantity: 1,
      unitPrice: null,
      orderId: `O${Math.floor(next() * 50)}`,
    }));
    const score = (c: Candidate) => {
      const fence = fences.byKeyGroup[c.group] as number;
      const rev = c.revenue > fence ? c.revenue / fence : 0;
      return Math.max(
        rev,
        fences.discountByKeyGroup[c.group] === 1 && c.discount >= 0.5 ? c.discount / 0.2 : 0,
      );
    };
    const naive = candidates
      .filter((c) => score(c) > 0)
      .sort(
        (a, b) =>
          score(b) - score(a) ||
          (a.orderId !== b.orderId ? (a.orderId < b.orderId ? -1 : 1) : a.date - b.date || a.line - b.line),
      )
      .slice(0, 1000);
    expect(candidates.filter((c) => score(c) > 0).length).toBeGreaterThan(2000);
    expect(topAnomalies(candidates, fences).map((c) => c.line)).toEqual(naive.map((c) => c.line));
  });
});

describe("the second pass for anomalies", () => {
  it("finds rows below a retention threshold once a merge lowers the fence", () => {
    // "Desk Lampp" (37 rows) raises its own retention threshold at 32 rows of 1000
    // (fence 1000 → threshold 500); its 5 rows of 100 are not kept. The typo merge
    // into "Desk Lamp" (400 × 10) makes the fence ≈ 10, so all 37 rows are anomalies:
    // only a second pass can list the 5 rows of 100.
    const rows = [
      ...rows_(32, "Desk Lampp", 1000), // lines 2–33
      ...rows_(5, "Desk Lampp", 100), // lines 34–38
      ...rows_(400, "Desk Lamp", 10),
      "2024-01-15,Desk Lamp,0,10,0", // line 439: rejected once, not again by the second pass
    ];
    // the pass itself says it needs the second one
    const pass = new Pipeline({ fuzzy: true });
    pass.push(new TextEncoder().encode(csv(rows, H)));
    expect(pass.end()).toBe(true);
    const out = run(csv(rows, H)); // runBytes does the second pass
    expect(out.products.map((p) => [p.product, p.transactions])).toEqual([["Desk Lamp", 437]]);
    expect(out.summary.anomalies).toBe(37);
    expect(out.anomalies.map((a) => [a.line, a.revenue])).toEqual([
      ...Array.from({ length: 32 }, (_, i) => [2 + i, 1000]),
      ...Array.from({ length: 5 }, (_, i) => [34 + i, 100]),
    ]);
    expect(out.anomalies.every((a) => a.product === "Desk Lamp")).toBe(true);
    expect(out.rejected).toEqual([
      { line: 439, reason: "non_positive_quantity", raw: "2024-01-15,Desk Lamp,0,10,0" },
    ]);
    expect(out.summary).toMatchObject({ rowsRead: 438, rowsValid: 437, rowsRejected: 1 });
    // the second pass reads past an Excel sep= line too: every line one further down
    const sep = run(`sep=,\n${csv(rows, H)}`);
    expect(sep.anomalies.map((a) => [a.line, a.revenue])).toEqual(
      out.anomalies.map((a) => [a.line + 1, a.revenue]),
    );
    expect(sep.rejected.map((r) => r.line)).toEqual([440]);
    expect(sep.summary).toMatchObject({ rowsRead: 438, rowsValid: 437, anomalies: 37 });
  });
});

describe("many young products", () => {
  // 300 products of 20–45 rows (prices 5–803, quantities 1–5), six of them with
  // a row 40× their price, and "Penny Widget" (price 2) with a row of 60. Past
  // `youngFloorAt` retained values, a product under 32 rows keeps only rows
  // above half the fence over all rows (~2,400): Penny Widget's 60 is left
  // out, and its own fence (~20) is below it, so the pass asks for the second
  // one. The result is the same as when every row was kept.
  const rows: string[] = [];
  for (let k = 1; k <= 300; k++) {
    const price = 5 + ((k * 37) % 400) * 2;
    const name = `Item ${String(k).padStart(4, "0")}`;
    for (let j = 0; j < 20 + (k % 26); j++) {
      const q = 1 + ((j * 7 + k) % 5);
      rows.push(`2024-0${1 + (j % 9)}-1${k % 9},${name},${q},${price * q},0`);
    }
    if (k % 50 === 7) rows.push(`2024-03-03,${name},40,${price * 40},0`);
  }
  // shuffled (a fixed permutation), Penny Widget's rows last: the floor is up by then
  const shuffled = rows.map((r, i) => [(i * 7919) % rows.length, r] as const).sort((a, b) => a[0] - b[0]);
  const penny = Array.from(
    { length: 30 },
    (_, j) => `2024-05-05,Penny Widget,${1 + (j % 5)},${2 * (1 + (j % 5))},0`,
  );
  const text = csv([...shuffled.map(([, r]) => r), ...penny, "2024-05-06,Penny Widget,30,60,0"], H);

  const pass = (youngFloorAt?: number) => {
    const p = new Pipeline({ fuzzy: true }, undefined, youngFloorAt === undefined ? {} : { youngFloorAt });
    const bytes = new TextEncoder().encode(text);
    p.push(bytes);
    const second = p.end();
    if (second) {
      p.beginRescan();
      p.push(bytes);
      p.end();
    }
    return { second, out: p.result() };
  };

  it("keep fewer rows past a budget and still list every anomaly", () => {
    const all = pass();
    const floored = pass(300);
    expect(all.second).toBe(false);
    expect(floored.second).toBe(true);
    const shown = (o: typeof all.out) => o.anomalies.map((a) => [a.line, a.product, a.revenue, a.score]);
    expect(shown(floored.out)).toEqual(shown(all.out));
    expect(floored.out.summary.anomalies).toBe(all.out.summary.anomalies);
    expect(all.out.anomalies.map((a) => a.product)).toContain("Penny Widget");
    expect(all.out.summary.anomalies).toBe(7);
  });
});

describe("anomaly reasons", () => {
  it("a multiplier of 100 or more is a whole number with thousands separators", () => {
    const out = run(csv([...rows_(40, "Alpha Widget", 10), "2024-02-20,Alpha Widget,1,25000000,0"], H));
    expect(out.anomalies[0]?.reason).toBe(
      "revenue 25,000,000.00 is 2,500,000× the usual ceiling for Alpha Widget",
    );
  });
});

describe("no second pass when nothing was left out", () => {
  it("a threshold above the final fence needs no second pass when no row of the group lies between them", () => {
    // as above, but "Desk Lampp" has no rows of 100: nothing between the merged
    // fence (≈ 10) and its threshold (500) was dropped, so the pass is complete
    const rows = [...rows_(37, "Desk Lampp", 1000), ...rows_(400, "Desk Lamp", 10)];
    const pass = new Pipeline({ fuzzy: true });
    pass.push(new TextEncoder().encode(csv(rows, H)));
    expect(pass.end()).toBe(false);
    const out = pass.result();
    expect(out.summary.anomalies).toBe(37);
    expect(out.anomalies.map((a) => [a.line, a.revenue, a.product])).toEqual(
      Array.from({ length: 37 }, (_, i) => [2 + i, 1000, "Desk Lamp"]),
    );
  });
});

describe("a product's category", () => {
  it("is the one with the most transactions, not the most rollup cells, ties to the first by name", () => {
    const out = run(
      csv(
        [
          ...Array.from({ length: 5 }, () => "2024-01-15,Gadget,Zeta,North,1,10"),
          "2024-02-15,Gadget,Alpha,North,1,10",
          "2024-03-15,Gadget,Alpha,South,1,10",
          "2024-04-15,Gadget,Alpha,East,1,10",
          "2024-01-15,Widget,Yak,North,1,10",
          "2024-02-15,Widget,Beta,North,1,10",
        ],
        "sale_date,product,category,region,quantity,revenue",
      ),
    );
    expect(out.products.map((p) => [p.product, p.category])).toEqual([
      ["Gadget", "Zeta"],
      ["Widget", "Beta"],
    ]);
  });
});

describe("the rollup", () => {
  it("adds up to the datasets it feeds", () => {
    const out = run(
      csv(
        Array.from(
          { length: 120 },
          (_, i) =>
            `2024-0${1 + (i % 6)}-1${i % 9},P${i % 5},C${i % 3},R${i % 4},${(i * 13.7) % 97},${1 + (i % 4)},${(i % 5) / 10},${i % 7}`,
        ),
        "sale_date,product,category,region,revenue,quantity,discount,profit",
      ),
    );
    const sum = (
      key: "month" | "product" | "region" | "category",
      f: "revenue" | "quantity" | "transactions" | "profit",
    ) => {
      const m = new Map<string, number>();
      for (const r of rollupRows(out.rollup)) m.set(r[key], (m.get(r[key]) ?? 0) + r[f]);
      return m;
    };
    for (const f of ["revenue", "quantity", "transactions", "profit"] as const) {
      const months = sum("month", f);
      for (const m of out.monthly) expect(months.get(m.month)).toBeCloseTo(m[f] as number, 9);
      const products = sum("product", f);
      for (const p of out.products) expect(products.get(p.product)).toBeCloseTo(p[f] as number, 9);
      const regions = sum("region", f);
      for (const r of out.regions) expect(regions.get(r.region)).toBeCloseTo(r[f] as number, 9);
      const categories = sum("category", f);
      for (const c of out.categories) expect(categories.get(c.category)).toBeCloseTo(c[f] as number, 9);
    }
    expect(rollupRows(out.rollup).reduce((s, r) => s + r.revenue, 0)).toBeCloseTo(out.summary.revenue, 9);
    // avg discounts from the rollup's discount sums
    for (const c of out.categories) {
      const cells = rollupRows(out.rollup).filter((r) => r.category === c.category);
      const dr = cells.reduce((s, r) => s + r.discountRevenue, 0);
      expect(c.avgDiscount).toBeCloseTo(dr / c.revenue, 12);
    }
    for (const m of out.monthly) {
      const cells = rollupRows(out.rollup).filter((r) => r.month === m.month);
      const ds = cells.reduce((s, r) => s + r.discountSum, 0);
      expect(m.avgDiscount).toBeCloseTo(ds / m.transactions, 12);
    }
    expect(out.monthly).toHaveLength(6);
    expect(out.products).toHaveLength(5);
  });

  it("has one row per month, region, category and product: merged spellings' cells add up, the others stand alone", () => {
    const head = "sale_date,product,category,region,revenue,quantity";
    const rows = [
      // one product in two spellings the typo rule merges (10 rows and 1), and an aliased region
      ...Array.from(
        { length: 10 },
        (_, i) => `2024-03-0${1 + (i % 9)},Wireless Headphones,Audio,North,${10 + i},1`,
      ),
      "2024-03-15,wirless headphones,Audio,North,100,2",
      "2024-03-16,Wireless Headphones,Audio,Nord,5,1",
      // one spelling of a product, in a region and its alias
      "2024-03-04,Mug,Home,North,3,1",
      "2024-03-05,Mug,Home,Nord,4,1",
      // a product with no other spelling, in two months
      "2024-03-02,Desk Lamp,Home,South,7,1",
      "2024-03-03,Desk Lamp,Home,South,8,1",
      "2024-04-01,Desk Lamp,Home,South,9,3",
    ];
    const out = run(csv(rows, head), { aliases: { nord: "North" } });
    const rollup = rollupRows(out.rollup)
      .map((r) => [r.month, r.region, r.category, r.product, r.revenue, r.quantity, r.transactions])
      .sort((a, b) => String(a).localeCompare(String(b)));
    expect(rollup).toEqual([
      ["2024-03", "North", "Audio", "Wireless Headphones", 250, 13, 12],
      ["2024-03", "North", "Home", "Mug", 7, 2, 2],
      ["2024-03", "South", "Home", "Desk Lamp", 15, 2, 2],
      ["2024-04", "South", "Home", "Desk Lamp", 9, 3, 1],
    ]);
  });
});

describe("an anomaly's category", () => {
  it("is the category of its own row, whatever the product's other rows say", () => {
    const text = csv(
      [
        ...Array.from({ length: 30 }, () => "2024-01-15,Alpha Widget,Tools,1,10"),
        "2024-01-16,Alpha Widget,Garden,1,1000",
        "2024-01-17,Alpha Widget,,1,900",
      ],
      "sale_date,product,category,quantity,revenue",
    );
    for (const cut of [{}, { chunkSize: 64 }]) {
      const out = run(text, {}, cut);
      expect(out.anomalies.map((a) => [a.line, a.category])).toEqual([
        [32, "Garden"],
        [33, "Uncategorized"],
      ]);
    }
  });
});

describe("region shares (§5: they sum to 1, written with 4 decimals)", () => {
  const sumOf = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x * 10_000, 0));

  it("round to 4 decimals that add up to exactly 1, the largest cut getting the last ten-thousandth", () => {
    expect(fourDecimalShares([1, 1, 1])).toEqual([0.3334, 0.3333, 0.3333]);
    expect(fourDecimalShares([2, 1])).toEqual([0.6667, 0.3333]);
    expect(fourDecimalShares([0.5, 0.5])).toEqual([0.5, 0.5]);
    // plain rounding gives 0.1429 × 7 = 1.0003
    expect(sumOf(fourDecimalShares([1, 1, 1, 1, 1, 1, 1]))).toBe(10_000);
    expect(fourDecimalShares([5, 0])).toEqual([1, 0]);
    expect(fourDecimalShares([0, 0])).toEqual([0, 0]);
  });

  it("regions.csv shares sum to 1.0000 where plain rounding gave 0.9999", () => {
    const three = run(
      csv(
        ["North", "South", "East"].map((r) => `2024-01-15,W,1,10,${r}`),
        "sale_date,product,quantity,revenue,region",
      ),
    );
    const written = datasetCsv("regions.csv", three).trim().split("\n").slice(1);
    expect(written.map((l) => l.split(",").at(-1))).toEqual(["0.3334", "0.3333", "0.3333"]);
  });
});
