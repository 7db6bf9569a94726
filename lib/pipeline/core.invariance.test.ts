// Order and chunking never change a result (SPEC §5–6, STYLE 3): every split of
// a small input into two chunks, shuffled row order, and two Pipelines over two
// halves merged with mergeStates all give the one-pass result.
import { describe, expect, it } from "vitest";
import { observable, orderFree } from "./__fixtures__/compare";
import { records } from "./__fixtures__/mixed-records";
import { csv, run, SALES_HEADER } from "./__fixtures__/run";
import { Pipeline } from "./core";
import { finalize } from "./finalize";
import { rollupRows } from "./rollup";
import { mergeStates } from "./state";
import type { PipelineOptions, PipelineResult } from "./types";

const OPTIONS: PipelineOptions = { fuzzy: true };

/** small deterministic PRNG (mulberry32) */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function text(recs: string[], nl = "\r\n"): string {
  // a blank line and one lone-CR line ending, too
  return `${SALES_HEADER}${nl}${recs.slice(0, 3).join(nl)}${nl}${nl}${recs[3]}\r${recs.slice(4).join(nl)}${nl}`;
}

describe("chunking", () => {
  const input = new TextEncoder().encode(text(records()));
  const base = run(input);

  it("the sample exercises what it should", () => {
    // the checks below would be weak if the input lost its features
    expect(base.summary.rowsRejected).toBe(6);
    expect(base.summary.rowsValid).toBe(31);
    expect(base.summary.dayFirst).toBe(true);
    expect(base.summary.anomalies).toBeGreaterThanOrEqual(2);
    expect(base.cleaning.length).toBeGreaterThanOrEqual(3);
    expect(input.length).toBeGreaterThan(1500);
    const text = new TextDecoder().decode(input);
    expect(text).toMatch(/é/);
    expect(text).toMatch(/€/);
    expect(text).toMatch(/😀/);
    expect(text).toMatch(/\r\n/);
  });

  it("gives the same result for every split into two chunks (inside UTF-8 sequences and CRLF too)", () => {
    const expected = JSON.stringify({ ...observable(base), rejected: base.rejected });
    const mismatches: number[] = [];
    for (let k = 1; k < input.length; k++) {
      const out = run(input, {}, { splits: [k] });
      if (JSON.stringify({ ...observable(out), rejected: out.rejected }) !== expected) mismatches.push(k);
    }
    expect(mismatches).toEqual([]);
  }, 30_000);

  it("gives the same result for 1-byte, 2-byte and 7-byte chunks", () => {
    const expected = { ...observable(base), rejected: base.rejected };
    for (const chunkSize of [1, 2, 7]) {
      const out = run(input, {}, { chunkSize });
      expect({ ...observable(out), rejected: out.rejected }).toEqual(expected);
    }
  });
});

describe("chunking of a larger file", () => {
  it("gives the same result whatever the chunk size, across the core's internal decode pieces", () => {
    // ~250 KB: the mixed records over and over, so quoted CRLFs and multi-byte characters straddle every boundary
    const recs: string[] = [];
    for (let rep = 0; recs.length < 5000; rep++)
      for (const r of records()) recs.push(r.replace(/^([A-Z]\d+)/, `$1-${rep}`));
    const input = new TextEncoder().encode(text(recs));
    expect(input.length).toBeGreaterThan(200_000);
    const base = run(input);
    expect(base.summary.rowsRead).toBe(recs.length);
    const expected = JSON.stringify({ ...observable(base), rejected: base.rejected });
    for (const chunkSize of [65_536 + 7, 65_535, 9_973, 1_000_003]) {
      const out = run(input, {}, { chunkSize });
      expect(JSON.stringify({ ...observable(out), rejected: out.rejected }), `chunkSize ${chunkSize}`).toBe(
        expected,
      );
    }
  });
});

describe("chunking at the start of a file", () => {
  it("a UTF-8 BOM, a quoted multi-line header and a first row split anywhere", () => {
    const input = new TextEncoder().encode(
      '\uFEFF"order\r\nid",sale_date,product,quantity,unit_price\r\nA1,2024-01-05,Crème,2,€ 3\r\nA2,,x,1,1\r\n',
    );
    const base = run(input);
    expect(base.summary).toMatchObject({
      encoding: "utf-8",
      rowsValid: 1,
      revenue: 6,
      mapping: { order_id: "order\r\nid", sale_date: "sale_date" },
    });
    // the header spans lines 1–2
    expect(base.rejected).toEqual([{ line: 4, reason: "missing_date", raw: "A2,,x,1,1" }]);
    const expected = JSON.stringify({ ...observable(base), rejected: base.rejected });
    for (let k = 1; k < input.length; k++) {
      for (const splits of [[k], [1, k], [2, k], [k, k + 1]]) {
        const out = run(input, {}, { splits });
        expect(JSON.stringify({ ...observable(out), rejected: out.rejected }), `splits ${splits}`).toBe(
          expected,
        );
      }
    }
  });
});

