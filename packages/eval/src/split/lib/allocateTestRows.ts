/**
 * Splits `nTest` test rows among classes in proportion to `counts` by largest remainder: each class
 * gets `floor(nTest × count / n)`, and the rows left over go to the largest fractional parts (ties:
 * the larger class, then the lower class index). Every class is then within one row of its exact
 * share, as sklearn's `_approximate_mode` promises (which breaks ties at random instead).
 */
export function allocateTestRows(counts: Int32Array, nTest: number): Int32Array {
  const n = counts.reduce((s, c) => s + c, 0);
  const out = new Int32Array(counts.length);
  const remainders: { cls: number; rem: number }[] = [];
  let given = 0;
  for (let c = 0; c < counts.length; c++) {
    const exact = (nTest * counts[c]!) / n;
    out[c] = Math.floor(exact);
    given += out[c]!;
    remainders.push({ cls: c, rem: exact - out[c]! });
  }
  remainders.sort((a, b) => b.rem - a.rem || counts[b.cls]! - counts[a.cls]! || a.cls - b.cls);
  for (let i = 0; given < nTest; i++) {
    const c = remainders[i % remainders.length]!.cls;
    if (out[c]! < counts[c]!) {
      out[c]!++;
      given++;
    }
  }
  return out;
}
