/** Per row, the index of the largest of `nClasses` probabilities (the first on ties, like numpy's argmax). */
export function argmaxRows(proba: ArrayLike<number>, nClasses: number): Int32Array {
  const rows = proba.length / nClasses;
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let c = 1; c < nClasses; c++) if (proba[i * nClasses + c]! > proba[i * nClasses + best]!) best = c;
    out[i] = best;
  }
  return out;
}
