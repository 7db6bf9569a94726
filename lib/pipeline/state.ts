// The mergeable aggregate state a pass leaves behind. Two states from
// different byte ranges of one file merge (mergeStates) into the state of a
// single pass over both; finalize() turns a state into the datasets of §5.
import type { Encoding } from "./decode";
import { QuantileSketch } from "./sketch";
import { hashSlice } from "./strings";
import { ORDER_SET_MAX, type RejectReason, type RepairCode } from "./types";

export interface KeyGroupState {
  key: string;
  /** display-form spelling → valid rows */
  spellings: Map<string, number>;
  rows: number;
}

/**
 * The rollup cells (typed arrays: a state crosses a thread boundary as a few
 * memory copies, not thousands of objects). Cell i is (product[i], region[i],
 * category[i], monthKey[i]): indexes into the state's products / regions /
 * categories, and y*12 + (m-1). Its figures are the CELL_WIDTH numbers from
 * sums[i * CELL_WIDTH]: at each CELL_* offset but CELL_TRANSACTIONS a
 * compensated sum and, after it, its compensation (together, so a row's
 * additions touch two cache lines, not eleven).
 */
export interface CellTable {
  count: number;
  product: Int32Array;
  region: Int32Array;
  category: Int32Array;
  monthKey: Int32Array;
  sums: Float64Array;
}

/** month keys (year × 12 + month − 1) of the years 1–9999 a date can have */
export const MONTH_KEYS = 10_000 * 12;

export const CELL_REVENUE = 0;
export const CELL_PROFIT = 2;
export const CELL_DISCOUNT_REVENUE = 4;
/** compensated like the money sums: discounts and fractional quantities add up the same in any order */
export const CELL_DISCOUNT_SUM = 6;
export const CELL_QUANTITY = 8;
export const CELL_TRANSACTIONS = 10;
/** 11 figures and a pad: 96 bytes */
export const CELL_WIDTH = 12;

export function newCellTable(capacity: number): CellTable {
  return {
    count: 0,
    product: new Int32Array(capacity),
    region: new Int32Array(capacity),
    category: new Int32Array(capacity),
    monthKey: new Int32Array(capacity),
    sums: new Float64Array(capacity * CELL_WIDTH),
  };
}

export interface AnomalyGroupState {
  sketch: QuantileSketch;
  /**
   * rows at or below it are not kept as candidates by revenue (nor their
   * values, unless their discount is ≥ 0.5); it follows the group's own fence
   * and may go down as well as up
   */
  threshold: number;
  /**
   * the largest revenue of a row left out by a threshold (from the values or
   * from the revenue list); the candidates are complete when no final fence is
   * below it
   */
  droppedMax: number;
  discN: number;
  /** rows with discount < 0.2, and the largest such discount */
  discLow: number;
  discLowMax: number;
  /** the smallest discount ≥ 0.2 (for an even count split exactly at 0.2) */
  discMidMin: number;
  discHigh: number;
  /** revenue of every retained row (above the threshold, or with discount ≥ 0.5) */
  values: Float64Array;
  /** 1 where that row's discount is ≥ 0.5 */
  discountFlags: Uint8Array;
  count: number;
  /** full rows: the top 1,000 by revenue and the top 1,000 by discount of this group */
  top: Candidate[];
}

export function newAnomalyGroup(): AnomalyGroupState {
  return {
    sketch: new QuantileSketch(),
    threshold: 0,
    droppedMax: Number.NEGATIVE_INFINITY,
    discN: 0,
    discLow: 0,
    discLowMax: Number.NEGATIVE_INFINITY,
    discMidMin: Number.POSITIVE_INFINITY,
    discHigh: 0,
    values: new Float64Array(16),
    discountFlags: new Uint8Array(16),
    count: 0,
    top: [],
  };
}

/**
 * A total order on candidate rows by what they hold (not where they are), so
 * that rows tied in score are cut the same way whatever the row order; the
 * line decides only between rows identical in everything shown.
 */
export function compareContent(a: Candidate, b: Candidate): number {
  if (a.orderId !== b.orderId) return a.orderId < b.orderId ? -1 : 1;
  if (a.date !== b.date) return a.date - b.date;
  if (a.quantity !== b.quantity) return a.quantity - b.quantity;
  const pa = a.unitPrice ?? -1;
  const pb = b.unitPrice ?? -1;
  if (pa !== pb) return pa - pb;
  return a.line - b.line;
}

