// Distinct order ids: the same id counts once however it came in (bytes of an
// unquoted cell, text of a quoted one, non-ASCII text), and past the exact
// limit the estimate is the one hashing every id's text would give.
import { describe, expect, it } from "vitest";
import { OrderIds } from "./orders";
import { hllAdd, newHll } from "./state";
import { hashSlice } from "./strings";
import { ORDER_SET_MAX } from "./types";

const enc = new TextEncoder();

function addAsBytes(o: OrderIds, id: string): void {
  const b = enc.encode(`  ,${id},x`);
  if (!o.addBytes(b, 3, b.length - 2)) o.addText(id);
}

describe("OrderIds", () => {
  it("counts each id once, whichever way it came in", () => {
    const o = new OrderIds();
    for (const id of ["CA-2024-1", "CA-2024-2", "Ünïcode-7", "CA-2024-1"]) addAsBytes(o, id);
    o.addText("CA-2024-2"); // a quoted cell's text
    o.addText("Ünïcode-7");
    o.addText('Say "hi"');
    addAsBytes(o, 'Say "hi"');
    expect(o.hll).toBeNull();
    expect([...(o.toSet() ?? [])].sort()).toEqual(["CA-2024-1", "CA-2024-2", 'Say "hi"', "Ünïcode-7"]);
  });

  it("keeps many ids exactly up to the limit (the table and pool grow)", () => {
    const o = new OrderIds();
    for (let r = 0; r < 2; r++) for (let i = 0; i < ORDER_SET_MAX; i++) addAsBytes(o, `ORD-${i}`);
    expect(o.toSet()?.size).toBe(ORDER_SET_MAX);
  });

  it("past the limit, gives the estimate of hashing every id's text", () => {
    const o = new OrderIds();
    const want = newHll();
    for (let i = 0; i <= ORDER_SET_MAX + 10; i++) {
      const id = i % 1000 === 0 ? `é-${i}` : `ORD-${i}`;
      addAsBytes(o, id);
      hllAdd(want, hashSlice(id, 0, id.length));
    }
    for (let i = 0; i < 100; i++) addAsBytes(o, `late-${i}`);
    for (let i = 0; i < 100; i++) hllAdd(want, hashSlice(`late-${i}`, 0, `late-${i}`.length));
    expect(o.toSet()).toBeNull();
    expect(o.hll).toEqual(want);
  });
});
