import { isBlank, type ParseState } from './parseFloatBytes';

/**
 * Parses an optionally signed decimal integer within the int32 range from ASCII bytes
 * (surrounding blanks allowed). Sets `state.ok`; a decimal point, exponent or overflow is a failure.
 */
export function parseInt32Bytes(buf: Uint8Array, start: number, end: number, state: ParseState): number {
  while (start < end && isBlank(buf[start])) start++;
  while (end > start && isBlank(buf[end - 1])) end--;
  let i = start;
  let negative = false;
  if (i < end && (buf[i] === 45 || buf[i] === 43)) negative = buf[i++] === 45;
  if (i === end || end - i > 10) {
    // More than 10 digits may still be in range with leading zeros; let the slow check decide.
    if (i === end) return fail(state);
    while (i < end - 1 && buf[i] === 48) i++;
    if (end - i > 10) return fail(state);
  }
  let value = 0;
  for (; i < end; i++) {
    const c = buf[i] - 48;
    if (c < 0 || c > 9) return fail(state);
    value = value * 10 + c;
  }
  if (negative) value = -value;
  if (value > 2147483647 || value < -2147483648) return fail(state);
  state.ok = true;
  return value === 0 ? 0 : value;
}

function fail(state: ParseState): number {
  state.ok = false;
  return 0;
}
