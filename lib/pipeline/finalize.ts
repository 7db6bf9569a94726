// Aggregate state → the datasets of SPEC §5 and summary.json. Names are
// resolved here (aliases, typo merge), after the pass: every aggregate is a
// sum, so merging groups now is exact.
import { firstSeenIds, grow } from "./arrays";
import { formatDate, formatMonth } from "./dates";
import { addCompAt } from "./fsum";
import { type ResolvedNames, resolveNames } from "./names";
import { columnBytes, type RollupColumns } from "./rollup";
import { compareText } from "./strings";
import {
  type AggregateState,
  type AnomalyGroupState,
  type Candidate,
  CELL_DISCOUNT_REVENUE,
  CELL_DISCOUNT_SUM,
  CELL_PROFIT,
  CELL_QUANTITY,
  CELL_REVENUE,
  CELL_TRANSACTIONS,
  CELL_WIDTH,
  compareContent,
  hllEstimate,
  type KeyGroupState,
  MONTH_KEYS,
  medianDiscountBelow,
  newAnomalyGroup,
} from "./state";
import {
  type AnomalyRow,
  type CategoryRow,
  type MonthlyRow,
  ORDER_SET_MAX,
  type PipelineOptions,
  type PipelineResult,
  type ProductRow,
  type RegionRow,
  REJECT_REASONS,
  REPAIR_CODES,
  type Summary,
} from "./types";

/**
 * Shares of the total, rounded to the 4 decimals the files write and summing
 * to exactly 1 (largest remainder: the ten-thousandths that plain rounding
 * loses or adds go to the values it cut the most, earlier values first on a
 * tie). All zero when the total is 0.
 */
export function fourDecimalShares(values: readonly number[]): number[] {
  const total = values.reduce((s, v) => s + v, 0);
  if (!(total > 0)) return values.map(() => 0);
  const raw = values.map((v) => (v / total) * 10_000);
  const units = raw.map((r) => Math.floor(r));
  const cut = raw.map((r, i) => r - (units[i] as number));
  let left = 10_000 - units.reduce((s, u) => s + u, 0);
  const order = cut.map((_, i) => i).sort((a, b) => (cut[b] as number) - (cut[a] as number) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    units[i] = (units[i] as number) + 1;
    left--;
  }
  return units.map((u) => u / 10_000);
}

/** products with fewer valid rows use the fence over all valid rows */
const MIN_ROWS_FOR_OWN_FENCE = 20;
export const MAX_ANOMALY_ROWS = 1000;

export interface Fences {
  /** by product key group: the fence of its final product */
  byKeyGroup: Float64Array;
  /** by product key group: 1 when its product's median discount is < 0.2 */
  discountByKeyGroup: Uint8Array;
  productNames: ResolvedNames;
  /** every row that may be flagged was kept as a candidate during the pass */
  candidatesComplete: boolean;
  /**
   * by product key group: 1 when its product may have a flagged row that was
   * not kept (a second pass collects that product's rows; the others keep
   * the candidates and counts of the first)
   */
  incomplete: Uint8Array;
}

export function computeFences(state: AggregateState, options: PipelineOptions): Fences {
  const productNames = resolveNames("product", state.products, options.aliases, options.fuzzy);
  const n = state.products.length;
  const byKeyGroup = new Float64Array(n);
  const discountByKeyGroup = new Uint8Array(n);
  // the key groups of each final product, merged when there are several (a
  // product's one group stands as it is: on a file with 5,000 products the
  // copies cost 5,000 sketches)
  const finals = new Map<string, number[]>();
  state.products.forEach((g, i) => {
    const display = productNames.displayOf.get(g.key) as string;
    const members = finals.get(display);
    if (members) members.push(i);
    else finals.set(display, [i]);
  });
  const groupOf = (members: number[]): AnomalyGroupState => {
    const only = members.length === 1 ? state.anomalyGroups[members[0] as number] : undefined;
    if (only) return only;
    const m = newAnomalyGroup();
    for (const i of members) {
      const a = state.anomalyGroups[i];
      if (!a) continue;
      m.sketch.merge(a.sketch);
      m.discN += a.discN;
      m.discLow += a.discLow;
      m.discLowMax = Math.max(m.discLowMax, a.discLowMax);
      m.discMidMin = Math.min(m.discMidMin, a.discMidMin);
    }
    return m;
  };
  const globalFence = state.globalSketch.upperFence();
  const incomplete = new Uint8Array(n);
  let complete = true;
  for (const members of finals.values()) {
    const g = groupOf(members);
    const fence = g.sketch.n >= MIN_ROWS_FOR_OWN_FENCE ? g.sketch.upperFence() : globalFence;
    const lowMedian = medianDiscountBelow(g.discN, g.discLow, g.discLowMax, g.discMidMin) ? 1 : 0;
    // a row left out by a retention threshold must not be above the final fence
    let missed = state.candidatesOverflowed;
    for (const i of members) {
      byKeyGroup[i] = fence;
      discountByKeyGroup[i] = lowMedian;
      const a = state.anomalyGroups[i];
      if (a && a.droppedMax > fence) missed = true;
    }
    if (missed) {
      complete = false;
      for (const i of members) incomplete[i] = 1;
    }
  }
  return { byKeyGroup, discountByKeyGroup, productNames, candidatesComplete: complete, incomplete };
}

