// Quartiles for the anomaly fences (SPEC §6). Exact for small groups; past
// EXACT_MAX values a log-bucket histogram (relative value error ≤ 0.5%, rank
// error 0: bucket counts are exact). Counts only, so the result depends on
// the multiset of values, never on their order or on chunking, and two
// sketches merge exactly. Each bucket also keeps the smallest and largest value
// it holds and clamps its representative into them, so a bucket of equal values
// (a product that always sells at 99.99) gives that exact value, and a fence
// never lands a hair below the value it was computed from.

/** values kept exactly (a product of that many rows gets its exact quartiles) */
export const EXACT_MAX = 256;
const GAMMA = 1.01;
const INV_LOG_GAMMA = 1 / Math.log(GAMMA);
/** values at or below this are counted in the zero bucket */
const TINY = 1e-9;
const ZERO_BUCKET = -0x40000000;

export class QuantileSketch {
  n = 0;
  private exact: number[] | null = [];
  private zero = 0;
  private lo = 0; // bucket index of bins[0]
  private bins: Float64Array | null = null;
  /** by bucket: the smallest and the largest value counted in it */
  private bmin: Float64Array | null = null;
  private bmax: Float64Array | null = null;

  add(v: number): void {
    this.addBucketed(v, QuantileSketch.bucketOf(v));
  }

  /** bucket index of v (computed once when a value goes into several sketches) */
  static bucketOf(v: number): number {
    return v <= TINY ? ZERO_BUCKET : Math.floor(Math.log(v) * INV_LOG_GAMMA);
  }

  addBucketed(v: number, bucket: number): void {
    this.n++;
    if (this.exact !== null) {
      this.exact.push(v);
      if (this.exact.length > EXACT_MAX) this.toHistogram();
      return;
    }
    this.addToBucket(bucket, 1, v, v);
  }

  private toHistogram(): void {
    const values = this.exact as number[];
    this.exact = null;
    // bins for the spread the values already show, with room to spare: a
    // product of a sales file (a few hundred rows, prices times quantities)
    // otherwise grew its bins four or five times, three arrays each time
    const buckets = values.map(QuantileSketch.bucketOf);
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const b of buckets) {
      if (b === ZERO_BUCKET) continue;
      if (b < low) low = b;
      if (b > high) high = b;
    }
    if (low <= high) this.cover(low, high);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      this.addToBucket(buckets[i] as number, 1, v, v);
    }
  }

  /**
   * Makes the bins cover buckets low..high: the first bins hold twice their
   * span (at least 64), and bins that must grow at least double, the new room
   * going to the side that needed it.
   */
  private cover(low: number, high: number): void {
    const bins = this.bins;
    if (bins === null) {
      const span = high - low + 1;
      const size = Math.max(64, span * 2);
      this.lo = low - ((size - span) >> 1);
      this.bins = new Float64Array(size);
      this.bmin = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
      this.bmax = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
      return;
    }
    const lo = this.lo;
    const hi = lo + bins.length; // exclusive
    if (low >= lo && high < hi) return;
    let newLo = Math.min(lo, low);
    let newHi = Math.max(hi, high + 1);
    const extra = Math.max(bins.length * 2, newHi - newLo) - (newHi - newLo);
    if (low < lo && high >= hi) {
      newLo -= extra >> 1;
      newHi += extra - (extra >> 1);
    } else if (low < lo) newLo -= extra;
    else newHi += extra;
    const size = newHi - newLo;
    const at = lo - newLo;
    const grown = new Float64Array(size);
    grown.set(bins, at);
    const grownMin = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
    grownMin.set(this.bmin as Float64Array, at);
    const grownMax = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
    grownMax.set(this.bmax as Float64Array, at);
    this.bins = grown;
    this.bmin = grownMin;
    this.bmax = grownMax;
    this.lo = newLo;
  }

  /** counts `count` values in bucket idx, the smallest vmin and the largest vmax */
  private addToBucket(idx: number, count: number, vmin: number, vmax: number): void {
    if (idx === ZERO_BUCKET) {
      this.zero += count;
      return;
    }
    let off = idx - this.lo;
    if (this.bins === null || off < 0 || off >= this.bins.length) {
      this.cover(idx, idx);
      off = idx - this.lo;
    }
    const bins = this.bins as Float64Array;
    const bmin = this.bmin as Float64Array;
    const bmax = this.bmax as Float64Array;
    bins[off] = (bins[off] as number) + count;
    if (vmin < (bmin[off] as number)) bmin[off] = vmin;
    if (vmax > (bmax[off] as number)) bmax[off] = vmax;
  }

  merge(other: QuantileSketch): void {
    if (other.exact !== null) {
      for (const v of other.exact) this.add(v);
      return;
    }
    if (this.exact !== null) this.toHistogram();
    this.n += other.n;
    this.zero += other.zero;
    const ob = other.bins;
    if (ob) {
      const omin = other.bmin as Float64Array;
      const omax = other.bmax as Float64Array;
      // grow once for the other's buckets in use, not bucket by bucket
      let first = 0;
      let last = ob.length - 1;
      while (first <= last && ob[first] === 0) first++;
      while (last >= first && ob[last] === 0) last--;
      if (first <= last) this.cover(other.lo + first, other.lo + last);
      for (let i = first; i <= last; i++) {
        const c = ob[i] as number;
        if (c > 0) this.addToBucket(other.lo + i, c, omin[i] as number, omax[i] as number);
      }
    }
  }

  /** value of the k-th smallest (0-based) */
  private orderStat(k: number, sorted: Float64Array | null): number {
    if (sorted) return sorted[k] as number;
    if (k < this.zero) return 0;
    let seen = this.zero;
    const bins = this.bins as Float64Array;
    for (let i = 0; i < bins.length; i++) {
      seen += bins[i] as number;
      if (k < seen) {
        const idx = this.lo + i;
        // midpoint of [γ^idx, γ^(idx+1)) in the DDSketch sense, within the values seen there
        const mid = (2 * GAMMA ** (idx + 1)) / (GAMMA + 1);
        return Math.min(
          Math.max(mid, (this.bmin as Float64Array)[i] as number),
          (this.bmax as Float64Array)[i] as number,
        );
      }
    }
    return 0;
  }

  /** quantile by linear interpolation between order statistics (like numpy's default) */
  quantile(q: number): number {
    return this.quantileOf(q, this.sortedExact());
  }

  /**
   * the exact values in order, or null past them: a typed array sorts numbers
   * without a comparator or a boxed number per value (a sort per quartile
   * allocated ~110 MB on a file with 5,000 products)
   */
  private sortedExact(): Float64Array | null {
    return this.exact === null ? null : Float64Array.from(this.exact).sort();
  }

  private quantileOf(q: number, sorted: Float64Array | null): number {
    if (this.n === 0) return 0;
    const pos = q * (this.n - 1);
    const k = Math.floor(pos);
    const a = this.orderStat(k, sorted);
    if (k + 1 >= this.n) return a;
    const b = this.orderStat(k + 1, sorted);
    return a + (b - a) * (pos - k);
  }

  /** Q3 + 3·IQR */
  upperFence(): number {
    const sorted = this.sortedExact();
    const q1 = this.quantileOf(0.25, sorted);
    const q3 = this.quantileOf(0.75, sorted);
    return q3 + 3 * (q3 - q1);
  }
}
