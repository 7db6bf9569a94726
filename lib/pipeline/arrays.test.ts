// The bounded heap the core keeps anomaly candidates in (and the dashboard
// picks a page of groups with): what it keeps, and a filter that leaves a heap.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { heapFilter, heapOffer } from "./arrays";

const less = (a: number, b: number) => a < b;

function isHeap(h: number[]): boolean {
  return h.every((x, i) => i === 0 || (h[(i - 1) >> 1] as number) <= x);
}

describe("heapOffer", () => {
  it("keeps the cap greatest items, the least of them first", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: 1, max: 20 }), (xs, cap) => {
        const h: number[] = [];
        for (const x of xs) heapOffer(h, x, less, cap);
        expect(isHeap(h)).toBe(true);
        const want = [...xs].sort((a, b) => b - a).slice(0, cap);
        expect([...h].sort((a, b) => b - a)).toEqual(want);
      }),
    );
  });
});

describe("heapFilter", () => {
  it("keeps exactly the items that pass, as a heap that goes on taking offers", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 })),
        fc.integer({ min: -60, max: 60 }),
        fc.array(fc.integer({ min: -50, max: 50 })),
        (xs, cut, more) => {
          const cap = 12;
          const h: number[] = [];
          for (const x of xs) heapOffer(h, x, less, cap);
          const kept = h.filter((x) => x > cut).sort((a, b) => a - b);
          heapFilter(h, (x) => x > cut, less);
          expect(isHeap(h)).toBe(true);
          expect([...h].sort((a, b) => a - b)).toEqual(kept);
          for (const x of more) heapOffer(h, x, less, cap);
          expect(isHeap(h)).toBe(true);
          expect([...h].sort((a, b) => b - a)).toEqual(
            [...kept, ...more].sort((a, b) => b - a).slice(0, cap),
          );
        },
      ),
    );
  });
});
