// The mergeable aggregate state a pass leaves behind. Two states from
// different byte ranges of one file merge (mergeStates) into the state of a
// single pass over both; finalize() turns a state into the datasets of §5.
import type { Encoding } from "./decode";
import { QuantileSketch } from "./sketch";
import { hashSlice } from "./strings";
import type { RejectReason, RepairCode } from "./types";

export interface KeyGroupState {
  key: string;
  /** display-form spelling → valid rows */
  spellings: Map<string, number>;
  rows: number;
}

/** a compensated sum: [sum, compensation] */
export type Pair = [number, number];

export interface CellState {
  /** indexes into products / regions / categories */
  product: number;
  region: number;
  category: number;
  /** y*12 + (m-1) */
  monthKey: number;
  revenue: Pair;
  profit: Pair;
  discountRevenue: Pair;
  /** compensated like the money sums: discounts and fractional quantities add up the same in any order */
  discountSum: Pair;
  quantity: Pair;
  transactions: number;
}

export interface AnomalyGroupState {
  sketch: QuantileSketch;
  /** rows of this key group with revenue ≤ threshold and discount < 0.5 were not retained */
  threshold: number;
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

/** drops retained rows the (raised) threshold no longer covers */
export function pruneValues(g: AnomalyGroupState): void {
  let w = 0;
  for (let i = 0; i < g.count; i++) {
    const v = g.values[i] as number;
    const f = g.discountFlags[i] as number;
    if (v > g.threshold || f === 1) {
      g.values[w] = v;
      g.discountFlags[w] = f;
      w++;
    }
  }
  g.count = w;
}

export interface Candidate {
  /** product key group */
  group: number;
  /** region key group */
  region: number;
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
  cells: CellState[];
  /** by product key group */
  anomalyGroups: AnomalyGroupState[];
  globalSketch: QuantileSketch;
  /** retained rows were dropped for memory: the anomalies need a second pass */
  candidatesOverflowed: boolean;
}

function addPair(a: Pair, b: Pair): Pair {
  const s = a[0] + b[0];
  const c =
    Math.abs(a[0]) >= Math.abs(b[0]) ? a[1] + b[1] + (a[0] - s + b[0]) : a[1] + b[1] + (b[0] - s + a[0]);
  return [s, c];
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

/**
 * Merges the state of a later byte range (b, with its line numbers already
 * absolute) into an earlier one (a). Header facts come from a.
 */
export function mergeStates(a: AggregateState, b: AggregateState): AggregateState {
  const p = mergeGroups(a.products, b.products);
  const r = mergeGroups(a.regions, b.regions);
  const c = mergeGroups(a.categories, b.categories);
  const cellIndex = new Map<string, number>();
  const cells: CellState[] = [];
  const put = (cell: CellState) => {
    const k = `${cell.product}|${cell.region}|${cell.category}|${cell.monthKey}`;
    const i = cellIndex.get(k);
    if (i === undefined) {
      cellIndex.set(k, cells.length);
      cells.push({ ...cell });
      return;
    }
    const m = cells[i] as CellState;
    m.revenue = addPair(m.revenue, cell.revenue);
    m.profit = addPair(m.profit, cell.profit);
    m.discountRevenue = addPair(m.discountRevenue, cell.discountRevenue);
    m.discountSum = addPair(m.discountSum, cell.discountSum);
    m.quantity = addPair(m.quantity, cell.quantity);
    m.transactions += cell.transactions;
  };
  for (const cell of a.cells) put(cell);
  for (const cell of b.cells) {
    put({
      ...cell,
      product: p.mapB[cell.product] as number,
      region: r.mapB[cell.region] as number,
      category: c.mapB[cell.category] as number,
    });
  }
  const anomalyGroups: AnomalyGroupState[] = p.merged.map(() => newAnomalyGroup());
  const addAnomaly = (src: AnomalyGroupState | undefined, to: number, region: (r: number) => number) => {
    if (!src) return;
    const g = anomalyGroups[to] as AnomalyGroupState;
    g.sketch.merge(src.sketch);
    g.threshold = Math.max(g.threshold, src.threshold);
    g.discN += src.discN;
    g.discLow += src.discLow;
    g.discLowMax = Math.max(g.discLowMax, src.discLowMax);
    g.discMidMin = Math.min(g.discMidMin, src.discMidMin);
    g.discHigh += src.discHigh;
    for (let i = 0; i < src.count; i++) {
      retainValue(g, src.values[i] as number, src.discountFlags[i] as number);
    }
    for (const c of src.top) g.top.push({ ...c, group: to, region: region(c.region) });
  };
  for (const [i, g] of a.anomalyGroups.entries()) addAnomaly(g, i, (k) => k);
  for (const [i, g] of b.anomalyGroups.entries())
    addAnomaly(g, p.mapB[i] as number, (k) => r.mapB[k] as number);
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

/**
 * exact distinct order ids up to this many, then a HyperLogLog estimate
 * (±0.4%): a larger exact set costs a cache miss per row (~0.4 µs measured)
 */
export const ORDER_SET_MAX = 50_000;

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

export function hllEstimate(hll: Uint8Array): number {
  const m = hll.length;
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < m; i++) {
    sum += 2 ** -(hll[i] as number);
    if (hll[i] === 0) zeros++;
  }
  const alpha = 0.7213 / (1 + 1.079 / m);
  let e = (alpha * m * m) / sum;
  if (e <= 2.5 * m && zeros > 0) e = m * Math.log(m / zeros);
  return Math.round(e);
}
