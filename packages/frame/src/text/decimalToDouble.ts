const TWO_53 = 9007199254740992;
// 10^0..10^22 are exact doubles (5^22 < 2^53): the basis of both fast paths below.
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const SPLITTER = 134217729; // 2^27 + 1, Veltkamp split
// The double-double result is within ~2^-102 of the true value; treat anything closer than
// 2^-98 to a rounding midpoint as undecidable and let the caller fall back to Number().
const AMBIGUITY = 2 ** -98;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

// twoProduct writes its exact error term here (module state, to avoid allocating a pair).
let productError = 0;

/**
 * The double nearest to `(high * 10^lowDigits + low) * 10^exponent`, where `high < 10^15`,
 * `low < 10^lowDigits`, `lowDigits <= 4`. Returns NaN when it cannot decide cheaply (the caller
 * then uses `Number()`), so the result is always correctly rounded.
 *
 * 1. Clinger's fast path: mantissa < 2^53 and |exponent| <= 22 → one exact IEEE operation.
 * 2. Otherwise, for |exponent| <= 22: the mantissa (< 2^64) is held exactly as a double-double,
 *    multiplied or divided by the exact power of ten with error-free transformations (Dekker's
 *    product, no FMA in JS), and rounded once; if the result lies too close to a midpoint
 *    between two doubles, NaN.
 */
export function decimalToDouble(high: number, low: number, lowDigits: number, exponent: number): number {
  const mantissa = lowDigits === 0 ? high : high * POW10[lowDigits] + low;
  if (exponent < -22 || exponent > 22) return NaN;
  if (mantissa < TWO_53) return exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent];
  // Exact double-double mantissa: high*10^k is exact as (p, e); adding low is exact in (s, t+e),
  // because every term is an integer below 2^64 and the error terms are below 2^12.
  const p = twoProduct(high, POW10[lowDigits]);
  const e = productError;
  const s = p + low;
  const t = low - (s - p) + e;
  const mHigh = s + t;
  const mLow = t - (mHigh - s);
  let hi: number;
  let lo: number;
  if (exponent >= 0) {
    const scale = POW10[exponent];
    const p1 = twoProduct(mHigh, scale);
    const tail = productError + mLow * scale;
    hi = p1 + tail;
    lo = tail - (hi - p1);
  } else {
    const scale = POW10[-exponent];
    const q1 = mHigh / scale;
    const p1 = twoProduct(q1, scale);
    const remainder = mHigh - p1 - productError + mLow;
    const q2 = remainder / scale;
    hi = q1 + q2;
    lo = q2 - (hi - q1);
  }
  return isNearMidpoint(hi, lo) ? NaN : hi;
}

/** a*b rounded; the exact error a*b - result goes to `productError`. */
function twoProduct(a: number, b: number): number {
  const product = a * b;
  let t = SPLITTER * a;
  const aHigh = t - (t - a);
  const aLow = a - aHigh;
  t = SPLITTER * b;
  const bHigh = t - (t - b);
  const bLow = b - bHigh;
  productError = aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
  return product;
}

/** True when hi + lo may round differently from hi, given the double-double error bound. */
function isNearMidpoint(hi: number, lo: number): boolean {
  scratch[0] = hi;
  const biased = (words[HIGH] >>> 20) & 0x7ff;
  // Powers of two have a smaller gap below them; subnormals and huge values: leave them to Number().
  if (biased <= 53 || biased >= 0x7fe || ((words[HIGH] & 0xfffff) === 0 && words[1 - HIGH] === 0)) return true;
  words[HIGH] = (biased - 53) << 20; // 2^(E-1076): half an ulp of hi
  words[1 - HIGH] = 0;
  const halfUlp = scratch[0];
  return Math.abs(Math.abs(lo) - halfUlp) <= Math.abs(hi) * AMBIGUITY;
}
