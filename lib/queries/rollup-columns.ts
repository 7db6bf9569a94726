// The dashboard's four rollup datasets from a job's rollup columns
// (lib/pipeline/rollup.ts): the server reads them once into typed arrays and
// answers every filter and grouping with one pass over them. On a SKU-level
// job (818,000 rollup cells) SQL GROUP BYs over the RollupCell table took
// 0.1-1.0 s a request; a pass over the columns takes 2-15 ms whatever the
// filters, and a slice of them (sliceRollup) less.
import { firstSeenIds, heapOffer } from "../pipeline/arrays";
import { addExactAt } from "../pipeline/fsum";
import {
  columnBytes,
  MEASURES,
  type Measure,
  NAME_COLUMNS,
  type NameColumn,
  type RollupColumns,
} from "../pipeline/rollup";
import { compareText } from "../pipeline/strings";

export type Sums = Record<Measure, number>;

export interface RollupFilters {
  from?: string;
  to?: string;
  region?: string[];
  category?: string[];
  product?: string[];
}

export interface Group {
  /** the group's name (a month, region, category or product) */
  key: string;
  sums: Sums;
  /** products only: the category with the most transactions (ties: the first by name) */
  category?: string;
}

/** the groups the filters keep, their figures in typed arrays (a job can have 50,000 products) */
export interface Grouped {
  /** the kept groups' ids: indexes into names */
  ids: Int32Array;
  names: readonly string[];
  /** by group id; 0 for a measure not asked for */
  sums: Record<Measure, Float64Array>;
  /** products: by group id, the category with the most transactions (ties: the first by name) */
  category: (string | undefined)[] | null;
  totals: Sums;
}

/** one group as an object (for the rows a page shows) */
export function groupAt(g: Grouped, id: number): Group {
  const sums = zeroSums();
  for (const m of MEASURES) sums[m] = g.sums[m][id] as number;
  const group: Group = { key: g.names[id] as string, sums };
  const category = g.category?.[id];
  if (category !== undefined) group.category = category;
  return group;
}

/** by name list (a rollup's, shared by its slices): each name's place in text order */
const ranksOf = new WeakMap<readonly string[], Int32Array>();

/**
 * Each name's place among the names in text order (compareText), worked out
 * once per rollup (as the job completes: warmRollup) for the pages deep in a
 * list: sorting 50,000 products by a comparison of their names took 20-45 ms
 * a request, by these numbers a few.
 */
export function nameRanks(names: readonly string[]): Int32Array {
  let rank = ranksOf.get(names);
  if (rank === undefined) {
    const order = Array.from(names.keys()).sort((a, b) =>
      compareText(names[a] as string, names[b] as string),
    );
    rank = new Int32Array(names.length);
    for (let i = 0; i < order.length; i++) rank[order[i] as number] = i;
    ranksOf.set(names, rank);
  }
  return rank;
}

/**
 * The first `count` of the kept groups' ids, largest revenue first (ties by
 * name) or by name. A page of 25 from 50,000 products is picked with a heap
 * of 25, not a sort of 50,000.
 */
export function orderedIds(g: Grouped, order: "revenue" | "name", count = g.ids.length): Int32Array {
  const revenue = g.sums.revenue;
  const names = g.names;
  const byName = (a: number, b: number) => compareText(names[a] as string, names[b] as string);
  const cmp =
    order === "name"
      ? byName
      : (a: number, b: number) => (revenue[b] as number) - (revenue[a] as number) || byName(a, b);
  const n = g.ids.length;
  const k = Math.max(0, Math.min(count, n));
  if (k === 0) return new Int32Array(0);
  if (k * 8 >= n) return g.ids.slice().sort(cmp).subarray(0, k);
  // the k best so far in the core's bounded heap, the least of them on top
  const heap: number[] = [];
  const worse = (a: number, b: number) => cmp(a, b) > 0;
  for (const id of g.ids) heapOffer(heap, id, worse, k);
  return Int32Array.from(heap).sort(cmp);
}

/**
 * The kept groups at places [offset, offset + limit) of orderedIds' order,
 * without ordering every place before them: a page deep into 50,000 products
 * took 20-45 ms as a sort of all of them. By name, the ranks give the order
 * outright; by revenue, a native sort of the values gives the page's first and
 * last values, and only the groups between them are sorted.
 */
export function pageIds(g: Grouped, order: "revenue" | "name", offset: number, limit: number): Int32Array {
  const n = g.ids.length;
  const end = Math.min(n, offset + limit);
  if (offset >= end) return new Int32Array(0);
  // a page near the top: the bounded heap is cheaper still
  if (end * 8 < n) return orderedIds(g, order, end).subarray(offset);
  const rank = nameRanks(g.names);
  if (order === "name") {
    const byRank = new Int32Array(g.names.length).fill(-1);
    for (const id of g.ids) byRank[rank[id] as number] = id;
    const out = new Int32Array(end - offset);
    let place = 0;
    for (let r = 0; r < byRank.length && place < end; r++) {
      const id = byRank[r] as number;
      if (id < 0) continue;
      if (place >= offset) out[place - offset] = id;
      place++;
    }
    return out;
  }
  const revenue = g.sums.revenue;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = revenue[g.ids[i] as number] as number;
  values.sort();
  // place p (from the top) holds values[n - 1 - p]
  const hi = values[n - 1 - offset] as number;
  const lo = values[n - end] as number;
  let above = 0;
  const between: number[] = [];
  for (const id of g.ids) {
    const v = revenue[id] as number;
    if (v > hi) above++;
    else if (v >= lo) between.push(id);
  }
  between.sort(
    (a, b) => (revenue[b] as number) - (revenue[a] as number) || (rank[a] as number) - (rank[b] as number),
  );
  return Int32Array.from(between.slice(offset - above, end - above));
}

