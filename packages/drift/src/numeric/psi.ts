import { invalidArgument } from '../errors/DriftError';

/** Evidently's replacement for an empty bin's share, so the log ratio stays finite. */
export const psiEpsilon = 1e-4;

/**
 * Bin edges for PSI: the reference's quantiles at 1/bins, …, (bins−1)/bins (numpy's linear
 * interpolation), duplicates removed. Bin i holds values with exactly i edges ≤ value, i.e.
 * (−∞, e₁), [e₁, e₂), …, [e_last, ∞): current values outside the reference's range still land in
 * the outer bins. Ties in the reference collapse edges, so a constant column has two bins.
 */
export function quantileEdges(sortedReference: Float64Array, bins = 10): Float64Array {
  if (!(Number.isInteger(bins) && bins >= 2)) throw invalidArgument('bins', 'an integer ≥ 2', bins);
  const n = sortedReference.length;
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const position = (n - 1) * (k / bins);
    const lo = Math.floor(position);
    const hi = Math.min(lo + 1, n - 1);
    const frac = position - lo;
    const low = sortedReference[lo];
    const high = sortedReference[hi];
    // numpy's lerp form, exact at both ends and overflow-free for 1e300 values of opposite sign.
    const edge = frac === 0 || low === high ? low : frac < 0.5 ? low + (high - low) * frac : high - (high - low) * (1 - frac);
    const q = Number.isFinite(edge) ? edge : low * (1 - frac) + high * frac;
    if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
  }
  return Float64Array.from(edges);
}

/** Counts per bin of an ascending sample under `quantileEdges`' rule (edges.length + 1 bins). */
export function binCountsSorted(sorted: Float64Array, edges: Float64Array): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let bin = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    while (bin < edges.length && v >= edges[bin]) bin++;
    counts[bin]++;
  }
  return counts;
}

/**
 * Population stability index of two histograms over the same bins: Σ (c − r)·ln(c/r) over the
 * bins' shares, a share of 0 replaced by 1e-4 (Evidently's rule). Symmetric in its arguments.
 */
export function psiFromCounts(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  if (reference.length !== current.length) throw invalidArgument('current', `${reference.length} bins like the reference`, `${current.length} bins`);
  const r = total(reference);
  const c = total(current);
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = reference[i] / r || psiEpsilon;
    const q = current[i] / c || psiEpsilon;
    psi += (q - p) * Math.log(q / p);
  }
  return psi;
}

function total(counts: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += counts[i];
  return sum;
}
