import { scanFloat, type ParseState } from './scanFloat';

export type { ParseState } from './scanFloat';

/** True for ASCII space and tab, which are trimmed around numbers (as pandas does). */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Parses the whole of `buf[start..end)` as a float, correctly rounded: surrounding spaces/tabs
 * allowed, plus `inf`, `infinity` and `nan` in any case with an optional sign. Sets `state.ok`.
 */
export function parseFloatBytes(buf: Uint8Array, start: number, end: number, state: ParseState): number {
  while (start < end && isBlank(buf[start])) start++;
  while (end > start && isBlank(buf[end - 1])) end--;
  const value = scanFloat(buf, start, end, state);
  if (state.ok && state.end === end) return value;
  return parseSpecial(buf, start, end, state);
}

function parseSpecial(buf: Uint8Array, start: number, end: number, state: ParseState): number {
  let i = start;
  const negative = i < end && buf[i] === 45;
  if (i < end && (buf[i] === 45 || buf[i] === 43)) i++;
  const n = end - i;
  state.ok = true;
  if (n === 3 && lower(buf, i, 'nan')) return NaN;
  if ((n === 3 && lower(buf, i, 'inf')) || (n === 8 && lower(buf, i, 'infinity'))) return negative ? -Infinity : Infinity;
  state.ok = false;
  return NaN;
}

/** Case-insensitive match of ASCII letters `word` at `buf[i..]`. */
export function lower(buf: Uint8Array, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((buf[i + k] | 32) !== word.charCodeAt(k)) return false;
  return true;
}
