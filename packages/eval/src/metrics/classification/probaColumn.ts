/** Column `c` of row-major `rows × nClasses` probabilities, as its own array. */
export function probaColumn(proba: ArrayLike<number>, nClasses: number, c: number): Float64Array {
  const rows = proba.length / nClasses;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = proba[i * nClasses + c]!;
  return out;
}
