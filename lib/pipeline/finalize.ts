// Aggregate state → the datasets of SPEC §5 and summary.json. Names are
// resolved here (aliases, typo merge), after the pass: every aggregate is a
// sum, so merging groups now is exact.
import { formatDate, formatMonth } from "./dates";
import { FSum } from "./fsum";
import { type ResolvedNames, resolveNames } from "./names";
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
  type RollupRow,
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
const MAX_ANOMALY_ROWS = 1000;

export interface Fences {
  /** by product key group: the fence of its final product */
  byKeyGroup: Float64Array;
  /** by product key group: 1 when its product's median discount is < 0.2 */
  discountByKeyGroup: Uint8Array;
  productNames: ResolvedNames;
  /** every row that may be flagged was kept as a candidate during the pass */
  candidatesComplete: boolean;
}

export function computeFences(state: AggregateState, options: PipelineOptions): Fences {
  const productNames = resolveNames("product", state.products, options.aliases, options.fuzzy);
  const n = state.products.length;
  const byKeyGroup = new Float64Array(n);
  const discountByKeyGroup = new Uint8Array(n);
  // merge the key groups of each final product
  const finals = new Map<string, { group: AnomalyGroupState; members: number[] }>();
  state.products.forEach((g, i) => {
    const display = productNames.displayOf.get(g.key) as string;
    let f = finals.get(display);
    if (!f) {
      f = { group: newAnomalyGroup(), members: [] };
      finals.set(display, f);
    }
    const a = state.anomalyGroups[i];
    if (a) {
      const m = f.group;
      m.sketch.merge(a.sketch);
      m.discN += a.discN;
      m.discLow += a.discLow;
      m.discLowMax = Math.max(m.discLowMax, a.discLowMax);
      m.discMidMin = Math.min(m.discMidMin, a.discMidMin);
    }
    f.members.push(i);
  });
  const globalFence = state.globalSketch.upperFence();
  let complete = !state.candidatesOverflowed;
  for (const f of finals.values()) {
    const g = f.group;
    const fence = g.sketch.n >= MIN_ROWS_FOR_OWN_FENCE ? g.sketch.upperFence() : globalFence;
    const lowMedian = medianDiscountBelow(g.discN, g.discLow, g.discLowMax, g.discMidMin) ? 1 : 0;
    for (const i of f.members) {
      byKeyGroup[i] = fence;
      discountByKeyGroup[i] = lowMedian;
      // rows at or below the threshold were not kept: none may be above the final fence
      const a = state.anomalyGroups[i];
      if (a && a.threshold > fence && a.sketch.mayHoldBetween(fence, a.threshold)) complete = false;
    }
  }
  return { byKeyGroup, discountByKeyGroup, productNames, candidatesComplete: complete };
}

function isFlagged(c: Candidate, f: Fences): boolean {
  return (
    c.revenue > (f.byKeyGroup[c.group] as number) ||
    (f.discountByKeyGroup[c.group] === 1 && c.discount >= 0.5)
  );
}

function scoreOf(c: Candidate, f: Fences): number {
  const fence = f.byKeyGroup[c.group] as number;
  const rev = c.revenue > fence ? c.revenue / Math.max(fence, 0.01) : 0;
  const disc = f.discountByKeyGroup[c.group] === 1 && c.discount >= 0.5 ? c.discount / 0.2 : 0;
  return Math.max(rev, disc);
}

/** Keeps the strongest anomalies (at most 1,000) in order: score desc, then line. */
export function topAnomalies(candidates: Candidate[], f: Fences): Candidate[] {
  return candidates
    .filter((c) => isFlagged(c, f))
    .map((c) => ({ c, s: scoreOf(c, f) }))
    .sort((a, b) => b.s - a.s || compareContent(a.c, b.c))
    .slice(0, MAX_ANOMALY_ROWS)
    .map((x) => x.c);
}