describe("row order", () => {
  it("gives the same results and anomalies (but line numbers) for shuffled rows", () => {
    const recs = records();
    const base = run(text(recs));
    const expected = orderFree(base, base.rejected);
    for (let seed = 1; seed <= 30; seed++) {
      const next = rng(seed);
      const shuffled = [...recs];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
      }
      const out = run(text(shuffled));
      expect(orderFree(out, out.rejected)).toEqual(expected);
    }
  });

  it("sums discounts and fractional quantities to the same bits in any order or split", () => {
    // a plain running sum of these gives 2.05 or 2.0500000000000003 by order, and the mean
    // 0.25625 then rounds to 0.2563 or 0.2562 in monthly_sales.csv (found by a fuzzer)
    const discounts = [0.3, 0.05, 0.35, 0.05, 0.35, 0.3, 0.3, 0.35];
    const quantities = [0.1, 0.2, 0.3, 1.7, 0.1, 2.3, 0.6, 0.05];
    const rows = discounts.map((d, i) => `O${i},2024-01-15,Lamp,Lab,R,${quantities[i]},1,${d}`);
    const figures = (r: PipelineResult) =>
      JSON.stringify({ monthly: r.monthly, quantity: r.summary.quantity, rollup: rollupRows(r.rollup) });
    const base = run(csv(rows));
    expect(base.monthly).toHaveLength(1);
    const expected = figures(base);
    const orders = [[...rows].reverse(), [...rows].sort(), [...rows.slice(3), ...rows.slice(0, 3)]];
    for (let seed = 1; seed <= 20; seed++) {
      const next = rng(seed);
      orders.push([...rows].sort(() => next() - 0.5));
    }
    for (const order of orders) expect(figures(run(csv(order)))).toBe(expected);
    const pass = (part: string[]) => {
      const p = new Pipeline(OPTIONS);
      p.push(new TextEncoder().encode(csv(part)));
      expect(p.end()).toBe(false);
      return p.aggregateState();
    };
    for (let cut = 1; cut < rows.length; cut++) {
      const merged = finalize(mergeStates(pass(rows.slice(cut)), pass(rows.slice(0, cut))), OPTIONS, 0);
      expect(figures(merged)).toBe(expected);
    }
  });
});

describe("anomalies at the 1,000-row cap", () => {
  it("bug: which of the rows tied at the cut are listed depends on the row order", () => {
    // 1,100 unusual discounts, all with the same score (0.6 / 0.2), each row different
    const recs = [
      ...Array.from({ length: 1500 }, (_, i) => `N${i},2024-01-${10 + (i % 9)},Lamp,Lab,R${i % 4},1,10,0`),
      ...Array.from(
        { length: 1100 },
        (_, i) => `D${i},2024-02-${10 + (i % 9)},Lamp,Lab,R${i % 4},${1 + (i % 5)},10,0.6`,
      ),
    ];
    const base = run(text(recs));
    expect(base.summary.anomalies).toBe(1100);
    expect(base.anomalies).toHaveLength(1000);
    const reversed = run(text([...recs].reverse()));
    // the order ids listed (a short diff), then everything else
    const listed = (r: typeof base) => r.anomalies.map((a) => a.orderId).sort();
    expect(listed(reversed)).toEqual(listed(base));
    expect(orderFree(reversed)).toEqual(orderFree(base));
  });
});

describe("mergeStates with tied scores", () => {
  it("merges halves whose tied anomalies straddle the 1,000-row cut", () => {
    const half = (h: number) =>
      Array.from({ length: 1800 }, (_, i) =>
        i % 3 === 0
          ? `D${h}-${i},2024-02-${10 + (i % 9)},Lamp,Lab,R${i % 4},${1 + (i % 5)},10,0.6`
          : `N${h}-${i},2024-01-${10 + (i % 9)},Lamp,Lab,R${i % 4},1,10,0`,
      );
    const p = (rows: string[]) => {
      const x = new Pipeline({ fuzzy: true });
      x.push(new TextEncoder().encode(csv(rows)));
      expect(x.end()).toBe(false);
      return x;
    };
    const one = p([...half(0), ...half(1)]).result();
    // 2 × 600 unusual discounts, all with the score 0.6 / 0.2
    expect(one.summary.anomalies).toBe(1200);
    expect(one.anomalies).toHaveLength(1000);
    const merged = finalize(
      mergeStates(p(half(0)).aggregateState(), p(half(1)).aggregateState()),
      { fuzzy: true },
      0,
    );
    expect(orderFree(merged)).toEqual(orderFree(one));
  });
});

