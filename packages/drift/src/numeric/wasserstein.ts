import { emptySample } from '../errors/DriftError';
import { sortedPresent } from './sortedPresent';

/**
 * First Wasserstein (earth mover's) distance between two samples (scipy.stats.wasserstein_distance,
 * unweighted): ∫|F_a(x) − F_b(x)| dx over the merged support. NaNs are dropped first.
 */
export function wasserstein(reference: Float64Array | readonly number[], current: Float64Array | readonly number[]): number {
  const a = sortedPresent(reference);
  const b = sortedPresent(current);
  if (a.values.length === 0) throw emptySample('reference', a.excluded);
  if (b.values.length === 0) throw emptySample('current', b.excluded);
  return wassersteinSorted(a.values, b.values);
}

/** `wasserstein` of two ascending, NaN-free, non-empty samples (not checked). */
export function wassersteinSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let sum = 0;
  let v = a[0] < b[0] ? a[0] : b[0];
  // Walk the distinct values in order; between v and the next value both CDFs are flat.
  while (i < n1 || j < n2) {
    while (i < n1 && a[i] === v) i++;
    while (j < n2 && b[j] === v) j++;
    if (i === n1 && j === n2) break;
    const next = i === n1 ? b[j] : j === n2 ? a[i] : a[i] < b[j] ? a[i] : b[j];
    sum += Math.abs(i / n1 - j / n2) * (next - v);
    v = next;
  }
  return sum;
}

/** Evidently's floor for the normalising standard deviation, so a constant reference does not divide by 0. */
export const minNormalisingStd = 0.001;

/**
 * Wasserstein distance in units of the reference's spread, as Evidently's `wasserstein` stattest does:
 * W(reference, current) / max(std(reference), 0.001), with the population standard deviation
 * (ddof = 0, numpy's default). Scale-free, so one threshold (0.1) serves every feature.
 */
export function wassersteinNormalisedSorted(a: Float64Array, b: Float64Array): number {
  return wassersteinSorted(a, b) / Math.max(populationStd(a), minNormalisingStd);
}

/** Population standard deviation, computed on values scaled by max|x| so that 1e300 does not overflow. */
export function populationStd(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return NaN;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(values[i]));
  if (scale === 0 || !Number.isFinite(scale)) return scale === 0 ? 0 : NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] / scale;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] / scale - mean;
    squares += d * d;
  }
  return Math.sqrt(squares / n) * scale;
}
