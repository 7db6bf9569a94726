// Compensated (Neumaier) summation: a running sum and the low-order part it
// lost, so partial sums from different chunks or byte ranges add up to the
// same total.

/**
 * adds x to the pair at a[at] (the sum) and a[at + 1] (its compensation); the
 * pair's value is a[at] + a[at + 1]
 */
export function addCompAt(a: Float64Array, at: number, x: number): void {
  const s = a[at] as number;
  const t = s + x;
  if (Math.abs(s) >= Math.abs(x)) a[at + 1] = (a[at + 1] as number) + (s - t + x);
  else a[at + 1] = (a[at + 1] as number) + (x - t + s);
  a[at] = t;
}

/**
 * adds x to sum[at] and what that addition rounded off to err[at] (TwoSum: exact
 * whichever operand is larger, with no branch); the value is sum[at] + err[at]
 */
export function addExactAt(sum: Float64Array, err: Float64Array, at: number, x: number): void {
  const s = sum[at] as number;
  const t = s + x;
  const z = t - s;
  err[at] = (err[at] as number) + (s - (t - z) + (x - z));
  sum[at] = t;
}