/**
 * Sums by (group, category): in an array when there are few pairs, else in an
 * open-addressing table sized by the cells added (at most one pair each). A
 * dense array for 50,000 products × 40 categories was 16 MB to fill and scan
 * on every products request.
 */
class PairSums {
  private readonly dense: Float64Array | null;
  /** group × categories + category, or -1 (a double: the product can pass 2^31) */
  private readonly keys: Float64Array;
  private readonly sums: Float64Array;
  private readonly mask: number;

  constructor(
    groups: number,
    private readonly categories: number,
    cells: number,
  ) {
    const pairs = groups * categories;
    this.dense = pairs <= Math.max(1 << 12, cells) ? new Float64Array(pairs).fill(-1) : null;
    const size = this.dense === null ? 1 << (32 - Math.clz32(Math.max(cells, 1) * 2 - 1)) : 0;
    this.keys = new Float64Array(size).fill(-1);
    this.sums = new Float64Array(size);
    this.mask = size - 1;
  }

  add(g: number, c: number, x: number): void {
    const key = g * this.categories + c;
    const dense = this.dense;
    if (dense !== null) {
      dense[key] = Math.max(dense[key] as number, 0) + x;
      return;
    }
    const keys = this.keys;
    let h = Math.imul((key % 0x100000000) | 0, 0x9e3779b1) >>> 0;
    for (h &= this.mask; ; h = (h + 1) & this.mask) {
      const k = keys[h] as number;
      if (k === key) break;
      if (k === -1) {
        keys[h] = key;
        break;
      }
    }
    this.sums[h] = (this.sums[h] as number) + x;
  }

  /** every pair that was added to */
  forEach(fn: (g: number, c: number, sum: number) => void): void {
    const n = this.categories;
    const dense = this.dense;
    if (dense !== null) {
      for (let key = 0; key < dense.length; key++) {
        const sum = dense[key] as number;
        if (sum < 0) continue;
        const g = Math.floor(key / n);
        fn(g, key - g * n, sum);
      }
      return;
    }
    for (let h = 0; h < this.keys.length; h++) {
      const key = this.keys[h] as number;
      if (key < 0) continue;
      const g = Math.floor(key / n);
      fn(g, key - g * n, this.sums[h] as number);
    }
  }
}

/** 1 for the names a filter keeps; null when the filter keeps everything */
function keep(names: string[], wanted: string[] | undefined): Uint8Array | null {
  if (!wanted?.length) return null;
  const set = new Set(wanted);
  return Uint8Array.from(names, (s) => (set.has(s) ? 1 : 0));
}

/**
 * Sums the measures of the cells the filters keep (the others stay 0), in all
 * and by one column. Sums are compensated: the order of the cells does not
 * change them. Groups come in no particular order.
 */