function isFlagged(c: Candidate, f: Fences): boolean {
  return scoreOf(c, f) > 0;
}

function scoreOf(c: Candidate, f: Fences): number {
  return anomalyScore(c.group, c.revenue, c.discount, f);
}

/**
 * A row's anomaly score from its key group, revenue and discount (SPEC §6):
 * above 0 exactly when it is flagged (revenue above the fence, which is at
 * least 0, or an unusual discount).
 */
export function anomalyScore(group: number, revenue: number, discount: number, f: Fences): number {
  const fence = f.byKeyGroup[group] as number;
  const rev = revenue > fence ? revenue / Math.max(fence, 0.01) : 0;
  const disc = f.discountByKeyGroup[group] === 1 && discount >= 0.5 ? discount / 0.2 : 0;
  return Math.max(rev, disc);
}

/** Keeps the strongest anomalies (at most 1,000) in order: score desc, then content. */
export function topAnomalies(candidates: Candidate[], f: Fences): Candidate[] {
  let flagged = candidates.filter((c) => isFlagged(c, f)).map((c) => ({ c, s: scoreOf(c, f) }));
  if (flagged.length > MAX_ANOMALY_ROWS) {
    // only rows scoring at least the 1,000th best score can be listed: sort those
    // (a numeric sort of the scores is native; a file can have 100,000 flagged rows)
    const scores = Float64Array.from(flagged, (x) => x.s).sort();
    const cut = scores[scores.length - MAX_ANOMALY_ROWS] as number;
    flagged = flagged.filter((x) => x.s >= cut);
  }
  return flagged
    .sort((a, b) => b.s - a.s || compareContent(a.c, b.c))
    .slice(0, MAX_ANOMALY_ROWS)
    .map((x) => x.c);
}

/** flagged rows over the retained values of the products whose candidates are complete */
export function countAnomalies(state: AggregateState, f: Fences): number {
  let n = 0;
  state.anomalyGroups.forEach((g, i) => {
    if (f.incomplete[i] === 1) return;
    const fence = f.byKeyGroup[i] as number;
    const lowMedian = f.discountByKeyGroup[i] === 1;
    for (let k = 0; k < g.count; k++) {
      if ((g.values[k] as number) > fence || (lowMedian && g.discountFlags[k] === 1)) n++;
    }
  });
  return n;
}

const money = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function displayIndex(groups: KeyGroupState[], names: ResolvedNames): string[] {
  return groups.map((g) => names.displayOf.get(g.key) as string);
}

/** the distinct names of a display index, and each group's id among them; used: marks ids that have cells */
function denseIds(display: string[]): { of: Int32Array; names: string[]; used: Uint8Array } {
  const ids = new Map<string, number>();
  const of = new Int32Array(display.length);
  const names: string[] = [];
  display.forEach((name, g) => {
    let id = ids.get(name);
    if (id === undefined) {
      id = names.length;
      ids.set(name, id);
      names.push(name);
    }
    of[g] = id;
  });
  return { of, names, used: new Uint8Array(names.length) };
}

/** by dense id: how many groups have that name */
function groupsPerName(ids: { of: Int32Array; names: string[] }): Int32Array {
  const n = new Int32Array(ids.names.length);
  for (let g = 0; g < ids.of.length; g++) n[ids.of[g] as number] = (n[ids.of[g] as number] as number) + 1;
  return n;
}

