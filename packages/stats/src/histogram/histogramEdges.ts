/**
 * `bins + 1` equal-width edges from `first` to `last`, computed exactly as numpy.linspace does
 * (`i * step + first`, the last edge set to `last`), so they match numpy.histogram's bit for bit.
 */
export function histogramEdges(first: number, last: number, bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  const delta = last - first;
  const step = delta / bins;
  for (let i = 0; i <= bins; i++) edges[i] = step === 0 ? (i / bins) * delta + first : i * step + first;
  edges[bins] = last;
  return edges;
}
