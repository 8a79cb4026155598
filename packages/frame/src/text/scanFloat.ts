import { decimalToDouble } from './decimalToDouble';

/** Outcome of the byte parsers: they return a number and set these fields, so nothing is allocated. */
export interface ParseState {
  ok: boolean;
  /** Where scanning stopped (first byte not part of the number). */
  end: number;
}

/**
 * Scans a decimal number at `buf[start..]`, stopping at the first byte that cannot continue it
 * (or at `limit`). Syntax: optional sign, digits with an optional `.`, optional exponent. Sets
 * `state.ok` (at least one digit and a complete exponent) and `state.end`. Correctly rounded.
 *
 * Up to 19 significant digits are collected exactly as `high * 10^lowDigits + low`, and
 * `decimalToDouble` converts them (Clinger's fast path, then a double-double path); longer
 * mantissas and rare hard cases fall back to `Number()` on the text, also correctly rounded.
 * The CSV reader calls this directly on the read buffer, so it must stay allocation-free.
 */
export function scanFloat(buf: Uint8Array, start: number, limit: number, state: ParseState): number {
  let i = start;
  let negative = false;
  if (i < limit && (buf[i] === 45 || buf[i] === 43)) negative = buf[i++] === 45;
  let high = 0; // first 15 significant digits: always exact
  let low = 0; // next up to 4 digits
  let lowDigits = 0;
  let significant = 0; // digits after leading zeros
  let exponent = 0;
  let c = 0;
  const digitsStart = i;
  while (i < limit && buf[i] === 48) i++;
  for (; i < limit && (c = buf[i] - 48) >= 0 && c <= 9; i++, significant++) {
    if (significant < 15) high = high * 10 + c;
    else if (significant < 19) {
      low = low * 10 + c;
      lowDigits++;
    }
  }
  // Integer digits beyond the 19 kept ones still scale the value.
  if (significant > 19) exponent += significant - 19;
  let digits = i - digitsStart;
  if (i < limit && buf[i] === 46) {
    const fractionStart = ++i;
    if (significant === 0) while (i < limit && buf[i] === 48) i++; // 0.000ddd: zeros only scale
    exponent -= i - fractionStart;
    for (; i < limit && (c = buf[i] - 48) >= 0 && c <= 9; i++, significant++) {
      if (significant < 15) {
        high = high * 10 + c;
        exponent--;
      } else if (significant < 19) {
        low = low * 10 + c;
        lowDigits++;
        exponent--;
      }
    }
    digits += i - fractionStart;
  }
  if (digits === 0) return fail(state, i);
  if (i < limit && (buf[i] | 32) === 101) {
    i++;
    let expNegative = false;
    if (i < limit && (buf[i] === 45 || buf[i] === 43)) expNegative = buf[i++] === 45;
    const expStart = i;
    let e = 0;
    for (; i < limit && (c = buf[i] - 48) >= 0 && c <= 9; i++) if (e < 100000) e = e * 10 + c;
    if (i === expStart) return fail(state, i);
    exponent += expNegative ? -e : e;
  }
  state.ok = true;
  state.end = i;
  if (high === 0 && low === 0) return negative ? -0 : 0;
  const value = significant <= 19 ? decimalToDouble(high, low, lowDigits, exponent) : NaN;
  if (value === value) return negative ? -value : value;
  return Number(Buffer.from(buf.buffer, buf.byteOffset + start, i - start).toString('latin1'));
}

function fail(state: ParseState, at: number): number {
  state.ok = false;
  state.end = at;
  return NaN;
}