/**
 * Adds the cell at sums[from] to the totals at to[at] (both laid out as cells):
 * each (sum, compensation) pair by adding its sum with addCompAt and its
 * compensation as it is, transactions as they are.
 */
function addCell(to: Float64Array, at: number, sums: Float64Array, from: number): void {
  for (let f = 0; f < CELL_TRANSACTIONS; f += 2) {
    addCompAt(to, at + f, sums[from + f] as number);
    to[at + f + 1] = (to[at + f + 1] as number) + (sums[from + f + 1] as number);
  }
  to[at + CELL_TRANSACTIONS] =
    (to[at + CELL_TRANSACTIONS] as number) + (sums[from + CELL_TRANSACTIONS] as number);
}

/** what a second pass found for the products whose candidates were incomplete (Fences.incomplete) */
export interface AnomalyOverride {
  candidates: Candidate[];
  count: number;
}

type DenseIds = { of: Int32Array; names: string[]; used: Uint8Array };

/**
 * Lists the rollup rows: a cell is a row of its own unless one of its names
 * covers more than one group (spellings merged by an alias or the typo rule);
 * only those cells are keyed by their final names and added up, in byMerged.
 * Then adds every row to its month, product, region and category and to the
 * total (the totals, in that order): the bench file's 7,609 cells make 2,232
 * rows, and adding the cells themselves cost its result ~3 ms more, most of it
 * before V8 compiles this. A file with no merges keys none: on a SKU-level
 * file with 818,000 cells the keys took about a third of building the result.
 * A function of its own (and typed arrays, not pushes): the optimizing
 * compiler takes over its loop at once, where inside finalize a 900,000-cell
 * file ran it unoptimized for most of a second.
 */
function addUpCells(
  cells: AggregateState["cells"],
  monthOf: Int32Array,
  [product, region, category]: [DenseIds, DenseIds, DenseIds],
  [pGroups, rGroups, cGroups]: [Int32Array, Int32Array, Int32Array],
  numericKeys: boolean,
  [byMonth, byProduct, byRegion, byCategory, total]: [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ],
): { rowCell: Int32Array; rowMerged: Int32Array; rows: number; byMerged: Float64Array } {
  const sums = cells.sums;
  const nP = product.names.length;
  const nR = region.names.length;
  const nC = category.names.length;
  const mergedOf = new Map<number | string, number>();
  /** by rollup row: its first cell, and its merged row (-1: the row is that cell alone) */
  const rowCell = new Int32Array(cells.count);
  const rowMerged = new Int32Array(cells.count);
  let rows = 0;
  let byMerged = new Float64Array(16 * CELL_WIDTH);
  let nMerged = 0;
  for (let i = 0; i < cells.count; i++) {
    const at = i * CELL_WIDTH;
    const m = monthOf[i] as number;
    const p = product.of[cells.product[i] as number] as number;
    const r = region.of[cells.region[i] as number] as number;
    const c = category.of[cells.category[i] as number] as number;
    product.used[p] = 1;
    region.used[r] = 1;
    category.used[c] = 1;
    if (pGroups[p] === 1 && rGroups[r] === 1 && cGroups[c] === 1) {
      rowCell[rows] = i;
      rowMerged[rows++] = -1;
    } else {
      const key = numericKeys ? ((m * nR + r) * nC + c) * nP + p : `${m},${r},${c},${p}`;
      let row = mergedOf.get(key);
      if (row === undefined) {
        row = nMerged++;
        mergedOf.set(key, row);
        rowCell[rows] = i;
        rowMerged[rows++] = row;
        byMerged = grow(byMerged, nMerged * CELL_WIDTH);
      }
      addCell(byMerged, row * CELL_WIDTH, sums, at);
    }
  }
  // then each rollup row (fewer than the cells where names merged) to its
  // month, product, region, category and the total
  for (let k = 0; k < rows; k++) {
    const i = rowCell[k] as number;
    const merged = rowMerged[k] as number;
    const from = merged < 0 ? sums : byMerged;
    const at = (merged < 0 ? i : merged) * CELL_WIDTH;
    addCell(byMonth, (monthOf[i] as number) * CELL_WIDTH, from, at);
    addCell(byProduct, (product.of[cells.product[i] as number] as number) * CELL_WIDTH, from, at);
    addCell(byRegion, (region.of[cells.region[i] as number] as number) * CELL_WIDTH, from, at);
    addCell(byCategory, (category.of[cells.category[i] as number] as number) * CELL_WIDTH, from, at);
    addCell(total, 0, from, at);
  }
  return { rowCell, rowMerged, rows, byMerged };
}

