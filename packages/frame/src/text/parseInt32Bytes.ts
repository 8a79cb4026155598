import { isBlank, type ParseState } from './parseFloatBytes';

/**
 * Scans an optionally signed decimal integer at `buf[start..]` (stopping at the first non-digit
 * or `limit`). Sets `state.end`, and `state.ok` when there was at least one digit and the value
 * fits int32. Allocation-free, for the CSV reader's fast path.
 */
export function scanInt32(buf: Uint8Array, start: number, limit: number, state: ParseState): number {
  let i = start;
  let negative = false;
  if (i < limit && (buf[i] === 45 || buf[i] === 43)) negative = buf[i++] === 45;
  const digitsStart = i;
  while (i < limit - 1 && buf[i] === 48 && buf[i + 1] >= 48 && buf[i + 1] <= 57) i++; // leading zeros
  const significantStart = i;
  let value = 0;
  for (let c = 0; i < limit && (c = buf[i] - 48) >= 0 && c <= 9; i++) value = value * 10 + c;
  state.end = i;
  if (negative) value = -value;
  state.ok = i > digitsStart && i - significantStart <= 10 && value <= 2147483647 && value >= -2147483648;
  return value === 0 ? 0 : value;
}

/** Parses the whole of `buf[start..end)` (blanks around allowed) as an int32. Sets `state.ok`. */
export function parseInt32Bytes(buf: Uint8Array, start: number, end: number, state: ParseState): number {
  while (start < end && isBlank(buf[start])) start++;
  while (end > start && isBlank(buf[end - 1])) end--;
  const value = scanInt32(buf, start, end, state);
  if (state.end !== end) state.ok = false;
  return value;
}
