/**
 * For a row-major `rows × columns` matrix (class probabilities), the index of each row's largest
 * value, first on ties: how every classifier turns `predictProba` into `predict`.
 */
export function argmaxRows(matrix: ArrayLike<number>, columns: number): Float64Array {
  const rows = columns > 0 ? matrix.length / columns : 0;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const base = i * columns;
    let best = 0;
    for (let k = 1; k < columns; k++) if (matrix[base + k]! > matrix[base + best]!) best = k;
    out[i] = best;
  }
  return out;
}
