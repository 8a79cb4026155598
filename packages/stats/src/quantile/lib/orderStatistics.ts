/** Arrays at most this long are simply sorted (natively) instead of bucketed. */
const sortBelow = 4096;
const digitBits = 16;
const bucketCount = 1 << digitBits;

/**
 * The values of ranks `ranks` (ascending, distinct, each in [0, n)) of `values` (no NaNs), i.e.
 * `sorted[rank]` for a full ascending sort, without sorting and without touching `values`.
 *
 * A most-significant-digit radix selection: the IEEE-754 bits of each double, made unsigned and
 * order-preserving (sign flipped; every bit flipped for negatives), are read 16 bits at a time.
 * One pass counts the top digit, the counts locate each rank's bucket, a second pass copies only
 * those buckets out, and the same is repeated on each (small) bucket with the next digit until
 * it is short enough to sort. Each pass is a straight loop with no data-dependent branch to
 * mispredict, which makes it several times faster than quickselect for the 14 ranks of a profile.
 * -0 ranks before +0, as in a typed-array sort.
 */
export function orderStatistics(values: Float64Array, ranks: Int32Array): Float64Array {
  const out = new Float64Array(ranks.length);
  solve(values, ranks, 0, ranks.length, 0, 0, out);
  return out;
}

/** Fills `out[r]` for `r` in [from, to): `ranks[r] − base` is the rank within `values`. */
function solve(values: Float64Array, ranks: Int32Array, from: number, to: number, base: number, digit: number, out: Float64Array): void {
  if (values.length <= sortBelow || digit === 4) {
    // After four digits every value in a bucket has the same bits, so it needs no sort.
    const sorted = digit === 4 ? values : values.slice().sort();
    for (let r = from; r < to; r++) out[r] = sorted[ranks[r] - base];
    return;
  }
  const words = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
  const counts = new Int32Array(bucketCount);
  countDigits(words, values.length, digit, counts);
  // Walk the buckets once, in order, pairing each with the ranks that fall into it.
  const wanted = new Int32Array(bucketCount).fill(-1);
  const starts: number[] = [];
  const buckets: number[] = [];
  let start = 0;
  let bucket = 0;
  for (let r = from; r < to; r++) {
    const rank = ranks[r] - base;
    while (start + counts[bucket] <= rank) start += counts[bucket++];
    if (wanted[bucket] === -1) {
      wanted[bucket] = buckets.length;
      buckets.push(bucket);
      starts.push(start);
    }
  }
  const parts = buckets.map((b) => new Float64Array(counts[b]));
  gatherBuckets(values, words, digit, wanted, parts);
  let r = from;
  for (let k = 0; k < parts.length; k++) {
    let end = r;
    while (end < to && ranks[end] - base < starts[k] + parts[k].length) end++;
    solve(parts[k], ranks, r, end, base + starts[k], digit + 1, out);
    r = end;
  }
}

/**
 * Digit `digit` (0 = most significant) of the order-preserving key of double `i`, whose words are
 * `words[2i]` (low) and `words[2i + 1]` (high, little-endian). `hi >> 31` is -1 for negatives,
 * so XOR-ing with it flips every bit of a negative and none of a positive.
 */
function digitOf(words: Int32Array, i: number, digit: number): number {
  const hi = words[2 * i + 1];
  const sign = hi >> 31;
  if (digit < 2) {
    const key = hi ^ (sign | 0x80000000);
    return digit === 0 ? key >>> 16 : key & 0xffff;
  }
  const key = words[2 * i] ^ sign;
  return digit === 2 ? key >>> 16 : key & 0xffff;
}

function countDigits(words: Int32Array, n: number, digit: number, counts: Int32Array): void {
  for (let i = 0; i < n; i++) counts[digitOf(words, i, digit)]++;
}

function gatherBuckets(values: Float64Array, words: Int32Array, digit: number, wanted: Int32Array, parts: Float64Array[]): void {
  const fill = new Int32Array(parts.length);
  for (let i = 0; i < values.length; i++) {
    const k = wanted[digitOf(words, i, digit)];
    if (k !== -1) parts[k][fill[k]++] = values[i];
  }
}
