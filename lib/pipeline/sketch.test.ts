// Quartiles for the anomaly fences (SPEC §6): exact for small groups, ≤ 1%
// error past that, and independent of order and of how sketches are merged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csv, run } from "./__fixtures__/run";
import { EXACT_MAX, QuantileSketch } from "./sketch";

function sketchOf(values: number[]): QuantileSketch {
  const s = new QuantileSketch();
  for (const v of values) s.add(v);
  return s;
}

/** numpy's default (linear) quantile */
function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = q * (sorted.length - 1);
  const k = Math.floor(pos);
  const a = sorted[k] as number;
  const b = sorted[Math.min(k + 1, sorted.length - 1)] as number;
  return a + (b - a) * (pos - k);
}

describe("QuantileSketch", () => {
  it("is exact for small groups: linear interpolation like numpy", () => {
    const s = sketchOf([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]);
    expect(s.quantile(0.25)).toBe(3.25);
    expect(s.quantile(0.75)).toBe(7.75);
    expect(s.quantile(0)).toBe(1);
    expect(s.quantile(1)).toBe(10);
    expect(s.upperFence()).toBe(7.75 + 3 * 4.5);
    expect(sketchOf([5]).upperFence()).toBe(5);
    expect(new QuantileSketch().upperFence()).toBe(0);
  });

  it("stays within 1% of the exact quartiles past the exact range", () => {
    const values = Array.from({ length: 10_000 }, (_, i) => 1 + ((i * 7919) % 10_000) * 0.37);
    const s = sketchOf(values);
    for (const q of [0.25, 0.5, 0.75]) {
      const exact = exactQuantile(values, q);
      expect(Math.abs(s.quantile(q) - exact) / exact).toBeLessThan(0.01);
    }
    const withZeros = sketchOf([...Array(EXACT_MAX).fill(0), ...Array(EXACT_MAX).fill(50)]);
    expect(withZeros.quantile(0.25)).toBe(0);
    expect(Math.abs(withZeros.quantile(0.75) - 50) / 50).toBeLessThan(0.01);
  });

  it("gives the same fence whatever the order and however the values are split and merged", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1e6, noNaN: true })), {
          minLength: 1,
          maxLength: EXACT_MAX * 3,
        }),
        fc.nat(),
        fc.nat(),
        (values, cut, seed) => {
          const k = cut % (values.length + 1);
          const one = sketchOf(values);
          const a = sketchOf(values.slice(0, k));
          a.merge(sketchOf(values.slice(k)));
          const b = sketchOf(values.slice(k));
          b.merge(sketchOf(values.slice(0, k)));
          // a rotation of the input
          const r = seed % values.length;
          const rotated = sketchOf([...values.slice(r), ...values.slice(0, r)]);
          for (const s of [a, b, rotated]) {
            expect(s.n).toBe(values.length);
            expect(s.upperFence()).toBe(one.upperFence());
            expect(s.quantile(0.5)).toBe(one.quantile(0.5));
          }
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe("QuantileSketch bins", () => {
  it("grow to either side, or both at once in a merge, without changing a count", () => {
    // 2,000 values over nine orders of magnitude: far past the first bins upwards, downwards, or both
    const values = Array.from({ length: 2000 }, (_, i) => 1.5 ** (i % 50) * (1 + (i % 7) / 10) * 0.01);
    const up = sketchOf([...values].sort((a, b) => a - b));
    const down = sketchOf([...values].sort((a, b) => b - a));
    // a narrow sketch takes in two that lie below and above it
    const middle = sketchOf(values.filter((v) => v >= 1 && v < 10));
    middle.merge(sketchOf(values.filter((v) => v < 1)));
    middle.merge(sketchOf(values.filter((v) => v >= 10)));
    const mixed = sketchOf(values);
    for (const s of [down, middle, mixed]) {
      expect(s.n).toBe(up.n);
      for (const q of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) expect(s.quantile(q)).toBe(up.quantile(q));
    }
    for (const q of [0.25, 0.5, 0.75]) {
      const exact = exactQuantile(values, q);
      expect(Math.abs(up.quantile(q) - exact) / exact).toBeLessThan(0.01);
    }
  });
});

describe("bug: past the exact range equal values put the fence a hair below them and every row was an anomaly", () => {
  it("a bucket of equal values gives that value exactly", () => {
    for (const v of [10.05, 99.99, 1234.56, 0.07]) {
      const s = sketchOf(Array(EXACT_MAX + 36).fill(v));
      expect(s.quantile(0.25)).toBe(v);
      expect(s.quantile(0.75)).toBe(v);
      expect(s.upperFence()).toBe(v);
      // and after merging two such sketches
      const m = sketchOf(Array(EXACT_MAX - 60).fill(v));
      m.merge(sketchOf(Array(EXACT_MAX - 50).fill(v)));
      expect(m.upperFence()).toBe(v);
    }
  });

  it("rows of one product all at 99.99 are not anomalies", () => {
    const out = run(
      csv(
        Array.from({ length: EXACT_MAX + 36 }, () => "2024-01-15,Widget,1,99.99"),
        "sale_date,product,quantity,revenue",
      ),
    );
    expect(out.summary.anomalies).toBe(0);
    expect(out.anomalies).toEqual([]);
  });

  it("quartiles stay within the values seen", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1e5, noNaN: true }), {
          minLength: EXACT_MAX + 1,
          maxLength: EXACT_MAX * 3,
        }),
        (values) => {
          const s = sketchOf(values);
          const lo = Math.min(...values);
          const hi = Math.max(...values);
          for (const q of [0, 0.25, 0.5, 0.75, 1]) {
            const x = s.quantile(q);
            expect(x).toBeGreaterThanOrEqual(lo);
            expect(x).toBeLessThanOrEqual(hi);
          }
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });
});
