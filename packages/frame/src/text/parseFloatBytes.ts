import { decimalToDouble } from './decimalToDouble';

/** Outcome flag of the byte parsers: they return a number and set `ok`, so nothing is allocated. */
export interface ParseState {
  ok: boolean;
}

/** True for ASCII space and tab, which are trimmed around numbers (as pandas does). */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Parses a decimal float from ASCII bytes `buf[start..end)`, correctly rounded, without
 * allocating. Syntax: optional sign, digits with an optional `.`, optional exponent; also `inf`,
 * `infinity` and `nan` in any case. Surrounding spaces/tabs are ignored. Sets `state.ok`.
 *
 * Up to 19 significant digits are collected exactly as `high * 10^lowDigits + low`; the
 * conversion to binary is `decimalToDouble` (Clinger's fast path, then a double-double path).
 * Longer mantissas and rare hard cases fall back to `Number()` on the validated text.
 */
export function parseFloatBytes(buf: Uint8Array, start: number, end: number, state: ParseState): number {
  while (start < end && isBlank(buf[start])) start++;
  while (end > start && isBlank(buf[end - 1])) end--;
  let i = start;
  let negative = false;
  if (i < end && (buf[i] === 45 || buf[i] === 43)) negative = buf[i++] === 45;
  let high = 0; // first 15 significant digits: always exact
  let low = 0; // next up to 4 digits
  let lowDigits = 0;
  let significant = 0;
  let digits = 0;
  let exponent = 0;
  let c = 0;
  for (; i < end && (c = buf[i] - 48) >= 0 && c <= 9; i++, digits++) {
    if (significant < 15) {
      high = high * 10 + c;
      if (high !== 0) significant++;
    } else if (significant < 19) {
      low = low * 10 + c;
      lowDigits++;
      significant++;
    } else {
      significant++;
      exponent++; // a dropped integer digit still scales the value (only matters for the fallback test)
    }
  }
  if (i < end && buf[i] === 46) {
    for (i++; i < end && (c = buf[i] - 48) >= 0 && c <= 9; i++, digits++) {
      if (significant < 15) {
        high = high * 10 + c;
        if (high !== 0) significant++;
        exponent--;
      } else if (significant < 19) {
        low = low * 10 + c;
        lowDigits++;
        significant++;
        exponent--;
      } else significant++;
    }
  }
  if (digits === 0) return parseSpecial(buf, i, end, negative, state);
  if (i < end && (buf[i] | 32) === 101) {
    i++;
    let expNegative = false;
    if (i < end && (buf[i] === 45 || buf[i] === 43)) expNegative = buf[i++] === 45;
    const expStart = i;
    let e = 0;
    for (; i < end && (c = buf[i] - 48) >= 0 && c <= 9; i++) if (e < 100000) e = e * 10 + c;
    if (i === expStart) return fail(state);
    exponent += expNegative ? -e : e;
  }
  if (i !== end) return fail(state);
  state.ok = true;
  if (high === 0 && low === 0) return negative ? -0 : 0;
  const value = significant <= 19 ? decimalToDouble(high, low, lowDigits, exponent) : NaN;
  if (value === value) return negative ? -value : value;
  return Number(latin1(buf, start, end));
}

function parseSpecial(buf: Uint8Array, i: number, end: number, negative: boolean, state: ParseState): number {
  const n = end - i;
  if (n === 3 && lower(buf, i, 'nan')) return ok(state, NaN);
  if ((n === 3 && lower(buf, i, 'inf')) || (n === 8 && lower(buf, i, 'infinity'))) {
    return ok(state, negative ? -Infinity : Infinity);
  }
  return fail(state);
}

/** Case-insensitive match of ASCII letters `word` at `buf[i..]`. */
export function lower(buf: Uint8Array, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((buf[i + k] | 32) !== word.charCodeAt(k)) return false;
  return true;
}

function ok(state: ParseState, value: number): number {
  state.ok = true;
  return value;
}

function fail(state: ParseState): number {
  state.ok = false;
  return NaN;
}

/** Decodes bytes known to be ASCII into a string (only on the rare slow path). */
export function latin1(buf: Uint8Array, start: number, end: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('latin1');
}
