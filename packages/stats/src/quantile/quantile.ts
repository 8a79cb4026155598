import { assertProbability } from '../errors/assertArguments';

/**
 * The `p`-quantile of ascending `sorted`, by numpy's default `'linear'` method (Hyndman & Fan
 * type 7): position `(n - 1) * p`, linear interpolation between its neighbours. NaNs, which a
 * typed-array sort puts last, are ignored; no values gives NaN. Throws for `p` outside [0, 1].
 */
export function quantile(sorted: Float64Array, p: number): number {
  assertProbability('p', p);
  let n = sorted.length;
  while (n > 0 && sorted[n - 1] !== sorted[n - 1]) n--;
  if (n === 0) return NaN;
  const position = (n - 1) * p;
  const below = Math.floor(position);
  return interpolate(sorted[below], sorted[Math.min(below + 1, n - 1)], position - below);
}

/**
 * numpy's `_lerp`: from `a` towards `b` by `gamma`, computed from the nearer end so the result
 * never overshoots its neighbours. Same result as numpy for finite values; returns `a` where
 * numpy's arithmetic would make NaN of infinities (`-Inf + Inf * 0`).
 */
export function interpolate(a: number, b: number, gamma: number): number {
  if (gamma === 0 || a === b) return a;
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}
