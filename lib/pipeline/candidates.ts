// The rows the core keeps for the anomaly list while a pass runs (SPEC §6):
// each product's best rows by revenue and by discount. A row is kept as
// numbers in shared typed arrays (a slot) and becomes a Candidate object only
// when the pass ends; an order id of plain ASCII is kept as its bytes, decoded
// then too. A group's list takes rows unsorted until it holds twice what it
// keeps, then keepBest cuts it back to the best; rows below the least kept
// one are not taken at all. (Candidate objects in binary heaps, each with its
// order id decoded, made a 1M-row file of 50,000 products ~9% slower and one
// of 5,000 products ~4% slower and 20 MB larger.)
import { grow } from "./arrays";
import type { Candidate } from "./state";

/** what a list ranks its rows by */
export const BY_REVENUE = 0;
export const BY_DISCOUNT = 1;

/** order ids up to this many bytes are kept as bytes */
const ID_BYTES = 24;

export class CandidatePool {
  private group = new Int32Array(256);
  private region = new Int32Array(256);
  private category = new Int32Array(256);
  /** y*10000 + m*100 + d */
  private date = new Int32Array(256);
  private line = new Float64Array(256);
  private revenue = new Float64Array(256);
  private discount = new Float64Array(256);
  private quantity = new Float64Array(256);
  /** NaN: no unit price */
  private unitPrice = new Float64Array(256);
  /** the order id as text, when it is not in idBytes */
  private orderId: string[] = [];
  /** by slot, ID_BYTES each: the order id's bytes, when idLength ≥ 0 */
  private idBytes = new Uint8Array(256 * ID_BYTES);
  /** idBytes as a Buffer, to decode from (latin1: ASCII bytes as they are, natively) */
  private idText = Buffer.from(this.idBytes.buffer, this.idBytes.byteOffset, this.idBytes.length);
  /** by slot: the order id's length in idBytes, or -1 (see orderId) */
  private idLength = new Int32Array(256);
  /** native sorts of a list's values (keepBest) */
  private scratch = new Float64Array(0);
  /** by slot: the lists holding it (a row can be in both of its group's) */
  private refs = new Uint8Array(256);
  private free: number[] = [];
  private used = 0;

  /**
   * A slot holding the row (in no list yet: see push). The order id is
   * b[a, e) when that is printable ASCII with spaces or tabs around at most
   * (its text, trimmed, reads the same); otherwise, or when e < a, the slot
   * needs setOrderId.
   */
  add(
    group: number,
    region: number,
    category: number,
    line: number,
    revenue: number,
    discount: number,
    date: number,
    quantity: number,
    unitPrice: number | null,
    b: Uint8Array,
    a: number,
    e: number,
  ): number {
    let s = this.free.pop();
    if (s === undefined) {
      s = this.used++;
      if (s === this.group.length) this.growSlots();
    }
    this.group[s] = group;
    this.region[s] = region;
    this.category[s] = category;
    this.line[s] = line;
    this.revenue[s] = revenue;
    this.discount[s] = discount;
    this.date[s] = date;
    this.quantity[s] = quantity;
    this.unitPrice[s] = unitPrice ?? Number.NaN;
    this.refs[s] = 0;
    while (a < e && (b[a] === 32 || b[a] === 9)) a++;
    while (e > a && (b[e - 1] === 32 || b[e - 1] === 9)) e--;
    const len = e - a;
    let plain = len >= 0 && len <= ID_BYTES;
    for (let i = a; plain && i < e; i++) {
      const c = b[i] as number;
      plain = c > 32 && c < 127;
    }
    if (plain) {
      const at = s * ID_BYTES;
      const ids = this.idBytes;
      for (let i = 0; i < len; i++) ids[at + i] = b[a + i] as number;
      this.idLength[s] = len;
    } else this.idLength[s] = -1;
    return s;
  }

  /** the slot's order id is not kept as bytes (add) */
  needsOrderId(slot: number): boolean {
    return (this.idLength[slot] as number) < 0;
  }

  setOrderId(slot: number, id: string): void {
    this.orderId[slot] = id;
  }

  private orderIdOf(slot: number): string {
    const len = this.idLength[slot] as number;
    if (len < 0) return this.orderId[slot] as string;
    const at = slot * ID_BYTES;
    // (a spread into String.fromCharCode cost the bench file's end of pass ~5 ms for 74,000 rows)
    return this.idText.toString("latin1", at, at + len);
  }

  private growSlots(): void {
    const n = this.group.length * 2;
    this.group = grow(this.group, n);
    this.region = grow(this.region, n);
    this.category = grow(this.category, n);
    this.date = grow(this.date, n);
    this.line = grow(this.line, n);
    this.revenue = grow(this.revenue, n);
    this.discount = grow(this.discount, n);
    this.quantity = grow(this.quantity, n);
    this.unitPrice = grow(this.unitPrice, n);
    this.refs = grow(this.refs, n);
    this.idLength = grow(this.idLength, n);
    this.idBytes = grow(this.idBytes, n * ID_BYTES);
    this.idText = Buffer.from(this.idBytes.buffer, this.idBytes.byteOffset, this.idBytes.length);
  }

