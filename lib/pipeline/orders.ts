// Distinct order ids for the core (SPEC §5 `orders`): exact up to
// ORDER_SET_MAX ids, then a HyperLogLog (state.ts). ASCII ids — nearly all —
// are kept as bytes in one pool behind an open-addressing table, so a row
// costs a hash and a compare, not a string; other ids are kept as text. The
// estimate hashes every id as hashSlice hashes its text, so it is the same
// whichever way an id came in.
import { grow } from "./arrays";
import { hashAsciiBytes, hashOut } from "./bytes";
import { hllAdd, newHll } from "./state";
import { hashSlice } from "./strings";
import { ORDER_SET_MAX } from "./types";

/** ids the exact set can hold: one past the limit, when it gives way to the estimate */
const ID_CAPACITY = ORDER_SET_MAX + 1;

export class OrderIds {
  // The arrays are empty until the first id, then sized for the whole exact
  // set (~1.7 MB, the pages beyond the ids seen left untouched): an array
  // that grows while V8 compiles the row code makes V8 throw that compile
  // away, and the rows wait longer for optimized code. Only the pool can
  // still grow, for ids longer than 16 bytes on average.
  /** slot → id number + 1 (0: empty); at most half full */
  private table: Int32Array = new Int32Array(0);
  /** by id number: its hash, and where its bytes start in the pool (ends at the next one's start) */
  private hashes: Int32Array = new Int32Array(0);
  private starts: Int32Array = new Int32Array(1);
  private pool: Uint8Array = new Uint8Array(0);
  /** ids in the exact set; -1 once the estimate took over */
  private count = 0;
  /** ids that are not ASCII */
  private others = new Set<string>();
  // The estimate counts every id from the first on, so when it takes over
  // nothing but `count` changes: code first run then (a field first read, or
  // set after holding null) made V8 throw away the optimized row code, and
  // the 50,000th id sent the rows back to the interpreter.
  private registers: Uint8Array = newHll();

  /** the estimate, once there were too many ids to keep */
  get hll(): Uint8Array | null {
    return this.count < 0 ? this.registers : null;
  }

  /** adds the id b[a, e) (trimmed, not empty); false when it is not ASCII (add its text instead) */
  addBytes(b: Uint8Array, a: number, e: number): boolean {
    const h = hashAsciiBytes(b, a, e);
    if (!hashOut.ascii) return false;
    hllAdd(this.registers, h);
    if (this.count >= 0) this.insert(b, a, e, h);
    return true;
  }

  /** adds an id given as text (trimmed, not empty) */
  addText(id: string): void {
    let ascii = true;
    for (let i = 0; i < id.length && ascii; i++) ascii = id.charCodeAt(i) < 0x80;
    if (ascii) {
      const b = new Uint8Array(id.length);
      for (let i = 0; i < id.length; i++) b[i] = id.charCodeAt(i);
      this.addBytes(b, 0, b.length);
    } else {
      hllAdd(this.registers, hashSlice(id, 0, id.length));
      if (this.count < 0) return;
      this.others.add(id);
      this.checkSize();
    }
  }

  /** the exact ids as text, or null once they were replaced by the estimate */
  toSet(): Set<string> | null {
    if (this.count < 0) return null;
    const out = new Set<string>();
    // the pool holds ASCII only: latin1 decodes it as is, natively (a spread of
    // each id's bytes into String.fromCharCode cost ~4 µs an id)
    const pool = Buffer.from(this.pool.buffer, this.pool.byteOffset, this.pool.length);
    for (let i = 0; i < this.count; i++) {
      out.add(pool.toString("latin1", this.starts[i] as number, this.starts[i + 1] as number));
    }
    for (const o of this.others) out.add(o);
    return out;
  }

  private insert(b: Uint8Array, a: number, e: number, h: number): void {
    if (this.hashes.length === 0) this.allocate();
    const table = this.table;
    const mask = table.length - 1;
    const len = e - a;
    const pool = this.pool;
    const hashes = this.hashes;
    const starts = this.starts;
    for (let slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
      const at = table[slot] as number;
      if (at === 0) break;
      const i = at - 1;
      if (hashes[i] !== h) continue;
      const s = starts[i] as number;
      if ((starts[i + 1] as number) - s !== len) continue;
      let k = 0;
      while (k < len && pool[s + k] === b[a + k]) k++;
      if (k === len) return; // seen
    }
    this.add(b, a, e, h);
  }

  private allocate(): void {
    this.table = new Int32Array(1 << (32 - Math.clz32(ID_CAPACITY * 2)));
    this.hashes = new Int32Array(ID_CAPACITY);
    this.starts = new Int32Array(ID_CAPACITY + 1);
    this.pool = new Uint8Array(ID_CAPACITY * 16);
  }

  private add(b: Uint8Array, a: number, e: number, h: number): void {
    const i = this.count++;
    const len = e - a;
    const start = this.starts[i] as number;
    if (start + len > this.pool.length)
      this.pool = grow(this.pool, Math.max(start + len, this.pool.length * 2));
    const pool = this.pool;
    for (let k = 0; k < len; k++) pool[start + k] = b[a + k] as number;
    this.starts[i + 1] = start + len;
    this.hashes[i] = h;
    this.place(i);
    this.checkSize();
  }

  private place(i: number): void {
    const table = this.table;
    const mask = table.length - 1;
    const h = this.hashes[i] as number;
    let slot = (h ^ (h >>> 16)) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = i + 1;
  }

  /** past the exact limit: every id so far goes into the estimate, the ids themselves go */
  private checkSize(): void {
    if (this.count + this.others.size <= ORDER_SET_MAX) return;
    this.table = new Int32Array(0);
    this.hashes = new Int32Array(0);
    this.starts = new Int32Array(1);
    this.pool = new Uint8Array(0);
    this.count = -1;
    this.others.clear();
  }
}
