/** Below this length the native sort wins (radix sort pays for its histograms). */
const minRadixLength = 4096;

/** Scratch kept between calls up to this many values (8 MB): drift sorts column after column of one size. */
const maxKeptScratch = 1 << 20;
let kept: Float64Array | undefined;

/**
 * Sorts NaN-free doubles ascending in place, like `Float64Array.prototype.sort` (−0 before +0), by
 * an LSD radix sort on the IEEE bits. The key of a double is an unsigned 64-bit number that orders
 * like it (sign bit flipped for positives, every bit flipped for negatives); it is never stored:
 * each pass reads a digit of the key from the double's words (`word ^ mask`, the mask from its
 * sign) and moves the double itself, one 8-byte copy, between the array and a scratch array. The
 * moved values are the caller's numbers, so no NaN bit pattern ever passes through a Float64Array.
 * 6 digits (bits 0–10, 11–21, 22–31 of each 32-bit word); all histograms come from one read, and a
 * pass whose digit is the same for every key (exponent bits of data in a narrow range) is skipped.
 * O(n): KS and Wasserstein spend most of their time here.
 */
export function sortFloat64(values: Float64Array): void {
  const n = values.length;
  if (n < minRadixLength) {
    values.sort();
    return;
  }
  const counts = histograms(new Uint32Array(values.buffer, values.byteOffset, n * 2), n);
  let scratch = kept !== undefined && kept.length >= n ? kept.subarray(0, n) : new Float64Array(n);
  if (n <= maxKeptScratch && scratch.buffer !== kept?.buffer) kept = scratch;
  let from = values;
  let to = scratch;
  const offsets = new Uint32Array(2048);
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * 2048;
    let trivial = false;
    for (let d = 0; d < 2048; d++) if (counts[base + d] === n) trivial = true;
    if (trivial) continue;
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      offsets[d] = sum;
      sum += counts[base + d];
    }
    scatter(from, to, offsets, pass < 3 ? 0 : 1, (pass % 3) * 11);
    const swap = from;
    from = to;
    to = swap;
  }
  if (from !== values) values.set(from);
}

/** The six digit histograms of every key, from one read of the words. */
function histograms(words: Uint32Array, n: number): Uint32Array {
  const counts = new Uint32Array(6 * 2048);
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1];
    const negative = hi >> 31;
    const lo = words[2 * i] ^ negative;
    const key = hi ^ (negative | 0x80000000);
    counts[lo & 0x7ff]++;
    counts[2048 + ((lo >>> 11) & 0x7ff)]++;
    counts[4096 + (lo >>> 22)]++;
    counts[6144 + (key & 0x7ff)]++;
    counts[8192 + ((key >>> 11) & 0x7ff)]++;
    counts[10240 + (key >>> 22)]++;
  }
  return counts;
}

/** One stable counting pass on the digit at `shift` of the key's low (`word` 0) or high (1) word. */
function scatter(from: Float64Array, to: Float64Array, offsets: Uint32Array, word: 0 | 1, shift: number): void {
  const words = new Uint32Array(from.buffer, from.byteOffset, from.length * 2);
  const n = from.length;
  if (word === 0) {
    for (let i = 0; i < n; i++) {
      const digit = ((words[2 * i] ^ (words[2 * i + 1] >> 31)) >>> shift) & 0x7ff;
      to[offsets[digit]++] = from[i];
    }
  } else {
    for (let i = 0; i < n; i++) {
      const hi = words[2 * i + 1];
      const digit = ((hi ^ ((hi >> 31) | 0x80000000)) >>> shift) & 0x7ff;
      to[offsets[digit]++] = from[i];
    }
  }
}
