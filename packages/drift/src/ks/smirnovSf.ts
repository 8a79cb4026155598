/** Above this n the exact sum is too slow; the approximation below is what SciPy's cephes uses too. */
const maxExactN = 1_000_000;

/**
 * P(D_n⁺ ≥ x), the one-sided one-sample Smirnov statistic (scipy.special.smirnov), exact by the
 * Birnbaum–Tingey sum x·Σ_{j ≤ n(1−x)} C(n,j)(x + j/n)^{j−1}(1 − x − j/n)^{n−j}, each term in logs
 * so that no factor overflows. All terms are positive: the sum has no cancellation.
 */
export function smirnovSf(n: number, x: number): number {
  if (!(x > 0)) return 1;
  if (x >= 1) return 0;
  if (n > maxExactN) {
    // p ≈ exp(−(6nx + 1)²/(18n)) (Miller's refinement of Smirnov's limit).
    return Math.exp(-((6 * n * x + 1) ** 2) / 18 / n);
  }
  const last = Math.floor(n * (1 - x) + 1e-12 * n);
  const logX = Math.log(x);
  let logChoose = 0;
  let sum = 0;
  for (let j = 0; j <= last; j++) {
    if (j > 0) logChoose += Math.log((n - j + 1) / j);
    const lower = (n - n * x - j) / n;
    if (lower <= 0 && n - j > 0) break;
    const upper = x + j / n;
    const logTerm = logChoose + (j - 1) * (j === 0 ? logX : Math.log(upper)) + (n - j === 0 ? 0 : (n - j) * Math.log(lower));
    sum += Math.exp(logTerm);
  }
  return Math.min(1, Math.max(0, x * sum));
}
