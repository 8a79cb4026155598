import { binCountsSorted, quantileEdges } from '../numeric/psi';

/** Two count vectors over the same keys, the union of both samples' keys in sorted order. */
export interface AlignedCounts {
  readonly keys: readonly string[];
  readonly reference: Float64Array;
  readonly current: Float64Array;
}

/** Aligns two key → count maps; a key missing on one side counts 0 there. */
export function alignCounts(reference: ReadonlyMap<string, number>, current: ReadonlyMap<string, number>): AlignedCounts {
  const keys = [...new Set([...reference.keys(), ...current.keys()])].sort();
  return { keys, reference: Float64Array.from(keys, (k) => reference.get(k) ?? 0), current: Float64Array.from(keys, (k) => current.get(k) ?? 0) };
}

/** Counts per distinct value of two ascending samples, over the union of their values. */
export function distinctValueCounts(a: Float64Array, b: Float64Array): AlignedCounts {
  const keys: string[] = [];
  const ra: number[] = [];
  const rb: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const v = j === b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    let ca = 0;
    let cb = 0;
    while (i < a.length && a[i] === v) (i++, ca++);
    while (j < b.length && b[j] === v) (j++, cb++);
    keys.push(String(v));
    ra.push(ca);
    rb.push(cb);
  }
  return { keys, reference: Float64Array.from(ra), current: Float64Array.from(rb) };
}

/** Counts of both samples in the reference's quantile bins (the PSI binning). */
export function quantileBinCounts(a: Float64Array, b: Float64Array, bins: number): AlignedCounts & { edges: Float64Array } {
  const edges = quantileEdges(a, bins);
  const keys = Array.from({ length: edges.length + 1 }, (_, k) => (k === 0 ? `< ${edges[0]}` : `≥ ${edges[k - 1]}`));
  return { keys, edges, reference: binCountsSorted(a, edges), current: binCountsSorted(b, edges) };
}
