/**
 * An increasing isotonic fit as plain data: prediction interpolates linearly between the points and
 * clips outside them (scikit-learn's `IsotonicRegression(out_of_bounds='clip')`).
 */
export interface IsotonicFit {
  x: number[];
  y: number[];
}

/**
 * Pool-adjacent-violators on (x, y): equal x are first merged into their mean y (weighted by count,
 * as sklearn does), then neighbouring blocks that decrease are pooled until the fit never decreases.
 * O(n log n) for the sort, O(n) for the pooling.
 */
export function fitIsotonic(x: ArrayLike<number>, y: ArrayLike<number>): IsotonicFit {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`fitIsotonic: x has ${n} values, y has ${y.length}`);
  if (n === 0) throw new RangeError('fitIsotonic: no points to fit');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const ux: number[] = [];
  const sum: number[] = [];
  const weight: number[] = [];
  for (const i of order) {
    const last = ux.length - 1;
    if (last >= 0 && ux[last] === x[i]) {
      sum[last]! += y[i]!;
      weight[last]!++;
    } else {
      ux.push(x[i]!);
      sum.push(y[i]!);
      weight.push(1);
    }
  }
  // Blocks on a stack: each holds its total, its weight and how many unique x it spans.
  const bSum: number[] = [];
  const bWeight: number[] = [];
  const bSpan: number[] = [];
  for (let j = 0; j < ux.length; j++) {
    let s = sum[j]!;
    let w = weight[j]!;
    let span = 1;
    while (bSum.length && bSum[bSum.length - 1]! / bWeight[bWeight.length - 1]! >= s / w) {
      s += bSum.pop()!;
      w += bWeight.pop()!;
      span += bSpan.pop()!;
    }
    bSum.push(s);
    bWeight.push(w);
    bSpan.push(span);
  }
  const fitted: number[] = [];
  bSum.forEach((s, b) => {
    for (let k = 0; k < bSpan[b]!; k++) fitted.push(s / bWeight[b]!);
  });
  return { x: ux, y: fitted };
}

/** The fit at `v`: linear between neighbouring points, the end values outside them. */
export function predictIsotonic(fit: IsotonicFit, v: number): number {
  const { x, y } = fit;
  const last = x.length - 1;
  if (v <= x[0]!) return y[0]!;
  if (v >= x[last]!) return y[last]!;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= v) lo = mid;
    else hi = mid;
  }
  const t = (v - x[lo]!) / (x[hi]! - x[lo]!);
  return y[lo]! + t * (y[hi]! - y[lo]!);
}
