/**
 * Index of the first lone UTF-16 surrogate in `s`, or -1 when `s` is well-formed. A lone surrogate
 * has no UTF-8 encoding: `encodeURIComponent` throws on it, and drivers (pg, ioredis, sqlite)
 * silently replace it with U+FFFD, so two different keys would meet in one stored key.
 */
export function loneSurrogateAt(s: string): number {
  // String.prototype.isWellFormed (Node ≥ 20; not in TypeScript's ES2022 lib) answers the common case natively.
  if ((s as unknown as { isWellFormed(): boolean }).isWellFormed()) return -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}
