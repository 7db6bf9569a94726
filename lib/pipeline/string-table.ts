// An open-addressing hash table of strings looked up by a slice s[a, b)
// without building a substring: the hash and the comparison read char codes.
// Names and order ids of every row go through here.

/** 32-bit FNV-1a with a final avalanche, over s[a, b) */
export function hashSlice(s: string, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** a second, independent hash (for HyperLogLog ranks) */
export function hashSlice2(s: string, a: number, b: number): number {
  let h = 0x9e3779b9;
  for (let i = a; i < b; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** a copy of s that shares no storage with a larger string */
export function flat(s: string): string {
  return s.length > 12 ? (JSON.parse(JSON.stringify(s)) as string) : s;
}

export class StringTable {
  /** id → string */
  readonly values: string[] = [];
  private hashes: Int32Array = new Int32Array(16);
  private slots: Int32Array = new Int32Array(64).fill(-1);
  private mask = 63;

  get size(): number {
    return this.values.length;
  }

  /** id of s[a, b), or -1 */
  find(s: string, a: number, b: number, h: number): number {
    const len = b - a;
    let i = h & this.mask;
    for (;;) {
      const id = this.slots[i] as number;
      if (id < 0) return -1;
      if (this.hashes[id] === (h | 0)) {
        const v = this.values[id] as string;
        if (v.length === len) {
          let k = 0;
          while (k < len && v.charCodeAt(k) === s.charCodeAt(a + k)) k++;
          if (k === len) return id;
        }
      }
      i = (i + 1) & this.mask;
    }
  }

  /** id of s[a, b), added when new; `added` tells which */
  intern(s: string, a: number, b: number): number {
    const h = hashSlice(s, a, b);
    const found = this.find(s, a, b, h);
    if (found >= 0) {
      this.added = false;
      return found;
    }
    this.added = true;
    return this.insert(flat(s.slice(a, b)), h);
  }

  added = false;

  private insert(v: string, h: number): number {
    const id = this.values.length;
    this.values.push(v);
    if (id >= this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[id] = h | 0;
    if ((id + 1) * 2 > this.mask + 1) this.rehash();
    else this.place(id, h);
    return id;
  }

  private place(id: number, h: number): void {
    let i = h & this.mask;
    while ((this.slots[i] as number) >= 0) i = (i + 1) & this.mask;
    this.slots[i] = id;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let id = 0; id < this.values.length; id++) this.place(id, (this.hashes[id] as number) >>> 0);
  }
}
