// One-sided Mann–Whitney U test (normal approximation with tie correction and continuity
// correction), as scipy.stats.mannwhitneyu(x, y, alternative='greater', method='asymptotic').

/** p-value of "x tends to be greater than y". */
export function mannWhitneyGreater(x, y) {
  const all = [...x.map((v) => [v, 0]), ...y.map((v) => [v, 1])].sort((a, b) => a[0] - b[0]);
  const ranks = new Array(all.length);
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1][0] === all[i][0]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[k] = r;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    i = j + 1;
  }
  const n1 = x.length, n2 = y.length, n = n1 + n2;
  let r1 = 0;
  all.forEach(([, g], k) => g === 0 && (r1 += ranks[k]));
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const mu = (n1 * n2) / 2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const z = (u - mu - 0.5) / sigma;
  return 0.5 * erfc(z / Math.SQRT2);
}

function erfc(x) {
  // Abramowitz–Stegun 7.1.26 is too coarse for small p; a continued fraction/series pair is exact enough here.
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) {
    let term = x, sum = x;
    for (let n = 1; n < 200 && term > sum * 1e-17; n++) sum += (term *= (2 * x * x) / (2 * n + 1));
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  let f = x, c = x, d = 0;
  for (let k = 1; k < 300; k++) {
    d = 1 / (x + (k / 2) * d);
    c = x + k / 2 / c;
    f *= c * d;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
