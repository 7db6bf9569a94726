// Compensated (Neumaier) summation: a running sum and the low-order part it
// lost, so partial sums from different chunks or byte ranges add up to the
// same total.

/** adds x to the pair at a[at] (the sum) and a[at + 1] (its compensation) */
export function addCompAt(a: Float64Array, at: number, x: number): void {
  const s = a[at] as number;
  const t = s + x;
  if (Math.abs(s) >= Math.abs(x)) a[at + 1] = (a[at + 1] as number) + (s - t + x);
  else a[at + 1] = (a[at + 1] as number) + (x - t + s);
  a[at] = t;
}

/** A mergeable compensated sum. */
export class FSum {
  private s = 0;
  private c = 0;
  add(x: number): this {
    const t = this.s + x;
    if (Math.abs(this.s) >= Math.abs(x)) this.c += this.s - t + x;
    else this.c += x - t + this.s;
    this.s = t;
    return this;
  }
  /** adds another partial (sum, compensation) pair */
  addPair(sum: number, comp: number): this {
    this.add(sum);
    this.c += comp;
    return this;
  }
  get value(): number {
    return this.s + this.c;
  }
}
