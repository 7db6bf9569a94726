// Growable typed arrays of the core: one copy-and-grow for them all.

/**
 * `a` when it holds n elements, else a copy of it with room for n (at least
 * twice its length), the new elements set to `fill`.
 */
export function grow<T extends Uint8Array | Int32Array | Float64Array>(a: T, n: number, fill = 0): T {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (length: number) => T)(Math.max(n, a.length * 2));
  if (fill !== 0) b.fill(fill);
  b.set(a);
  return b;
}