export function groupRollup(
  cols: RollupColumns,
  f: RollupFilters,
  by: NameColumn,
  measures: readonly Measure[] = MEASURES,
): Grouped {
  const { ids, values, names } = cols;
  const n = cols.cells;
  const months = Uint8Array.from(names.month, (m) =>
    (!f.from || m >= f.from) && (!f.to || m <= f.to) ? 1 : 0,
  );
  const regions = keep(names.region, f.region);
  const categories = keep(names.category, f.category);
  const products = keep(names.product, f.product);
  const groupCount = names[by].length;
  // the cells the filters keep, and their groups
  const kept = new Int32Array(n);
  const groupOf = new Int32Array(n);
  let count = 0;
  const seen = new Uint8Array(groupCount);
  const groupIds = ids[by];
  const { month, region, category, product } = ids;
  for (let i = 0; i < n; i++) {
    if (
      months[month[i] as number] === 0 ||
      (regions !== null && regions[region[i] as number] === 0) ||
      (categories !== null && categories[category[i] as number] === 0) ||
      (products !== null && products[product[i] as number] === 0)
    )
      continue;
    const g = groupIds[i] as number;
    seen[g] = 1;
    kept[count] = i;
    groupOf[count] = g;
    count++;
  }
  // one measure at a time, by group, then the groups in all
  const none = new Float64Array(groupCount);
  const sums = {} as Record<Measure, Float64Array>;
  for (const m of MEASURES) sums[m] = none;
  const totals = zeroSums();
  const err = new Float64Array(groupCount);
  const total = new Float64Array(1);
  const totalErr = new Float64Array(1);
  for (const m of measures) {
    const col = values[m];
    const out = new Float64Array(groupCount);
    err.fill(0);
    for (let j = 0; j < count; j++)
      addExactAt(out, err, groupOf[j] as number, col[kept[j] as number] as number);
    total[0] = 0;
    totalErr[0] = 0;
    for (let g = 0; g < groupCount; g++) {
      out[g] = (out[g] as number) + (err[g] as number);
      addExactAt(total, totalErr, 0, out[g] as number);
    }
    totals[m] = (total[0] as number) + (totalErr[0] as number);
    sums[m] = out;
  }
  const keptIds = new Int32Array(groupCount);
  let groups = 0;
  for (let g = 0; g < groupCount; g++) if (seen[g] === 1) keptIds[groups++] = g;
  let best: (string | undefined)[] | null = null;
  if (by === "product") {
    // the category with the most transactions (ties: the first by name)
    best = new Array<string | undefined>(groupCount);
    const bestTx = new Float64Array(groupCount);
    const pairs = new PairSums(groupCount, names.category.length, count);
    const tx = values.transactions;
    for (let j = 0; j < count; j++) {
      const i = kept[j] as number;
      pairs.add(groupOf[j] as number, category[i] as number, tx[i] as number);
    }
    const chosen = best;
    pairs.forEach((g, c, sum) => {
      const name = names.category[c] as string;
      const current = chosen[g];
      if (
        current === undefined ||
        sum > (bestTx[g] as number) ||
        (sum === bestTx[g] && compareText(name, current) < 0)
      ) {
        chosen[g] = name;
        bestTx[g] = sum;
      }
    });
  }
  return { ids: keptIds.subarray(0, groups), names: names[by], sums, category: best, totals };
}

/** the largest key space a slice is indexed through an array for (64 MB of Int32) */
const DENSE_MAX = 1 << 24;

/**
 * The rollup summed over every column but `kept`: the same sums from fewer
 * cells for a request that neither filters nor groups by the others (the
 * month × region × category slice of a SKU-level job has 2,400 cells where
 * the rollup has 818,000). A dropped column has one name, "".
 */
export function sliceRollup(cols: RollupColumns, kept: readonly NameColumn[]): RollupColumns {
  const n = cols.cells;
  const keys = kept.map((c) => cols.ids[c]);
  const sizes = kept.map((c) => cols.names[c].length);
  // a cell's kept ids as one number (mixed radix) while that stays exact, else as text
  const space = sizes.reduce((a, b) => a * Math.max(b, 1), 1);
  let first: number[] = [];
  let sliceOf: Int32Array = new Int32Array(n);
  if (space <= Number.MAX_SAFE_INTEGER) {
    const key = new Float64Array(n);
    keys.forEach((ids, k) => {
      const size = sizes[k] as number;
      for (let i = 0; i < n; i++) key[i] = (key[i] as number) * size + (ids[i] as number);
    });
    // through an array when there are not many more keys than cells
    if (space <= Math.min(DENSE_MAX, Math.max(8 * n, 1 << 16)))
      ({ of: sliceOf, first } = firstSeenIds(key, n, space));
    else {
      const slot = new Map<number, number>();
      for (let i = 0; i < n; i++) sliceOf[i] = slotOf(slot, key[i] as number, first, i);
    }
  } else {
    const slot = new Map<string, number>();
    for (let i = 0; i < n; i++) sliceOf[i] = slotOf(slot, keys.map((ids) => ids[i]).join(","), first, i);
  }
  const cells = first.length;
  const ids = {} as Record<NameColumn, Uint32Array>;
  const names = {} as Record<NameColumn, string[]>;
  for (const c of NAME_COLUMNS) {
    const keep = kept.includes(c);
    names[c] = keep ? cols.names[c] : [""];
    ids[c] = new Uint32Array(cells);
    if (keep) {
      // (Uint32Array.from with a map function took ~50 ms for 120,000 cells)
      const to = ids[c];
      const from = cols.ids[c];
      for (let j = 0; j < cells; j++) to[j] = from[first[j] as number] as number;
    }
  }
  const values = {} as Record<Measure, Float64Array>;
  const err = new Float64Array(cells);
  for (const m of MEASURES) {
    const sum = new Float64Array(cells);
    err.fill(0);
    const col = cols.values[m];
    for (let i = 0; i < n; i++) addExactAt(sum, err, sliceOf[i] as number, col[i] as number);
    for (let j = 0; j < cells; j++) sum[j] = (sum[j] as number) + (err[j] as number);
    values[m] = sum;
  }
  return { cells, names, ids, values, byteLength: columnBytes(cells) };
}

/** the slice index of key, a new one (cell i its first) when the key is new */
function slotOf<K>(slot: Map<K, number>, key: K, first: number[], i: number): number {
  const at = slot.get(key);
  if (at !== undefined) return at;
  slot.set(key, first.length);
  first.push(i);
  return first.length - 1;
}

function zeroSums(): Sums {
  return { revenue: 0, profit: 0, quantity: 0, transactions: 0, discountRevenue: 0, discountSum: 0 };
}