/** counts a row's discount for the median test of §6 */
export function countDiscount(g: AnomalyGroupState, disc: number): void {
  g.discN++;
  if (disc < 0.2) {
    g.discLow++;
    if (disc > g.discLowMax) g.discLowMax = disc;
  } else if (disc < g.discMidMin) g.discMidMin = disc;
  if (disc >= 0.5) g.discHigh++;
}

/**
 * median discount < 0.2, from counts: odd n needs ⌈n/2⌉ rows below 0.2; even n
 * needs n/2 + 1, or exactly n/2 with the two middle values averaging below 0.2
 */
export function medianDiscountBelow(n: number, low: number, lowMax: number, midMin: number): boolean {
  if (n === 0) return false;
  if (n % 2 === 1) return low >= (n + 1) / 2;
  if (low > n / 2) return true;
  return low === n / 2 && (lowMax + midMin) / 2 < 0.2;
}

/** appends a retained row's revenue and discount flag */
export function retainValue(g: AnomalyGroupState, revenue: number, discountFlag: number): void {
  if (g.count === g.values.length) {
    const v = new Float64Array(g.count * 2);
    v.set(g.values);
    g.values = v;
    const f = new Uint8Array(g.count * 2);
    f.set(g.discountFlags);
    g.discountFlags = f;
  }
  g.values[g.count] = revenue;
  g.discountFlags[g.count] = discountFlag;
  g.count++;
}

/** appends the retained rows of `src` to those of `g` */
function appendValues(g: AnomalyGroupState, src: AnomalyGroupState): void {
  const n = g.count + src.count;
  if (n > g.values.length) {
    const v = new Float64Array(n);
    v.set(g.values.subarray(0, g.count));
    g.values = v;
    const f = new Uint8Array(n);
    f.set(g.discountFlags.subarray(0, g.count));
    g.discountFlags = f;
  }
  g.values.set(src.values.subarray(0, src.count), g.count);
  g.discountFlags.set(src.discountFlags.subarray(0, src.count), g.count);
  g.count = n;
}

/** drops retained rows the (raised) threshold no longer covers, counting them in droppedMax */
export function pruneValues(g: AnomalyGroupState): void {
  let w = 0;
  let dropped = g.droppedMax;
  for (let i = 0; i < g.count; i++) {
    const v = g.values[i] as number;
    const f = g.discountFlags[i] as number;
    if (v > g.threshold || f === 1) {
      g.values[w] = v;
      g.discountFlags[w] = f;
      w++;
    } else if (v > dropped) dropped = v;
  }
  g.droppedMax = dropped;
  g.count = w;
}

export interface Candidate {
  /** product key group */
  group: number;
  /** region key group */
  region: number;
  /** category key group */
  category: number;
  line: number;
  revenue: number;
  discount: number;
  /** y*10000 + m*100 + d */
  date: number;
  quantity: number;
  unitPrice: number | null;
  orderId: string;
}

export interface AggregateState {
  headers: string[];
  mapping: Record<string, string>;
  delimiter: string;
  encoding: Encoding;
  dayFirst: boolean;
  rowsRead: number;
  rowsValid: number;
  rowsRejected: number;
  rejectedByReason: Partial<Record<RejectReason, number>>;
  repairs: Partial<Record<RepairCode, number>>;
  dateMin: number | null;
  dateMax: number | null;
  hasProfit: boolean;
  hasOrders: boolean;
  /** exact distinct order ids, or null once the HyperLogLog took over */
  orderSet: Set<string> | null;
  hll: Uint8Array | null;
  products: KeyGroupState[];
  regions: KeyGroupState[];
  categories: KeyGroupState[];
  cells: CellTable;
  /** by product key group */
  anomalyGroups: AnomalyGroupState[];
  globalSketch: QuantileSketch;
  /** retained rows were dropped for memory: the anomalies need a second pass */
  candidatesOverflowed: boolean;
}

/** adds the (sum, compensation) pair at from[j] into the one at to[i]: Neumaier's step for the sums, the compensations added */
function addPairAt(to: Float64Array, i: number, from: Float64Array, j: number): void {
  const a0 = to[i] as number;
  const b0 = from[j] as number;
  const s = a0 + b0;
  const c = (to[i + 1] as number) + (from[j + 1] as number);
  to[i] = s;
  to[i + 1] = Math.abs(a0) >= Math.abs(b0) ? c + (a0 - s + b0) : c + (b0 - s + a0);
}

