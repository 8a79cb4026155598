import { ldexp } from '../special/ldexp';

const scaleExponent = 128;
const big = 2 ** scaleExponent;
const small = 2 ** -scaleExponent;

/**
 * P(D_n ≤ d) for the one-sample two-sided Kolmogorov statistic, exact, by Durbin's matrix method as
 * arranged by Marsaglia, Tsang and Wang (2003): with nd = k − h, (n!/nⁿ)·(Hⁿ)[k−1][k−1] for an
 * m×m matrix H, m = 2k − 1. Cost O(m³ log n), so callers use it only where k is small. Powers are
 * rescaled by 2^±128 with the exponent kept aside, as the matrix entries span a huge range.
 */
export function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  let H = initialMatrix(m, h);
  let power = identity(m);
  let exponent = 0;
  let hExponent = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) {
    if (rest % 2 === 1) {
      power = multiply(power, H, m);
      exponent += hExponent;
    }
    H = multiply(H, H, m);
    hExponent *= 2;
    if (Math.abs(H[(k - 1) * m + k - 1]) > big) {
      for (let i = 0; i < H.length; i++) H[i] *= small;
      hExponent += scaleExponent;
    }
  }
  let p = power[(k - 1) * m + k - 1];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < small) {
      p *= big;
      exponent -= scaleExponent;
    }
  }
  return exponent === 0 ? p : ldexp(p, exponent);
}

/** H[i][j] = 1/(i−j+1)! on and below the superdiagonal; first column and last row carry h. */
function initialMatrix(m: number, h: number): Float64Array {
  const inverseFactorial = new Float64Array(m + 1);
  inverseFactorial[0] = 1;
  for (let j = 1; j <= m; j++) inverseFactorial[j] = inverseFactorial[j - 1] / j;
  const v = new Float64Array(m);
  for (let j = 0; j < m; j++) v[j] = (1 - h ** (j + 1)) * inverseFactorial[j + 1];
  v[m - 1] = (1 - 2 * h ** m + Math.max(2 * h - 1, 0) ** m) * inverseFactorial[m];
  const H = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 1; j <= Math.min(i + 1, m - 1); j++) H[i * m + j] = inverseFactorial[i - j + 1];
  for (let i = 0; i < m; i++) H[i * m] = v[i];
  for (let j = 0; j < m; j++) H[(m - 1) * m + j] = v[m - 1 - j];
  return H;
}

function identity(m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) out[i * m + i] = 1;
  return out;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l];
      if (ail === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += ail * b[l * m + j];
    }
  }
  return out;
}
