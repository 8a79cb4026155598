import { durbinMatrixCdf } from './durbinMatrix';
import { pelzGoodCdf } from './pelzGood';
import { smirnovSf } from './smirnovSf';

const clip = (p: number) => Math.min(1, Math.max(0, p));

/**
 * P(D_n ≥ x) for the two-sided one-sample Kolmogorov statistic with n observations (scipy
 * `kstwo.sf(x, n)`), choosing a method per region as Simard and L'Ecuyer (2011) do: closed forms
 * at the edges (Ruben–Gambino), twice the one-sided Smirnov tail where it is exact or negligibly
 * off (x ≥ 1/2 or n·x² large), the exact Durbin matrix for small n·x, and the Pelz–Good expansion
 * for large n. The region boundaries are the ones SciPy uses, so results agree to rounding.
 */
export function kolmogorovSf(n: number, x: number): number {
  if (!(Number.isInteger(n) && n > 0)) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    return clip(1 - rubenGambinoLow(n, t));
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    // Exact for every x here: SciPy switches to Pomeranz's recursion above n·x² = 0.754693, which
    // computes the same exact probability; the Durbin matrix stays small (m ≤ 47) for n ≤ 140.
    if (nx2 <= 4) return clip(1 - durbinMatrixCdf(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSf(n, x));
  if (n <= 100_000 && n * x ** 1.5 <= 1.4) return clip(1 - durbinMatrixCdf(n, x));
  return clip(1 - pelzGoodCdf(n, x));
}

/** P(D_n ≤ x) = n!/nⁿ·(2t − 1)ⁿ for 1/2 < t = n·x ≤ 1. */
function rubenGambinoLow(n: number, t: number): number {
  if (n <= 140) {
    let p = 1;
    for (let i = 1; i <= n; i++) p *= (i / n) * (2 * t - 1);
    return p;
  }
  return Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
}

// Stirling series for log(n!/nⁿ) with the n·log n terms cancelled analytically.
const stirling = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4, -5.952380952380952381e-4,
  7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  const u = rn / n;
  let poly = 0;
  for (const c of stirling) poly = poly * u + c;
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + rn * poly;
}
