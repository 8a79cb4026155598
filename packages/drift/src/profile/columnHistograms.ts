import { invalidArgument } from '../errors/DriftError';
import { alignCounts } from '../select/alignCounts';
import type { ColumnProfile } from './DatasetProfile';
import { sketchBinCounts } from './sketchStatistics';

/** Reference and current histograms of one column over the same bins, for overlaid plots. */
export type ColumnHistograms =
  | { readonly kind: 'numeric'; readonly edges: readonly number[]; readonly reference: readonly number[]; readonly current: readonly number[] }
  | { readonly kind: 'counts'; readonly keys: readonly string[]; readonly reference: readonly number[]; readonly current: readonly number[] };

/**
 * Histograms of two profiles of a column on shared bins: numeric columns get `bins` equal-width bins
 * over [min, max] of both (numpy.histogram's edges and rule: the last bin is closed), with counts
 * read from the sketches (exact while uncompacted, else within the rank error); bool/category
 * columns get the counts of every value seen on either side, in sorted order.
 */
export function columnHistograms(reference: ColumnProfile, current: ColumnProfile, bins = 20): ColumnHistograms {
  if (!(Number.isInteger(bins) && bins >= 1)) throw invalidArgument('bins', 'an integer ≥ 1', bins);
  if (reference.kind === 'counts' && current.kind === 'counts') {
    const aligned = alignCounts(reference.counts, current.counts);
    return { kind: 'counts', keys: aligned.keys, reference: Array.from(aligned.reference), current: Array.from(aligned.current) };
  }
  if (reference.kind !== 'numeric' || current.kind !== 'numeric') throw invalidArgument('current', `a ${reference.kind} profile like the reference`, `a ${current.kind} profile`);
  const sides = [reference, current].filter((p) => p.count > 0);
  if (sides.length === 0) return { kind: 'numeric', edges: [], reference: [], current: [] };
  let lo = Math.min(...sides.map((p) => p.sketch.min));
  let hi = Math.max(...sides.map((p) => p.sketch.max));
  // numpy widens a zero-width range by 0.5 on each side.
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + ((hi - lo) * i) / bins));
  const inner = Float64Array.from(edges.slice(1, -1));
  const counts = (p: typeof reference) => (p.count === 0 ? new Array<number>(bins).fill(0) : Array.from(sketchBinCounts(p.sketch.view(), inner)));
  return { kind: 'numeric', edges, reference: counts(reference), current: counts(current) };
}