describe("mergeStates and the median discount", () => {
  it("decides the median over both halves", () => {
    const rows = (n: number, d: number) =>
      Array.from({ length: n }, (_, i) => `${d}-${i},2024-01-15,Lamp,Lab,R,1,10,${d}`);
    const p = (r: string[]) => {
      const x = new Pipeline({ fuzzy: true });
      x.push(new TextEncoder().encode(csv(r)));
      x.end();
      return x;
    };
    const merge = (a: string[], b: string[]) =>
      finalize(mergeStates(p(a).aggregateState(), p(b).aggregateState()), { fuzzy: true }, 0);
    // 10 × 0.1 | 10 × 0.5: median 0.3 → nothing unusual
    expect(merge(rows(10, 0.1), rows(10, 0.5)).summary.anomalies).toBe(0);
    expect(p([...rows(10, 0.1), ...rows(10, 0.5)]).result().summary.anomalies).toBe(0);
    // 10 × 0.1 | 9 × 0.25 + 1 × 0.5: median 0.175 → the 0.5 row is unusual
    const m = merge(rows(10, 0.1), [...rows(9, 0.25), ...rows(1, 0.5)]);
    expect(m.anomalies.map((a) => [a.orderId, a.discount])).toEqual([["0.5-0", 0.5]]);
  });
});

describe("mergeStates", () => {
  function pass(input: string): Pipeline {
    const p = new Pipeline(OPTIONS);
    p.push(new TextEncoder().encode(input));
    expect(p.end()).toBe(false);
    return p;
  }

  it("two Pipelines over two halves of the rows merge into the one-pass result", () => {
    const recs = records();
    const one = pass(csv(recs)).result();
    for (const cut of [1, 10, 20, 23, 30]) {
      const a = pass(csv(recs.slice(0, cut)));
      const b = pass(csv(recs.slice(cut)));
      const merged = finalize(mergeStates(a.aggregateState(), b.aggregateState()), OPTIONS, 0);
      expect(orderFree(merged)).toEqual(orderFree(one));
    }
  });

  it("merges halves with more than 1,000 anomalies between them", () => {
    // 2 × 2,000 rows; 700 unusual discounts per half (1,400 in all, every one a different
    // discount, so no two scores tie at the 1,000-row cut) and a few revenue outliers
    const half = (h: number) =>
      Array.from({ length: 2000 }, (_, i) => {
        const revenue = i % 401 === 3 ? 5000 + i + h : 20 + ((i + h) % 11);
        const disc = i % 20 < 7 ? (0.5 + (2 * i + h) / 10_000).toFixed(4) : "0.05";
        return `${h}-${i},2024-03-15,Prism Watch,Lab,R${i % 3},1,${revenue},${disc}`;
      });
    const one = pass(csv([...half(0), ...half(1)])).result();
    expect(one.summary.anomalies).toBeGreaterThan(1400);
    expect(one.anomalies).toHaveLength(1000);
    const merged = finalize(
      mergeStates(pass(csv(half(0))).aggregateState(), pass(csv(half(1))).aggregateState()),
      OPTIONS,
      0,
    );
    expect(merged.summary.anomalies).toBe(one.summary.anomalies);
    expect(orderFree(merged)).toEqual(orderFree(one));
  });

  it("merges halves past the exact sketch range and the retention thresholds", () => {
    // 2 × 300 rows of one product: revenue spread 10–39, a few outliers and unusual discounts in each half
    const half = (h: number) =>
      Array.from({ length: 300 }, (_, i) => {
        const revenue = i % 97 === 5 ? 900 + h * 50 + i : 10 + ((i * 7 + h) % 30);
        const disc = i % 53 === 7 ? "0.6" : "0.05";
        return `${h}-${i},2024-0${1 + (i % 9)}-15,Prism Watch,Lab,R${i % 3},1,${revenue},${disc}`;
      });
    const recs = [...half(0), ...half(1)];
    const one = pass(csv(recs)).result();
    expect(one.summary.anomalies).toBeGreaterThanOrEqual(10);
    const a = pass(csv(half(0)));
    const b = pass(csv(half(1)));
    const merged = finalize(mergeStates(a.aggregateState(), b.aggregateState()), OPTIONS, 0);
    expect(orderFree(merged)).toEqual(orderFree(one));
  });
});
