import type { RowHashes } from './hashRows';
import type { RowEquality } from './rowEquality';

/** Which occurrence of a repeated row is kept (not marked). */
export type KeepPolicy = 'first' | 'last';

/**
 * Marks rows equal to an earlier row (`keep: 'first'`) or to a later one (`'last'`), given their
 * hashes and an exact equality. An open-addressing table (linear probing, at most half full) holds
 * one representative row per distinct value; a probe matches only when both hash lanes agree AND
 * `equal` confirms, so hash collisions never merge different rows.
 */
export function markDuplicates(hashes: RowHashes, equal: RowEquality, keep: KeepPolicy): Uint8Array {
  const { a, b } = hashes;
  const n = a.length;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const slots = size - 1;
  const table = new Int32Array(size).fill(-1);
  const marked = new Uint8Array(n);
  const step = keep === 'first' ? 1 : -1;
  for (let done = 0, i = keep === 'first' ? 0 : n - 1; done < n; done++, i += step) {
    const ha = a[i];
    const hb = b[i];
    for (let slot = ha & slots; ; slot = (slot + 1) & slots) {
      const j = table[slot];
      if (j === -1) {
        table[slot] = i;
        break;
      }
      if (a[j] === ha && b[j] === hb && equal(i, j)) {
        marked[i] = 1;
        break;
      }
    }
  }
  return marked;
}
