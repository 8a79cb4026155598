import { logGamma } from '../special/logGamma';

/** Above this n the exact sum is too slow; the approximation below is what SciPy's cephes uses too. */
const maxExactN = 1_000_000;

/**
 * P(D_n⁺ ≥ x), the one-sided one-sample Smirnov statistic (scipy.special.smirnov), exact by the
 * Birnbaum–Tingey sum x·Σ_{j ≤ n(1−x)} C(n,j)(x + j/n)^{j−1}(1 − x − j/n)^{n−j}. Each term is
 * computed in logs (no factor overflows); the terms are unimodal in j, so the sum starts at the
 * largest term and walks outward until the terms are negligible — O(√n) terms instead of n.
 */
export function smirnovSf(n: number, x: number): number {
  if (!(x > 0)) return 1;
  if (x >= 1) return 0;
  if (n > maxExactN) {
    // p ≈ exp(−(6nx + 1)²/(18n)) (Miller's refinement of Smirnov's limit).
    return Math.exp(-((6 * n * x + 1) ** 2) / 18 / n);
  }
  const last = Math.floor(n * (1 - x) + 1e-12 * n);
  const logTerm = (j: number, logChoose: number) => {
    const lower = (n - n * x - j) / n;
    if (n - j === 0) return logChoose + (j - 1) * Math.log(x + j / n);
    if (lower <= 0) return -Infinity;
    return logChoose + (j - 1) * Math.log(x + j / n) + (n - j) * Math.log(lower);
  };
  const logChooseAt = (j: number) => logGamma(n + 1) - logGamma(j + 1) - logGamma(n - j + 1);
  const peak = argmaxUnimodal(0, last, (j) => logTerm(j, logChooseAt(j)));
  const logPeak = logTerm(peak, logChooseAt(peak));
  // Terms relative to the peak term, so their sum never under- or overflows.
  let sum = 1;
  let logChoose = logChooseAt(peak);
  for (let j = peak + 1; j <= last; j++) {
    logChoose += Math.log((n - j + 1) / j);
    const term = Math.exp(logTerm(j, logChoose) - logPeak);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  logChoose = logChooseAt(peak);
  for (let j = peak - 1; j >= 0; j--) {
    logChoose -= Math.log((n - j) / (j + 1));
    const term = Math.exp(logTerm(j, logChoose) - logPeak);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return Math.min(1, Math.max(0, x * sum * Math.exp(logPeak)));
}

/** Index of the largest value of a unimodal function on integers [lo, hi], by ternary search. */
function argmaxUnimodal(lo: number, hi: number, f: (j: number) => number): number {
  let a = lo;
  let b = hi;
  while (b - a > 2) {
    const m1 = a + Math.floor((b - a) / 3);
    const m2 = b - Math.floor((b - a) / 3);
    if (f(m1) < f(m2)) a = m1 + 1;
    else b = m2 - 1;
  }
  let best = a;
  for (let j = a + 1; j <= b; j++) if (f(j) > f(best)) best = j;
  return best;
}