function mergeGroups(a: KeyGroupState[], b: KeyGroupState[]): { merged: KeyGroupState[]; mapB: number[] } {
  const merged = a.map((g) => ({ key: g.key, spellings: new Map(g.spellings), rows: g.rows }));
  const index = new Map(merged.map((g, i) => [g.key, i]));
  const mapB = b.map((g) => {
    let i = index.get(g.key);
    if (i === undefined) {
      i = merged.length;
      merged.push({ key: g.key, spellings: new Map(), rows: 0 });
      index.set(g.key, i);
    }
    const m = merged[i] as KeyGroupState;
    m.rows += g.rows;
    for (const [s, n] of g.spellings) m.spellings.set(s, (m.spellings.get(s) ?? 0) + n);
    return i;
  });
  return { merged, mapB };
}

function addCounts<K extends string>(a: Partial<Record<K, number>>, b: Partial<Record<K, number>>) {
  const out: Partial<Record<K, number>> = { ...a };
  for (const [k, v] of Object.entries(b) as [K, number][]) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** first slot of a cell (product, region, category, month) in a table of mask + 1 slots */
export function cellSlot(p: number, r: number, c: number, month: number, mask: number): number {
  const h =
    Math.imul(p, 0x9e3779b1) ^
    Math.imul(r, 0x85ebca77) ^
    Math.imul(c, 0xc2b2ae3d) ^
    Math.imul(month, 0x27d4eb2f);
  return (h ^ (h >>> 15)) & mask;
}

/**
 * Merges the state of a later byte range (b, with its line numbers already
 * absolute) into an earlier one (a). Header facts come from a.
 */
export function mergeStates(a: AggregateState, b: AggregateState): AggregateState {
  const p = mergeGroups(a.products, b.products);
  const r = mergeGroups(a.regions, b.regions);
  const c = mergeGroups(a.categories, b.categories);
  const cells = newCellTable(a.cells.count + b.cells.count);
  // cells by (product, region, category, month) in an open-addressing table,
  // at most half full (two SKU-level ranges of 818,000 cells each took ~1 s
  // as keys of a Map)
  const table = new Int32Array(2 ** Math.ceil(Math.log2(Math.max(2 * cells.product.length, 2))));
  const mask = table.length - 1;
  const put = (t: CellTable, j: number, product: number, region: number, category: number) => {
    const month = t.monthKey[j] as number;
    let slot = cellSlot(product, region, category, month, mask);
    let i: number | undefined;
    for (; ; slot = (slot + 1) & mask) {
      const at = table[slot] as number;
      if (at === 0) break;
      const k = at - 1;
      if (
        cells.product[k] === product &&
        cells.region[k] === region &&
        cells.category[k] === category &&
        cells.monthKey[k] === month
      ) {
        i = k;
        break;
      }
    }
    if (i === undefined) {
      i = cells.count++;
      table[slot] = i + 1;
      cells.product[i] = product;
      cells.region[i] = region;
      cells.category[i] = category;
      cells.monthKey[i] = month;
      cells.sums.set(t.sums.subarray(j * CELL_WIDTH, (j + 1) * CELL_WIDTH), i * CELL_WIDTH);
      return;
    }
    const to = i * CELL_WIDTH;
    const from = j * CELL_WIDTH;
    for (let f = 0; f < CELL_TRANSACTIONS; f += 2) addPairAt(cells.sums, to + f, t.sums, from + f);
    cells.sums[to + CELL_TRANSACTIONS] =
      (cells.sums[to + CELL_TRANSACTIONS] as number) + (t.sums[from + CELL_TRANSACTIONS] as number);
  };
  const ac = a.cells;
  for (let j = 0; j < ac.count; j++)
    put(ac, j, ac.product[j] as number, ac.region[j] as number, ac.category[j] as number);
  const bc = b.cells;
  for (let j = 0; j < bc.count; j++) {
    put(
      bc,
      j,
      p.mapB[bc.product[j] as number] as number,
      r.mapB[bc.region[j] as number] as number,
      c.mapB[bc.category[j] as number] as number,
    );
  }
  const anomalyGroups: AnomalyGroupState[] = p.merged.map(() => newAnomalyGroup());
  const addAnomaly = (
    src: AnomalyGroupState | undefined,
    to: number,
    region: (r: number) => number,
    category: (c: number) => number,
  ) => {
    if (!src) return;
    const g = anomalyGroups[to] as AnomalyGroupState;
    g.sketch.merge(src.sketch);
    g.droppedMax = Math.max(g.droppedMax, src.droppedMax);
    g.discN += src.discN;
    g.discLow += src.discLow;
    g.discLowMax = Math.max(g.discLowMax, src.discLowMax);
    g.discMidMin = Math.min(g.discMidMin, src.discMidMin);
    g.discHigh += src.discHigh;
    appendValues(g, src);
    for (const x of src.top) {
      const rx = region(x.region);
      const cx = category(x.category);
      // a's candidates keep their indexes: shared, not copied (nothing changes a candidate)
      const same = to === x.group && rx === x.region && cx === x.category;
      g.top.push(same ? x : { ...x, group: to, region: rx, category: cx });
    }
  };
  for (const [i, g] of a.anomalyGroups.entries())
    addAnomaly(
      g,
      i,
      (k) => k,
      (k) => k,
    );
  for (const [i, g] of b.anomalyGroups.entries())
    addAnomaly(
      g,
      p.mapB[i] as number,
      (k) => r.mapB[k] as number,
      (k) => c.mapB[k] as number,
    );
  const globalSketch = new QuantileSketch();
  globalSketch.merge(a.globalSketch);
  globalSketch.merge(b.globalSketch);

  let orderSet: Set<string> | null = null;
  let hll: Uint8Array | null = null;
  if (a.orderSet && b.orderSet) orderSet = new Set([...a.orderSet, ...b.orderSet]);
  if (orderSet === null || orderSet.size > ORDER_SET_MAX) {
    // past the exact limit a single pass would have switched to the estimate too
    orderSet = null;
    hll = newHll();
    for (const s of [a, b]) {
      if (s.hll) for (let i = 0; i < hll.length; i++) hll[i] = Math.max(hll[i] as number, s.hll[i] as number);
    }
    for (const s of [a, b]) {
      if (s.orderSet) for (const o of s.orderSet) hllAdd(hll, hashSlice(o, 0, o.length));
    }
  }

  const dates = [a.dateMin, a.dateMax, b.dateMin, b.dateMax].filter((d): d is number => d !== null);
  return {
    ...a,
    rowsRead: a.rowsRead + b.rowsRead,
    rowsValid: a.rowsValid + b.rowsValid,
    rowsRejected: a.rowsRejected + b.rowsRejected,
    rejectedByReason: addCounts(a.rejectedByReason, b.rejectedByReason),
    repairs: addCounts(a.repairs, b.repairs),
    dateMin: dates.length ? Math.min(...dates) : null,
    dateMax: dates.length ? Math.max(...dates) : null,
    orderSet,
    hll,
    products: p.merged,
    regions: r.merged,
    categories: c.merged,
    cells,
    anomalyGroups,
    globalSketch,
    candidatesOverflowed: a.candidatesOverflowed || b.candidatesOverflowed,
  };
}

// ── distinct order ids past the exact limit: HyperLogLog with 2^16 registers (±0.4%)

const HLL_BITS = 16;

export function newHll(): Uint8Array {
  return new Uint8Array(1 << HLL_BITS);
}

/** the top 16 bits of a 32-bit hash pick the register, the other 16 give the rank */
export function hllAdd(hll: Uint8Array, h: number): void {
  const idx = h >>> (32 - HLL_BITS);
  const rank = Math.clz32((h << HLL_BITS) | (1 << (HLL_BITS - 1))) + 1;
  if (rank > (hll[idx] as number)) hll[idx] = rank;
}

/** 2^-r for every register value (a rank is at most 17) */
const INV_POW2 = Float64Array.from({ length: 256 }, (_, r) => 2 ** -r);

export function hllEstimate(hll: Uint8Array): number {
  const m = hll.length;
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < m; i++) {
    const r = hll[i] as number;
    sum += INV_POW2[r] as number;
    if (r === 0) zeros++;
  }
  const alpha = 0.7213 / (1 + 1.079 / m);
  let e = (alpha * m * m) / sum;
  if (e <= 2.5 * m && zeros > 0) e = m * Math.log(m / zeros);
  return Math.round(e);
}
