// The rows the core keeps for the anomaly list: whatever order rows come in,
// with lists cut back now and then and rows below a rising threshold dropped,
// each list ends with exactly the best k of the rows it was offered, ties
// ranked by content, every row read back as it went in.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BY_DISCOUNT, BY_REVENUE, CandidatePool } from "./candidates";
import { type Candidate, compareContent } from "./state";

const enc = new TextEncoder();

const candidate = fc.record({
  group: fc.constant(0),
  region: fc.integer({ min: 0, max: 3 }),
  category: fc.integer({ min: 0, max: 3 }),
  line: fc.constant(0),
  revenue: fc.integer({ min: 0, max: 12 }),
  discount: fc.constantFrom(0, 0.5, 0.6),
  date: fc.constantFrom(20240101, 20240102),
  quantity: fc.integer({ min: 1, max: 2 }),
  unitPrice: fc.option(fc.constantFrom(1, 2.5), { nil: null }),
  // ASCII ids kept as bytes, and ones that are not: long, non-ASCII, with inner spaces
  orderId: fc.constantFrom("", "A1", "A2", "B-7", "ORD-0000000000000000000000001", "Ü1", "X 1"),
});

const ops = fc.array(
  fc.oneof(
    {
      weight: 9,
      arbitrary: fc.record({ kind: fc.constant("row" as const), c: candidate, quoted: fc.boolean() }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant("threshold" as const), thr: fc.integer({ min: 0, max: 8 }) }),
    },
  ),
  { maxLength: 120 },
);

/** greatest first by value, then by content: the order the final list ranks rows in */
function best(rows: Candidate[], value: (c: Candidate) => number, k: number): Candidate[] {
  return [...rows].sort((a, b) => value(b) - value(a) || compareContent(a, b)).slice(0, k);
}

const byLine = (a: Candidate, b: Candidate) => a.line - b.line;

describe("CandidatePool", () => {
  it("ends each list with the best k rows it was offered, as the core offers them", () => {
    fc.assert(
      fc.property(ops, fc.integer({ min: 1, max: 4 }), (script, k) => {
        const pool = new CandidatePool();
        const rev: number[] = [];
        const disc: number[] = [];
        let revBar = Number.NEGATIVE_INFINITY;
        let discBar = Number.NEGATIVE_INFINITY;
        let threshold = 0;
        // what each list was offered (the model): every row above the threshold by revenue, every high discount
        let wantRev: Candidate[] = [];
        const wantDisc: Candidate[] = [];
        let line = 2;
        for (const op of script) {
          if (op.kind === "threshold") {
            if (op.thr <= threshold) continue;
            threshold = op.thr;
            const before = rev.map((s) => pool.revenueOf(s));
            const dropped = pool.dropRevenueAtOrBelow(rev, threshold);
            // the largest revenue the list let go of
            expect(dropped).toBe(Math.max(Number.NEGATIVE_INFINITY, ...before.filter((r) => r <= threshold)));
            // the bar holds only while the list still has k rows
            if (rev.length < k) revBar = Number.NEGATIVE_INFINITY;
            wantRev = wantRev.filter((c) => c.revenue > threshold);
            continue;
          }
          const c = { ...op.c, line: line++ };
          const inRev = c.revenue > threshold;
          const inDisc = c.discount >= 0.5;
          if (inRev) wantRev.push(c);
          if (inDisc) wantDisc.push(c);
          const takeRev = inRev && c.revenue >= revBar;
          const takeDisc = inDisc && c.discount >= discBar;
          if (!takeRev && !takeDisc) continue;
          // the id as the cell's bytes with spaces around, or (quoted) as text only
          const bytes = enc.encode(`  ${c.orderId} `);
          const s = pool.add(
            c.group,
            c.region,
            c.category,
            c.line,
            c.revenue,
            c.discount,
            c.date,
            c.quantity,
            c.unitPrice,
            bytes,
            0,
            op.quoted ? -1 : bytes.length,
          );
          if (pool.needsOrderId(s)) pool.setOrderId(s, c.orderId);
          if (takeRev) pool.push(rev, s);
          if (takeDisc) pool.push(disc, s);
          if (rev.length >= 2 * k) revBar = pool.keepBest(rev, BY_REVENUE, k);
          if (disc.length >= 2 * k) discBar = pool.keepBest(disc, BY_DISCOUNT, k);
        }
        pool.keepBest(rev, BY_REVENUE, k);
        pool.keepBest(disc, BY_DISCOUNT, k);
        const got = (list: number[]) => list.map((s) => pool.candidate(s)).sort(byLine);
        expect(got(rev)).toEqual(best(wantRev, (c) => c.revenue, k).sort(byLine));
        expect(got(disc)).toEqual(best(wantDisc, (c) => c.discount, k).sort(byLine));
      }),
      { numRuns: 400 },
    );
  });

  it("a row in both lists stays whole when one list's cut lets it go", () => {
    const pool = new CandidatePool();
    const rev: number[] = [];
    const disc: number[] = [];
    const bytes = enc.encode("ORD-1ORD-2ORD-3");
    const add = (line: number, revenue: number, at: number) =>
      pool.add(0, 0, 0, line, revenue, 0.6, 20240101, 1, null, bytes, at, at + 5);
    const a = add(2, 5, 0);
    pool.push(rev, a);
    const b = add(3, 9, 5);
    pool.push(rev, b);
    pool.push(disc, b);
    // the cut keeps b and lets a go; the next row takes a's slot, not b's
    pool.keepBest(rev, BY_REVENUE, 1);
    const c = add(4, 7, 10);
    pool.push(disc, c);
    expect(pool.candidate(b)).toMatchObject({ line: 3, revenue: 9, orderId: "ORD-2" });
    expect(pool.candidate(c)).toMatchObject({ line: 4, revenue: 7, orderId: "ORD-3" });
    expect(rev.map((s) => pool.candidate(s).line)).toEqual([3]);
    expect(disc.map((s) => pool.candidate(s).line).sort()).toEqual([3, 4]);
  });
});