/** a (sum, compensation) pair of a cell-shaped array as one number */
function pairValue(a: Float64Array, at: number, f: number): number {
  return (a[at + f] as number) + (a[at + f + 1] as number);
}

/**
 * Fills the rollup's columns from its rows (addUpCells), in product order (a
 * counting sort): a product's rows are side by side for the dashboard's
 * slices and groupings by product. Returns, by product, where its rows end
 * (product p's rows are end[p - 1] .. end[p], from 0 for the first).
 */
function fillRollup(
  rollup: RollupColumns,
  cells: AggregateState["cells"],
  monthOf: Int32Array,
  [product, region, category]: [DenseIds, DenseIds, DenseIds],
  rowCell: Int32Array,
  rowMerged: Int32Array,
  byMerged: Float64Array,
): Int32Array {
  const { ids, values } = rollup;
  const rows = rollup.cells;
  const sums = cells.sums;
  const nP = product.names.length;
  const start = new Int32Array(nP + 1);
  for (let k = 0; k < rows; k++) {
    const p = (product.of[cells.product[rowCell[k] as number] as number] as number) + 1;
    start[p] = (start[p] as number) + 1;
  }
  for (let p = 0; p < nP; p++) start[p + 1] = (start[p + 1] as number) + (start[p] as number);
  for (let k = 0; k < rows; k++) {
    const i = rowCell[k] as number;
    const merged = rowMerged[k] as number;
    const p = product.of[cells.product[i] as number] as number;
    const row = start[p] as number;
    start[p] = row + 1;
    // a cell's own (sum, compensation) pairs are what adding it to zeros gives
    const from = merged < 0 ? sums : byMerged;
    const at = (merged < 0 ? i : merged) * CELL_WIDTH;
    ids.month[row] = monthOf[i] as number;
    ids.region[row] = region.of[cells.region[i] as number] as number;
    ids.category[row] = category.of[cells.category[i] as number] as number;
    ids.product[row] = p;
    values.revenue[row] = pairValue(from, at, CELL_REVENUE);
    values.profit[row] = pairValue(from, at, CELL_PROFIT);
    values.quantity[row] = pairValue(from, at, CELL_QUANTITY);
    values.transactions[row] = from[at + CELL_TRANSACTIONS] as number;
    values.discountRevenue[row] = pairValue(from, at, CELL_DISCOUNT_REVENUE);
    values.discountSum[row] = pairValue(from, at, CELL_DISCOUNT_SUM);
  }
  return start;
}

/**
 * The counts with their keys in the spec's order (reasons by check order,
 * repairs as SPEC §3 lists them), not in the order the rows first met them:
 * summary.json is then the same bytes whatever the row order or the split.
 */
function inListOrder<K extends string>(
  counts: Partial<Record<K, number>>,
  order: readonly K[],
): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const k of order) if (counts[k] !== undefined) out[k] = counts[k];
  return out;
}

