import type { Histogram } from './histogram';
import { histogramEdges } from './histogramEdges';

/**
 * numpy.histogram's uniform-bin algorithm on the range [min, max] (both finite; widened by ±0.5
 * when equal): the bin index is `trunc((v − first) / (last − first) * bins)`, then moved by one
 * where rounding put it on the wrong side of an edge, so a value exactly on an inner edge always
 * opens the bin to its right, and `max` falls in the last bin. Values outside the range are skipped.
 */
export function binCounts(values: Float64Array, min: number, max: number, bins: number): Histogram {
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const edges = histogramEdges(first, last, bins);
  const counts = new Float64Array(bins);
  const width = last - first;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= first && v <= last)) continue;
    let k = (((v - first) / width) * bins) | 0;
    if (k === bins) k--;
    if (v < edges[k]) k--;
    else if (k !== bins - 1 && v >= edges[k + 1]) k++;
    counts[k]++;
  }
  return { edges: Array.from(edges), counts: Array.from(counts) };
}
