/** The non-NaN values of `values`, in order, as a new array (a view of a fresh buffer). */
export function copyNonNaN(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) out[n++] = v;
  }
  return n === out.length ? out : out.subarray(0, n);
}
