// A local copy of numpy's linear quantile while @mlops/stats is in flux (its `quantiles` is the
// same method); switch to it once that package is released.

/** The non-NaN values of `values`, sorted ascending (native numeric sort of a typed array). */
export function sortedPresent(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) out[n++] = values[i];
  return out.subarray(0, n).sort();
}

/**
 * The `p`-quantile (0 ≤ p ≤ 1) of ascending, NaN-free `sorted` by numpy's default 'linear' method:
 * position (n - 1)·p, interpolated with numpy's `_lerp`, which works from the nearer neighbour
 * (`b - (b - a)(1 - t)` for t ≥ 0.5), so results match numpy to the last bit. NaN when empty.
 */
export function quantileOfSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, n - 1);
  const t = position - below;
  const a = sorted[below];
  const b = sorted[above];
  if (t === 0 || a === b) return a;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
