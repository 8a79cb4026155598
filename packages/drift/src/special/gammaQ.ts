import { logGamma } from './logGamma';

const eps = 1e-16;
const tiny = 1e-300;

/**
 * Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a) (scipy.special.gammaincc): a power
 * series for P when x < a + 1, a Lentz continued fraction for Q otherwise, so neither side
 * suffers cancellation. `chi2.sf(x, k) = Q(k/2, x/2)`; `2·norm.sf(|z|) = Q(1/2, z²/2)`.
 */
export function gammaQ(a: number, x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const logPrefactor = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) return 1 - Math.exp(logPrefactor) * lowerSeries(a, x);
  return Math.exp(logPrefactor) * upperFraction(a, x);
}

/** Σ xⁿ/(a(a+1)…(a+n)): P(a, x) = e^{-x} xᵃ/Γ(a) · this. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 10000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * eps) break;
  }
  return sum;
}

/** The continued fraction 1/(x+1-a- 1(1-a)/(x+3-a- ...)) by the modified Lentz method. */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < eps) break;
  }
  return h;
}

/** Survival function of the chi-square distribution with `df` degrees of freedom (scipy chi2.sf). */
export function chiSquareSf(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

/** Two-sided normal tail 2·P(Z > |z|). */
export function normalTwoSidedP(z: number): number {
  return gammaQ(0.5, (z * z) / 2);
}
