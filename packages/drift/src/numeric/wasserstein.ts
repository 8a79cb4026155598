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
  let previous = a[0] < b[0] ? a[0] : b[0];
  // One value at a time: between the previous value and the next, both CDFs are flat at i/n1 and
  // j/n2. Equal values add a zero-width strip, so ties need no special case.
  while (i < n1 && j < n2) {
    const takeA = a[i] <= b[j];
    const x = takeA ? a[i] : b[j];
    sum += Math.abs(i / n1 - j / n2) * (x - previous);
    previous = x;
    if (takeA) i++;
    else j++;
  }
  // One side is exhausted: its CDF is 1 from here on.
  for (; i < n1; i++) {
    sum += (1 - i / n1) * (a[i] - previous);
    previous = a[i];
  }
  for (; j < n2; j++) {
    sum += (1 - j / n2) * (b[j] - previous);
    previous = b[j];
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