/** flagged rows over the retained values (exact when the candidates are complete) */
export function countAnomalies(state: AggregateState, f: Fences): number {
  let n = 0;
  state.anomalyGroups.forEach((g, i) => {
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

export interface AnomalyOverride {
  candidates: Candidate[];
  count: number;
}

export function finalize(
  state: AggregateState,
  options: PipelineOptions,
  durationMs: number,
  fences: Fences = computeFences(state, options),
  rescanned?: AnomalyOverride,
): PipelineResult {
  const regionNames = resolveNames("region", state.regions, options.aliases, options.fuzzy);
  const categoryNames = resolveNames("category", state.categories, options.aliases, options.fuzzy);
  const productOf = displayIndex(state.products, fences.productNames);
  const regionOf = displayIndex(state.regions, regionNames);
  const categoryOf = displayIndex(state.categories, categoryNames);
  const hasProfit = state.hasProfit;

  // rollup by final names
  interface Acc {
    revenue: FSum;
    profit: FSum;
    discountRevenue: FSum;
    discountSum: FSum;
    quantity: FSum;
    transactions: number;
  }
  const newAcc = (): Acc => ({
    revenue: new FSum(),
    profit: new FSum(),
    discountRevenue: new FSum(),
    discountSum: new FSum(),
    quantity: new FSum(),
    transactions: 0,
  });
  const cells = state.cells;
  const sums = cells.sums;
  /** adds the cell's (sum, compensation) pair at sums[at] */
  const addPairAt = (f: FSum, at: number) => f.addPair(sums[at] as number, sums[at + 1] as number);
  const addTo = (m: Map<string, Acc>, key: string, i: number) => {
    let a = m.get(key);
    if (!a) {
      a = newAcc();
      m.set(key, a);
    }
    const at = i * CELL_WIDTH;
    addPairAt(a.revenue, at + CELL_REVENUE);
    addPairAt(a.profit, at + CELL_PROFIT);
    addPairAt(a.discountRevenue, at + CELL_DISCOUNT_REVENUE);
    addPairAt(a.discountSum, at + CELL_DISCOUNT_SUM);
    addPairAt(a.quantity, at + CELL_QUANTITY);
    a.transactions += sums[at + CELL_TRANSACTIONS] as number;
  };
  const rollupMap = new Map<string, Acc>();
  const byMonth = new Map<string, Acc>();
  const byProduct = new Map<string, Acc>();
  const byRegion = new Map<string, Acc>();
  const byCategory = new Map<string, Acc>();
  const productCategory = new Map<string, Map<string, number>>();
  const total = newAcc();
  for (let i = 0; i < cells.count; i++) {
    const month = formatMonth(cells.monthKey[i] as number);
    const product = productOf[cells.product[i] as number] as string;
    const region = regionOf[cells.region[i] as number] as string;
    const category = categoryOf[cells.category[i] as number] as string;
    const at = i * CELL_WIDTH;
    const transactions = sums[at + CELL_TRANSACTIONS] as number;
    addTo(rollupMap, JSON.stringify([month, region, category, product]), i);
    addTo(byMonth, month, i);
    addTo(byProduct, product, i);
    addTo(byRegion, region, i);
    addTo(byCategory, category, i);
    let pc = productCategory.get(product);
    if (!pc) productCategory.set(product, (pc = new Map()));
    pc.set(category, (pc.get(category) ?? 0) + transactions);
    addPairAt(total.revenue, at + CELL_REVENUE);
    addPairAt(total.profit, at + CELL_PROFIT);
    addPairAt(total.quantity, at + CELL_QUANTITY);
    total.transactions += transactions;
  }
  const profitOf = (a: Acc) => (hasProfit ? a.profit.value : null);
  const byRevenue =
    <T extends { revenue: number }>(name: (t: T) => string) =>
    (a: T, b: T) =>
      b.revenue - a.revenue || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);

  const monthly: MonthlyRow[] = [...byMonth.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([month, a]) => ({
      month,
      revenue: a.revenue.value,
      profit: profitOf(a),
      quantity: a.quantity.value,
      transactions: a.transactions,
      avgDiscount: a.transactions > 0 ? a.discountSum.value / a.transactions : 0,
    }));

  const mostFrequentCategory = (product: string): string => {
    let best = "";
    let bestN = -1;
    for (const [cat, n] of productCategory.get(product) ?? []) {
      if (n > bestN || (n === bestN && cat < best)) {
        best = cat;
        bestN = n;
      }
    }
    return best;
  };
  const products: ProductRow[] = [...byProduct.entries()]
    .map(([product, a]) => ({
      product,
      category: mostFrequentCategory(product),
      revenue: a.revenue.value,
      profit: profitOf(a),
      quantity: a.quantity.value,
      transactions: a.transactions,
    }))
    .sort(byRevenue((r) => r.product));

  const totalRevenue = total.revenue.value;
  const regions: RegionRow[] = [...byRegion.entries()]
    .map(([region, a]) => ({
      region,
      revenue: a.revenue.value,
      profit: profitOf(a),
      quantity: a.quantity.value,
      transactions: a.transactions,
      revenueShare: 0,
    }))
    .sort(byRevenue((r) => r.region));
  const shares = fourDecimalShares(regions.map((r) => r.revenue));
  for (const [i, r] of regions.entries()) r.revenueShare = shares[i] as number;

  const categories: CategoryRow[] = [...byCategory.entries()]
    .map(([category, a]) => ({
      category,
      revenue: a.revenue.value,
      profit: profitOf(a),
      quantity: a.quantity.value,
      transactions: a.transactions,
      avgDiscount: a.revenue.value > 0 ? a.discountRevenue.value / a.revenue.value : 0,
    }))
    .sort(byRevenue((r) => r.category));

  const rollup: RollupRow[] = [...rollupMap.entries()].map(([k, a]) => {
    const [month, region, category, product] = JSON.parse(k) as [string, string, string, string];
    return {
      month,
      region,
      category,
      product,
      revenue: a.revenue.value,
      profit: a.profit.value,
      quantity: a.quantity.value,
      transactions: a.transactions,
      discountRevenue: a.discountRevenue.value,
      discountSum: a.discountSum.value,
    };
  });

  // anomalies
  const pool = rescanned ? rescanned.candidates : state.anomalyGroups.flatMap((g) => g.top);
  const top = topAnomalies(pool, fences);
  const anomalyCount = rescanned ? rescanned.count : countAnomalies(state, fences);
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
    rejectedByReason: state.rejectedByReason,
    repairs: state.repairs,
    revenue: totalRevenue,
    quantity: total.quantity.value,
    profit: hasProfit ? total.profit.value : null,
    transactions: total.transactions,
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
