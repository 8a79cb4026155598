const TWO_26 = 67108864;
const TWO_53 = 9007199254740992;
const SPLITTER = 134217729; // 2^27 + 1, Veltkamp split
// 10^0..10^22 are exact doubles (5^22 < 2^53): the basis of both paths below. Their Veltkamp
// halves are precomputed for Dekker's product.
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const POW10_HIGH = POW10.map((p) => SPLITTER * p - (SPLITTER * p - p));
const POW10_LOW = POW10.map((p, i) => p - POW10_HIGH[i]);
// The double-double result is within ~2^-102 of the true value; results that could round
// differently anywhere within 2^-98 are left to the caller's Number() fallback.
const AMBIGUITY = 2 ** -98;

/**
 * The double nearest to `(high * 10^lowDigits + low) * 10^exponent`, where `high < 10^15`,
 * `low < 10^lowDigits`, `lowDigits <= 4`. Returns NaN when it cannot decide cheaply (the caller
 * then uses `Number()`), so the result is always correctly rounded.
 *
 * 1. Clinger's fast path: mantissa < 2^53 and |exponent| <= 22 → one exact IEEE operation.
 * 2. Otherwise, for |exponent| <= 22: the mantissa (< 2^64) is held exactly as a double-double,
 *    multiplied or divided by the exact power of ten with error-free transformations (Dekker's
 *    product: JS has no FMA), and rounded once. If the result could round differently anywhere
 *    within the error bound, NaN.
 */
export function decimalToDouble(high: number, low: number, lowDigits: number, exponent: number): number {
  const scaleUp = POW10[lowDigits];
  if (exponent < -22 || exponent > 22) return NaN;
  const mantissa = lowDigits === 0 ? high : high * scaleUp + low;
  if (mantissa < TWO_53) return exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent];
  // Exact double-double mantissa: split high at 2^26 so both partial products are exact, then
  // one error-free FastTwoSum (here high >= 2^53 / 10^4 > 2^26, so the first term dominates).
  const highTop = Math.floor(high / TWO_26) * TWO_26;
  const a = highTop * scaleUp;
  const b = (high - highTop) * scaleUp + low;
  const mHigh = a + b;
  const mLow = b - (mHigh - a);
  let hi: number;
  let lo: number;
  if (exponent >= 0) {
    const k = exponent;
    const p = mHigh * POW10[k];
    const tail = productError(mHigh, k, p) + mLow * POW10[k];
    hi = p + tail;
    lo = tail - (hi - p);
  } else {
    const k = -exponent;
    const q1 = mHigh / POW10[k];
    const p = q1 * POW10[k];
    // mHigh - p is exact (Sterbenz); the remainder over the divisor is the second quotient term.
    const remainder = mHigh - p - productError(q1, k, p) + mLow;
    const q2 = remainder / POW10[k];
    hi = q1 + q2;
    lo = q2 - (hi - q1);
  }
  // Decided iff both ends of the error interval round to the same double (rounding is monotonic).
  const margin = Math.abs(hi) * AMBIGUITY;
  return hi + (lo + margin) === hi && hi + (lo - margin) === hi ? hi : NaN;
}

/** Exact error of the product `x * 10^k` rounded to `p` (Dekker, with 10^k pre-split). */
function productError(x: number, k: number, p: number): number {
  const t = SPLITTER * x;
  const xHigh = t - (t - x);
  const xLow = x - xHigh;
  const yHigh = POW10_HIGH[k];
  const yLow = POW10_LOW[k];
  return xHigh * yHigh - p + xHigh * yLow + xLow * yHigh + xLow * yLow;
}
