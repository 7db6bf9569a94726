// The bounded heap the dashboard picks a page of groups with: what it keeps.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { heapOffer } from "./arrays";

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
