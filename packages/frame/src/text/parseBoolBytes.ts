import { lower, type ParseState } from './parseFloatBytes';

/**
 * Parses `true`/`false` in any letter case; with `allowDigits`, also `1`/`0`. Returns 1 or 0 and
 * sets `state.ok`. Inference passes `allowDigits = false` so 0/1 columns stay int32.
 */
export function parseBoolBytes(buf: Uint8Array, start: number, end: number, allowDigits: boolean, state: ParseState): number {
  const n = end - start;
  state.ok = true;
  if (n === 4 && lower(buf, start, 'true')) return 1;
  if (n === 5 && lower(buf, start, 'false')) return 0;
  if (allowDigits && n === 1 && (buf[start] === 49 || buf[start] === 48)) return buf[start] - 48;
  state.ok = false;
  return 0;
}
