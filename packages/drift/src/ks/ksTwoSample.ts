import { emptySample, invalidArgument } from '../errors/DriftError';
import { sortedPresent } from '../numeric/sortedPresent';
import { gcd, ksExactPValue } from './ksExactPValue';
import { kolmogorovSf } from './kolmogorovSf';
import { ksStatisticScaled } from './ksStatistic';

/** How the p-value is computed; `auto` follows scipy.stats.ks_2samp. */
export type KsMethod = 'auto' | 'exact' | 'asymp';

/** Result of `ksTwoSample`. `method` is the one actually used. */
export interface KsResult {
  readonly statistic: number;
  readonly pValue: number;
  readonly method: 'exact' | 'asymp';
  readonly n1: number;
  readonly n2: number;
}

/** ks_2samp's switch: exact when the larger sample has at most this many values. */
export const ksMaxExactN = 10_000;

/**
 * Two-sided two-sample Kolmogorov–Smirnov test (scipy.stats.ks_2samp, alternative='two-sided').
 * NaNs are dropped first. `auto` is exact when max(n1, n2) ≤ 10 000, else asymptotic:
 * kstwo.sf(D, round(n1·n2/(n1+n2))) — the exact one-sample distribution at the effective size.
 * `exact` falls back to asymptotic when lcm(n1, n2) would overflow int32, as SciPy does.
 */
export function ksTwoSample(reference: Float64Array | readonly number[], current: Float64Array | readonly number[], method: KsMethod = 'auto'): KsResult {
  const a = sortedPresent(reference);
  const b = sortedPresent(current);
  if (a.values.length === 0) throw emptySample('reference', a.excluded);
  if (b.values.length === 0) throw emptySample('current', b.excluded);
  return ksTwoSampleSorted(a.values, b.values, method);
}

/** `ksTwoSample` on samples that are already ascending and free of NaN (not checked). */
export function ksTwoSampleSorted(a: Float64Array, b: Float64Array, method: KsMethod = 'auto'): KsResult {
  if (method !== 'auto' && method !== 'exact' && method !== 'asymp') throw invalidArgument('method', '"auto", "exact" or "asymp"', method);
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0) throw emptySample('reference', 0);
  if (n2 === 0) throw emptySample('current', 0);
  const scaled = ksStatisticScaled(a, b);
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  let chosen: 'exact' | 'asymp' = method === 'auto' ? (Math.max(n1, n2) <= ksMaxExactN ? 'exact' : 'asymp') : method;
  if (chosen === 'exact' && n1 / g >= 2147483647 / (n2 / g)) chosen = 'asymp';
  if (chosen === 'exact') {
    const h = scaled / g;
    return { statistic: h / lcm, pValue: ksExactPValue(n1, n2, h), method: 'exact', n1, n2 };
  }
  const statistic = scaled / n1 / n2;
  const effective = roundHalfEven((n1 * n2) / (n1 + n2));
  return { statistic, pValue: kolmogorovSf(effective, statistic), method: 'asymp', n1, n2 };
}

/** numpy's round: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
