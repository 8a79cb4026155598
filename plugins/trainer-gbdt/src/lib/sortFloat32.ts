const BITS = 11;
const BUCKETS = 1 << BITS;

/**
 * Sorts non-NaN float32 values ascending, in place, like `Float32Array.prototype.sort` (−0 before
 * +0) but about 3× faster: an LSD radix sort, 3 passes of 11 bits over the bit patterns mapped to
 * unsigned integers that order like the floats (flip all bits of negatives, the sign bit of the rest).
 */
export function sortFloat32(values: Float32Array): Float32Array {
  const n = values.length;
  let from: Uint32Array = new Uint32Array(values.buffer, values.byteOffset, n);
  let to: Uint32Array = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const k = from[i]!;
    from[i] = k & 0x80000000 ? ~k >>> 0 : (k | 0x80000000) >>> 0;
  }
  const count = new Int32Array(BUCKETS);
  for (let shift = 0; shift < 32; shift += BITS) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(from[i]! >>> shift) & (BUCKETS - 1)]!++;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = count[b]!;
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = from[i]!;
      to[count[(k >>> shift) & (BUCKETS - 1)]!++] = k;
    }
    [from, to] = [to, from];
  }
  // Three (odd) passes leave the sorted keys in the scratch array: map them back into `values`.
  const out = new Uint32Array(values.buffer, values.byteOffset, n);
  for (let i = 0; i < n; i++) {
    const k = from[i]!;
    out[i] = k & 0x80000000 ? (k & 0x7fffffff) >>> 0 : ~k >>> 0;
  }
  return values;
}
