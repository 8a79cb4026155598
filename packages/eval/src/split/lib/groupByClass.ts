/** Row indices of each class, ascending, from dense class codes. */
export function groupByClass(codes: ArrayLike<number>, nClasses: number): Int32Array[] {
  const counts = new Int32Array(nClasses);
  for (let i = 0; i < codes.length; i++) counts[codes[i]!]!++;
  const groups = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(nClasses);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    groups[c]![fill[c]!++] = i;
  }
  return groups;
}