export function finalize(
  state: AggregateState,
  options: PipelineOptions,
  durationMs: number,
  fences: Fences = computeFences(state, options),
  rescanned?: AnomalyOverride,
  firstPass?: Candidate[],
): PipelineResult {
  const regionNames = resolveNames("region", state.regions, options.aliases, options.fuzzy);
  const categoryNames = resolveNames("category", state.categories, options.aliases, options.fuzzy);
  const productOf = displayIndex(state.products, fences.productNames);
  const regionOf = displayIndex(state.regions, regionNames);
  const categoryOf = displayIndex(state.categories, categoryNames);
  const hasProfit = state.hasProfit;

  // Every cell's figures go to its rollup row, month, product, region and
  // category under the final names. Names become dense ids first, and each
  // total is a (sum, compensation) pair in a typed array laid out like a
  // cell, so a cell costs a few array additions, not a string key and five
  // map lookups (a file with a million cells finalizes in a fraction of a
  // second).
  const cells = state.cells;
  const product = denseIds(productOf);
  const region = denseIds(regionOf);
  const category = denseIds(categoryOf);
  // by cell: its month's id (month keys are year × 12 + month − 1, years 1–9999)
  const months = firstSeenIds(cells.monthKey, cells.count, MONTH_KEYS);
  const monthOf = months.of;
  const monthKeys = months.first.map((i) => cells.monthKey[i] as number);
  const nP = product.names.length;
  const nR = region.names.length;
  const nC = category.names.length;
  const byMonth = new Float64Array(monthKeys.length * CELL_WIDTH);
  const byProduct = new Float64Array(nP * CELL_WIDTH);
  const byRegion = new Float64Array(nR * CELL_WIDTH);
  const byCategory = new Float64Array(nC * CELL_WIDTH);
  const total = new Float64Array(CELL_WIDTH);
  const pGroups = groupsPerName(product);
  const rGroups = groupsPerName(region);
  const cGroups = groupsPerName(category);
  // a numeric key when (month, region, category, product) fits one
  const numericKeys = Number.isSafeInteger(monthKeys.length * nR * nC * nP);
  const { rowCell, rowMerged, rows, byMerged } = addUpCells(
    cells,
    monthOf,
    [product, region, category],
    [pGroups, rGroups, cGroups],
    numericKeys,
    [byMonth, byProduct, byRegion, byCategory, total],
  );
  const figures = (a: Float64Array, id: number) => {
    const at = id * CELL_WIDTH;
    return {
      revenue: pairValue(a, at, CELL_REVENUE),
      profit: hasProfit ? pairValue(a, at, CELL_PROFIT) : null,
      quantity: pairValue(a, at, CELL_QUANTITY),
      transactions: a[at + CELL_TRANSACTIONS] as number,
    };
  };
  const byRevenue =
    <T extends { revenue: number }>(name: (t: T) => string) =>
    (a: T, b: T) =>
      b.revenue - a.revenue || compareText(name(a), name(b));

  const monthly: MonthlyRow[] = monthKeys
    .map((k, id) => {
      const f = figures(byMonth, id);
      const discountSum = pairValue(byMonth, id * CELL_WIDTH, CELL_DISCOUNT_SUM);
      return {
        month: formatMonth(k),
        ...f,
        avgDiscount: f.transactions > 0 ? discountSum / f.transactions : 0,
      };
    })
    .sort((a, b) => (a.month < b.month ? -1 : 1));

  const totals = figures(total, 0);
  const totalRevenue = totals.revenue;
  const regions: RegionRow[] = region.names
    .map((name, id) => ({ region: name, ...figures(byRegion, id), revenueShare: 0 }))
    .filter((_, id) => region.used[id] === 1)
    .sort(byRevenue((r) => r.region));
  const shares = fourDecimalShares(regions.map((r) => r.revenue));
  for (const [i, r] of regions.entries()) r.revenueShare = shares[i] as number;

  const categories: CategoryRow[] = category.names
    .map((name, id) => {
      const f = figures(byCategory, id);
      const discountRevenue = pairValue(byCategory, id * CELL_WIDTH, CELL_DISCOUNT_REVENUE);
      return { category: name, ...f, avgDiscount: f.revenue > 0 ? discountRevenue / f.revenue : 0 };
    })
    .filter((_, id) => category.used[id] === 1)
    .sort(byRevenue((r) => r.category));

  // the rollup as columns: an object per row cost ~0.5 s and ~170 MB on a SKU-level file
  const rollup: RollupColumns = {
    cells: rows,
    names: {
      month: monthKeys.map(formatMonth),
      region: region.names,
      category: category.names,
      product: product.names,
    },
    ids: {
      month: new Uint32Array(rows),
      region: new Uint32Array(rows),
      category: new Uint32Array(rows),
      product: new Uint32Array(rows),
    },
    values: {
      revenue: new Float64Array(rows),
      profit: new Float64Array(rows),
      quantity: new Float64Array(rows),
      transactions: new Float64Array(rows),
      discountRevenue: new Float64Array(rows),
      discountSum: new Float64Array(rows),
    },
    byteLength: columnBytes(rows),
  };
  const { ids, values } = rollup;
  const start = fillRollup(rollup, cells, monthOf, [product, region, category], rowCell, rowMerged, byMerged);

  // a product's category is its most frequent one (by transactions), ties to
  // the first by name in code point order, as the dashboard's queries pick it
  // (rollup-columns.ts): counted over its rollup rows, which are side by side
  const categoryOfProduct = new Array<string>(nP).fill("");
  const count = new Float64Array(nC);
  const seen: number[] = [];
  for (let p = 0, row = 0; p < nP; p++) {
    for (; row < (start[p] as number); row++) {
      const c = ids.category[row] as number;
      if (count[c] === 0) seen.push(c);
      count[c] = (count[c] as number) + (values.transactions[row] as number);
    }
    let best = "";
    let bestN = -1;
    for (const c of seen) {
      const n = count[c] as number;
      const cat = category.names[c] as string;
      if (n > bestN || (n === bestN && compareText(cat, best) < 0)) {
        best = cat;
        bestN = n;
      }
      count[c] = 0;
    }
    seen.length = 0;
    categoryOfProduct[p] = best;
  }
  const products: ProductRow[] = product.names
    .map((name, id) => ({
      product: name,
      category: categoryOfProduct[id] as string,
      ...figures(byProduct, id),
    }))
    .filter((_, id) => product.used[id] === 1)
    .sort(byRevenue((r) => r.product));

  // anomalies
  // the first pass's candidates and counts where they are complete (`firstPass`:
  // those that can make the list, chosen already), a second pass's elsewhere
  const pool = firstPass ?? state.anomalyGroups.flatMap((g, i) => (fences.incomplete[i] === 1 ? [] : g.top));
  if (rescanned) for (const c of rescanned.candidates) pool.push(c);
  const top = topAnomalies(pool, fences);
  const anomalyCount = (rescanned?.count ?? 0) + countAnomalies(state, fences);
  const anomalies: AnomalyRow[] = top.map((c) => {
    const product = productOf[c.group] as string;
    const fence = fences.byKeyGroup[c.group] as number;
    const reasons: string[] = [];
    if (c.revenue > fence) {
      const times = c.revenue / Math.max(fence, 0.01);
      reasons.push(
        `revenue ${money.format(c.revenue)} is ${times >= 100 ? whole.format(times) : times.toFixed(1)}× the usual ceiling for ${product}`,
      );
    }
    if (fences.discountByKeyGroup[c.group] === 1 && c.discount >= 0.5) {
      reasons.push(
        `unusual discount: ${Math.round(c.discount * 1000) / 10}% on ${product}, whose median discount is under 20%`,
      );
    }
    return {
      line: c.line,
      orderId: c.orderId,
      saleDate: formatDate(c.date),
      product,
      region: regionOf[c.region] ?? "Unknown",
      category: categoryOf[c.category] ?? "Uncategorized",
      quantity: c.quantity,
      unitPrice: c.unitPrice,
      discount: c.discount,
      revenue: c.revenue,
      score: scoreOf(c, fences),
      reason: reasons.join("; "),
    };
  });

  const cleaning = [...fences.productNames.cleaning, ...regionNames.cleaning, ...categoryNames.cleaning];

  let orders: number | null = null;
  if (state.hasOrders) {
    // the estimate is used only past ORDER_SET_MAX distinct ids, so it never says fewer
    orders = state.orderSet
      ? state.orderSet.size
      : Math.max(hllEstimate(state.hll as Uint8Array), ORDER_SET_MAX + 1);
  }

  const seconds = durationMs / 1000;
  const summary: Summary = {
    rowsRead: state.rowsRead,
    rowsValid: state.rowsValid,
    rowsRejected: state.rowsRejected,
    rejectedByReason: inListOrder(state.rejectedByReason, REJECT_REASONS),
    repairs: inListOrder(state.repairs, REPAIR_CODES),
    revenue: totalRevenue,
    quantity: totals.quantity,
    profit: totals.profit,
    transactions: totals.transactions,
    orders,
    dateFrom: state.dateMin === null ? null : formatDate(state.dateMin),
    dateTo: state.dateMax === null ? null : formatDate(state.dateMax),
    anomalies: anomalyCount,
    mapping: state.mapping,
    delimiter: state.delimiter,
    encoding: state.encoding,
    dayFirst: state.dayFirst,
    durationMs: Math.round(durationMs),
    rowsPerSecond: seconds > 0 ? Math.round(state.rowsRead / seconds) : state.rowsRead,
  };
  return { summary, monthly, products, regions, categories, anomalies, cleaning, rollup };
}
