// Standard normal functions in double precision, written for the TPE sampler (no dependency).

const sqrt2 = Math.SQRT2;
const sqrtPi = Math.sqrt(Math.PI);
/** log √(2π). */
export const logSqrt2Pi = 0.5 * Math.log(2 * Math.PI);

/**
 * erfc(x) for x ≥ 0: below 2.5 from the all-positive series erf(x) = 2/√π e^(−x²) Σ 2ⁿx^(2n+1)/(2n+1)!!
 * (no cancellation), above it from the continued fraction (modified Lentz), which converges fast
 * there and keeps full relative precision deep in the tail.
 */
function erfcPositive(x: number): number {
  if (x < 2.5) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - (2 / sqrtPi) * Math.exp(-x * x) * sum;
  }
  if (x > 27) return 0;
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))).
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / sqrtPi / f;
}

// The series and continued fraction above take up to ~60 steps, and TPE evaluates erfc millions of
// times on discrete parameters (two per kernel and candidate). So erfcx(x) = e^(x²)·erfc(x), which is
// smooth and slowly varying, is tabulated once as a Chebyshev series of degree 16 on each half-unit
// interval of [0, 26] (fitted at Chebyshev nodes against the slow form; ~1e-15 relative), and
// erfc(x) = erfcx(x)·e^(−x²) costs one short polynomial and one exp.
const degree = 16;
const pieces = 52;
let table: Float64Array | undefined;

function buildTable(): Float64Array {
  const t = new Float64Array(pieces * (degree + 1));
  const n = degree + 1;
  for (let k = 0; k < pieces; k++) {
    const values = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const x = k / 2 + (Math.cos((Math.PI * (j + 0.5)) / n) + 1) / 4;
      values[j] = erfcPositive(x) * Math.exp(x * x);
    }
    for (let i = 0; i < n; i++) {
      let c = 0;
      for (let j = 0; j < n; j++) c += values[j]! * Math.cos((Math.PI * i * (j + 0.5)) / n);
      t[k * n + i] = ((i === 0 ? 1 : 2) / n) * c;
    }
  }
  return t;
}

/** erfc(x) for x ≥ 0 through the table. */
export function erfcFast(x: number): number {
  // Beyond 26, e^(x²) overflows; the continued fraction is short there anyway.
  if (x >= pieces / 2) return erfcPositive(x);
  table ??= buildTable();
  const k = Math.floor(2 * x);
  const t = 4 * x - (2 * k + 1);
  const base = k * (degree + 1);
  // Clenshaw's recurrence for Σ c_i T_i(t).
  let b1 = 0;
  let b2 = 0;
  for (let i = degree; i >= 1; i--) {
    const b0 = 2 * t * b1 - b2 + table[base + i]!;
    b2 = b1;
    b1 = b0;
  }
  return (t * b1 - b2 + table[base]!) * Math.exp(-x * x);
}

/** erfc through the slow, direct forms (what the table is fitted to); exported for tests. */
export const erfcReference = erfcPositive;

/** Φ(z), the standard normal CDF, accurate in both tails (the far tail through erfc). */
export function normCdf(z: number): number {
  if (z < 0) return 0.5 * erfcFast(-z / sqrt2);
  return 1 - 0.5 * erfcFast(z / sqrt2);
}

/** Φ(−z) = 1 − Φ(z) without cancellation for large z. */
export function normSf(z: number): number {
  return normCdf(-z);
}

/** Φ(b) − Φ(a) for a ≤ b, computed in the tail where it does not cancel. */
export function normMass(a: number, b: number): number {
  if (b <= 0) return normCdf(b) - normCdf(a);
  if (a >= 0) return normSf(a) - normSf(b);
  return 1 - normCdf(a) - normSf(b);
}

/** log Φ(b) − Φ(a); −Infinity when the mass underflows. */
export function logNormMass(a: number, b: number): number {
  return Math.log(Math.max(0, normMass(a, b)));
}

/**
 * Φ⁻¹(p) for p in (0, 1): Acklam's rational approximation (relative error 1.2e-9) refined by one
 * Halley step against {@link normCdf}, which brings it to about machine precision.
 */
export function normPpf(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q - 2.549732539343734) * q + 4.374664141464968) * q + 2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r + 1.38357751867269e2) * r - 3.066479806614716e1) * r + 2.506628277459239) * q) /
      (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r + 6.680131188771972e1) * r - 1.328068155288572e1) * r + 1);
  } else {
    return -normPpf(1 - p);
  }
  const e = normCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
