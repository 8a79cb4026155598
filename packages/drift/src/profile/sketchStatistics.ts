import type { SketchView } from './kllSketch';

/**
 * KS distance max|F_a − F_b| between two weighted sorted samples (sketch views), evaluated after each
 * run of equal values as for raw samples. With uncompacted sketches (all weights 1) it is the exact
 * statistic; otherwise each CDF is off by at most the sketch's rank error, so D is off by at most
 * the sum of both errors.
 */
export function sketchKsStatistic(a: SketchView, b: SketchView): number {
  let i = 0;
  let j = 0;
  let best = 0;
  while (i < a.values.length && j < b.values.length) {
    const v = a.values[i] <= b.values[j] ? a.values[i] : b.values[j];
    while (i < a.values.length && a.values[i] === v) i++;
    while (j < b.values.length && b.values[j] === v) j++;
    const diff = Math.abs((i ? a.cumulative[i - 1] : 0) / a.n - (j ? b.cumulative[j - 1] : 0) / b.n);
    if (diff > best) best = diff;
  }
  return best;
}

/** ∫|F_a − F_b| between two weighted sorted samples: the Wasserstein distance of the sketched distributions. */
export function sketchWasserstein(a: SketchView, b: SketchView): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  let v = a.values[0] < b.values[0] ? a.values[0] : b.values[0];
  const na = a.values.length;
  const nb = b.values.length;
  while (i < na || j < nb) {
    while (i < na && a.values[i] === v) i++;
    while (j < nb && b.values[j] === v) j++;
    if (i === na && j === nb) break;
    const next = i === na ? b.values[j] : j === nb ? a.values[i] : a.values[i] < b.values[j] ? a.values[i] : b.values[j];
    sum += Math.abs((i ? a.cumulative[i - 1] : 0) / a.n - (j ? b.cumulative[j - 1] : 0) / b.n) * (next - v);
    v = next;
  }
  return sum;
}

/** Estimated counts per bin (`quantileEdges`' rule: bin i holds values with i edges ≤ value), scaled to the view's n. */
export function sketchBinCounts(view: SketchView, edges: Float64Array): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let previous = 0;
  let i = 0;
  for (let e = 0; e < edges.length; e++) {
    while (i < view.values.length && view.values[i] < edges[e]) i++;
    const below = i ? view.cumulative[i - 1] : 0;
    counts[e] = below - previous;
    previous = below;
  }
  counts[edges.length] = view.n - previous;
  return counts;
}

/** The q-quantile of a weighted view: the first value whose cumulative weight reaches q·n. */
export function sketchQuantile(view: SketchView, q: number): number {
  const target = q * view.n;
  let lo = 0;
  let hi = view.values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (view.cumulative[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return view.values[lo];
}

/** PSI edges from a compacted sketch: its quantiles at 1/bins … (bins−1)/bins, duplicates removed. */
export function sketchQuantileEdges(view: SketchView, bins: number): Float64Array {
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const q = sketchQuantile(view, k / bins);
    if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
  }
  return Float64Array.from(edges);
}
