// Growable typed arrays of the core (one copy-and-grow for them all), and a
// bounded heap for keeping the best items of many.

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

/**
 * Numbers the keys keys[0..n), each in [0, space), in order of first
 * appearance: by index its key's id, and by id the index where it came first.
 */
export function firstSeenIds(
  keys: ArrayLike<number>,
  n: number,
  space: number,
): { of: Int32Array; first: number[] } {
  const slot = new Int32Array(space);
  const of = new Int32Array(n);
  const first: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = keys[i] as number;
    let id = (slot[k] as number) - 1;
    if (id < 0) {
      id = first.length;
      slot[k] = id + 1;
      first.push(i);
    }
    of[i] = id;
  }
  return { of, first };
}

/** keeps the `cap` greatest items (by `less`) in a binary min-heap: heap[0] is the least kept */
export function heapOffer<T>(heap: T[], item: T, less: (a: T, b: T) => boolean, cap: number): void {
  let i: number;
  if (heap.length < cap) {
    heap.push(item);
    i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(item, heap[parent] as T)) break;
      heap[i] = heap[parent] as T;
      i = parent;
    }
    heap[i] = item;
    return;
  }
  if (!less(heap[0] as T, item)) return;
  siftDown(heap, 0, item, less);
}

/** puts item at i of the heap and moves it down to where it belongs */
function siftDown<T>(heap: T[], at: number, item: T, less: (a: T, b: T) => boolean): void {
  let i = at;
  const n = heap.length;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && less(heap[r] as T, heap[l] as T) ? r : l;
    if (!less(heap[c] as T, item)) break;
    heap[i] = heap[c] as T;
    i = c;
  }
  heap[i] = item;
}
