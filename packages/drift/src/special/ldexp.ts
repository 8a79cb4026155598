/** x·2^e without overflowing the power itself when x is tiny and e large (or the reverse). */
export function ldexp(x: number, e: number): number {
  let out = x;
  let rest = e;
  while (rest > 1000) {
    out *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    out *= 2 ** -1000;
    rest += 1000;
  }
  return out * 2 ** rest;
}
