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

/**
 * `wasserstein` of two ascending, NaN-free, non-empty samples (not checked), as ∫₀¹ |Q_a(u) − Q_b(u)| du
 * over the quantile functions (the same integral as over the CDFs). Q_a steps at k/n1 and Q_b at
 * l/n2: the walk goes over those breakpoints in integer units of 1/(n1·n2), so which side advances
 * depends on the sizes only, never on the data: no mispredicted branch per value as in a merge of
 * the values (equal sizes reduce to mean |a[i] − b[i]|), and the widths are exact integers.
 */
export function wassersteinSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let sum = 0;
  let at = 0;
  // Next breakpoints of each side, in units of 1/(n1·n2): (i + 1)/n1 = (i + 1)·n2 units.
  let nextA = n2;
  let nextB = n1;
  while (i < n1 && j < n2) {
    const next = nextA < nextB ? nextA : nextB;
    const d = a[i] - b[j];
    sum += (d < 0 ? -d : d) * (next - at);
    at = next;
    if (nextA === next) {
      i++;
      nextA += n2;
    }
    if (nextB === next) {
      j++;
      nextB += n1;
    }
  }
  return sum / n1 / n2;
}

/** Evidently's floor for the normalising standard deviation, so a constant reference does not divide by 0. */
export const minNormalisingStd = 0.001;

/**
 * Wasserstein distance in units of the reference's spread, as Evidently's `wasserstein` stattest does:
 * W(reference, current) / max(std(reference), 0.001), with the population standard deviation
 * (ddof = 0, numpy's default). Scale-free, so one threshold (0.1) serves every feature.
 */
export function wassersteinNormalisedSorted(a: Float64Array, b: Float64Array): number {
  // Ascending: the largest magnitude is at an end, so the std needs no pass to find its scale.
  return wassersteinSorted(a, b) / Math.max(scaledStd(a, Math.max(Math.abs(a[0]), Math.abs(a[a.length - 1]))), minNormalisingStd);
}

/** Population standard deviation, computed on values scaled by max|x| so that 1e300 does not overflow. */
export function populationStd(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return NaN;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(values[i]));
  return scaledStd(values, scale);
}

/** `populationStd` given the largest |value| (`scale`). */
function scaledStd(values: Float64Array, scale: number): number {
  const n = values.length;
  if (n === 0) return NaN;
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
