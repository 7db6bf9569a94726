// Small string helpers of the hot path.

/** 32-bit FNV-1a with a final avalanche, over s[a, b) (order ids past the exact limit) */
export function hashSlice(s: string, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return avalanche(h);
}

/** the final mixing step of hashSlice (and of hashAsciiBytes, which must give the same values) */
export function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** a copy of s that shares no storage with a larger string (a slice would pin its whole chunk) */
export function flat(s: string): string {
  return s.length > 12 ? (JSON.parse(JSON.stringify(s)) as string) : s;
}
