// Compensated (Neumaier) summation over parallel arrays: sums[i] holds the
// running sum and comp[i] the lost low-order part, so partial sums from
// different chunks or byte ranges add up to the same total.

export function addComp(sums: Float64Array, comp: Float64Array, i: number, x: number): void {
  const s = sums[i] as number;
  const t = s + x;
  if (Math.abs(s) >= Math.abs(x)) comp[i] = (comp[i] as number) + (s - t + x);
  else comp[i] = (comp[i] as number) + (x - t + s);
  sums[i] = t;
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