  /** puts the slot in a list */
  push(list: number[], slot: number): void {
    list.push(slot);
    this.refs[slot] = (this.refs[slot] as number) + 1;
  }

  /** a list let go of the slot */
  private release(slot: number): void {
    const r = (this.refs[slot] as number) - 1;
    this.refs[slot] = r;
    if (r === 0) {
      if ((this.idLength[slot] as number) < 0) this.orderId[slot] = "";
      this.free.push(slot);
    }
  }

  revenueOf(slot: number): number {
    return this.revenue[slot] as number;
  }

  discountOf(slot: number): number {
    return this.discount[slot] as number;
  }

  /** the row as the anomaly list reads it */
  candidate(slot: number): Candidate {
    const price = this.unitPrice[slot] as number;
    return {
      group: this.group[slot] as number,
      region: this.region[slot] as number,
      category: this.category[slot] as number,
      line: this.line[slot] as number,
      revenue: this.revenue[slot] as number,
      discount: this.discount[slot] as number,
      date: this.date[slot] as number,
      quantity: this.quantity[slot] as number,
      unitPrice: Number.isNaN(price) ? null : price,
      orderId: this.orderIdOf(slot),
    };
  }

  /**
   * Cuts the list to its k best rows by revenue or discount, ties ranked by
   * content (compareContent) as the final list ranks them, so which rows stay
   * does not depend on the order they came in. Returns the least kept value:
   * a row below it can no longer make the list.
   */
  keepBest(list: number[], by: number, k: number): number {
    const v = by === BY_REVENUE ? this.revenue : this.discount;
    const n = list.length;
    if (n < k) return Number.NEGATIVE_INFINITY;
    if (n === k) return this.least(list, v);
    // the k-th greatest value, by a native sort of the values
    if (this.scratch.length < n) this.scratch = new Float64Array(n * 2);
    const vals = this.scratch.subarray(0, n);
    for (let i = 0; i < n; i++) vals[i] = v[list[i] as number] as number;
    vals.sort();
    const cut = vals[n - k] as number;
    // every row above the cut stays; of those at it, the first by content
    let w = 0;
    const tied: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = list[i] as number;
      const x = v[s] as number;
      if (x > cut) list[w++] = s;
      else if (x === cut) tied.push(s);
      else this.release(s);
    }
    // a list's cut can tie hundreds of rows at one value
    if (tied.length > k - w) tied.sort((x, y) => this.compareSlots(x, y));
    for (let i = 0; i < tied.length; i++) {
      if (w < k) list[w++] = tied[i] as number;
      else this.release(tied[i] as number);
    }
    list.length = w;
    return cut;
  }

  /**
   * compareContent on two slots' rows, read where they are kept: ASCII order
   * ids as bytes (their order is their text's), no Candidate built
   */
  private compareSlots(x: number, y: number): number {
    const lx = this.idLength[x] as number;
    const ly = this.idLength[y] as number;
    if (lx >= 0 && ly >= 0) {
      const ids = this.idBytes;
      const ax = x * ID_BYTES;
      const ay = y * ID_BYTES;
      const n = Math.min(lx, ly);
      for (let i = 0; i < n; i++) {
        const d = (ids[ax + i] as number) - (ids[ay + i] as number);
        if (d !== 0) return d;
      }
      if (lx !== ly) return lx - ly;
    } else {
      const ix = this.orderIdOf(x);
      const iy = this.orderIdOf(y);
      if (ix !== iy) return ix < iy ? -1 : 1;
    }
    const date = this.date;
    if (date[x] !== date[y]) return (date[x] as number) - (date[y] as number);
    const qty = this.quantity;
    if (qty[x] !== qty[y]) return (qty[x] as number) - (qty[y] as number);
    const price = this.unitPrice;
    // NaN: no unit price, first as compareContent's -1
    const px = Number.isNaN(price[x] as number) ? -1 : (price[x] as number);
    const py = Number.isNaN(price[y] as number) ? -1 : (price[y] as number);
    if (px !== py) return px - py;
    return (this.line[x] as number) - (this.line[y] as number);
  }

  private least(list: number[], v: Float64Array): number {
    let m = Number.POSITIVE_INFINITY;
    for (let i = 0; i < list.length; i++) m = Math.min(m, v[list[i] as number] as number);
    return m;
  }

  /** drops the list's rows whose revenue is at or below thr; the largest revenue dropped, or -Infinity */
  dropRevenueAtOrBelow(list: number[], thr: number): number {
    let dropped = Number.NEGATIVE_INFINITY;
    let w = 0;
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as number;
      const r = this.revenue[s] as number;
      if (r > thr) list[w++] = s;
      else {
        if (r > dropped) dropped = r;
        this.release(s);
      }
    }
    list.length = w;
    return dropped;
  }
}
