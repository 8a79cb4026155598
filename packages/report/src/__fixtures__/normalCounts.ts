// Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): plenty for expected counts in test fixtures.
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

const phi = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));

/** Expected counts of `rows` normal(mean, std) values in the bins between `edges` (deterministic). */
export function normalCounts(edges: readonly number[], rows: number, mean: number, std: number): number[] {
  return edges.slice(1).map((hi, i) => Math.round(rows * (phi((hi - mean) / std) - phi((edges[i]! - mean) / std))));
}

/** `bins + 1` equal-width edges over [lo, hi]. */
export function equalEdges(lo: number, hi: number, bins: number): number[] {
  return Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
}
