/**
 * Exact P(D ≥ h/lcm(n1, n2)) of the two-sample, two-sided Kolmogorov–Smirnov statistic under H0,
 * for h ≥ 1: the share of the C(n1+n2, n1) monotone lattice paths from (0,0) to (n1,n2) that touch a
 * point (x, y) with |x·n2/g − y·n1/g| ≥ h (g = gcd). The comparison stays in integers, so ties in the
 * statistic never fall on the wrong side of the boundary.
 */
export function ksExactPValue(n1: number, n2: number, h: number): number {
  if (h <= 0) return 1;
  return n1 === n2 ? outsideSquare(n1, h) : outsideBand(Math.max(n1, n2), Math.min(n1, n2), h);
}

/**
 * Equal sizes: by the reflection principle P = 2·Σ_{k≥1} (−1)^{k+1} C(2n, n−kh)/C(2n, n). Each
 * ratio is a running product, and the alternating terms shrink fast, so there is no cancellation
 * to speak of.
 */
function outsideSquare(n: number, h: number): number {
  let ratio = 1;
  let sum = 0;
  let sign = 1;
  for (let k = 1; k * h <= n; k++) {
    for (let j = (k - 1) * h; j < k * h; j++) ratio *= (n - j) / (n + 1 + j);
    sum += sign * ratio;
    sign = -sign;
    if (ratio === 0) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Unequal sizes m > n: a(x, y) = probability that a uniform random path to (x, y) has left the band,
 * with a = 1 outside and a(x, y) = (x·a(x−1, y) + y·a(x, y−1))/(x + y) inside (the share of paths
 * arriving from the left is x/(x+y)). One column of n+1 values is kept; the band's rows move up
 * monotonically with x, so each column touches only its band. O(m × band width).
 */
function outsideBand(m: number, n: number, h: number): number {
  const g = gcd(m, n);
  const mg = m / g;
  const ng = n / g;
  const a = new Float64Array(n + 1).fill(1);
  // Rows inside the band for column x: |x·ng − y·mg| < h.
  const lowRow = (x: number) => Math.max(0, Math.floor((x * ng - h) / mg) + 1);
  const highRow = (x: number) => Math.min(n, Math.ceil((x * ng + h) / mg) - 1);
  for (let y = 0; y <= highRow(0); y++) a[y] = 0;
  let previousLow = lowRow(0);
  for (let x = 1; x <= m; x++) {
    const low = lowRow(x);
    const high = highRow(x);
    if (high < low) return 1;
    for (let y = previousLow; y < low && y <= n; y++) a[y] = 1;
    let below = low === 0 ? 0 : 1;
    for (let y = low; y <= high; y++) {
      below = (x * a[y] + y * below) / (x + y);
      a[y] = below;
    }
    previousLow = low;
  }
  return Math.min(1, Math.max(0, a[n]));
}

/** Greatest common divisor of two positive integers. */
export function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
