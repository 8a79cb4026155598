/** Below this length the native sort wins (radix sort pays for its histograms). */
const minRadixLength = 4096;

/**
 * Sorts NaN-free doubles ascending in place, like `Float64Array.prototype.sort` (−0 before +0), by
 * an LSD radix sort on the IEEE bits: each double becomes an unsigned 64-bit key that orders like
 * the number (sign bit flipped for positives, every bit flipped for negatives), then 6 passes of
 * 11-bit digits (10 for the top of each word). All histograms come from one read, and a pass whose
 * digit is the same for every key (exponent bits of data in a narrow range) is skipped. O(n): about
 * 1.5× faster than the native sort at 1M values, and KS and Wasserstein spend most of their time
 * sorting. Needs n extra 64-bit words of scratch.
 */
export function sortFloat64(values: Float64Array): void {
  const n = values.length;
  if (n < minRadixLength) {
    values.sort();
    return;
  }
  // Little-endian words of each double: words[2i] low, words[2i + 1] high (x86/ARM Node).
  let words: Uint32Array = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1];
    if (hi & 0x80000000) {
      words[2 * i] = ~words[2 * i];
      words[2 * i + 1] = ~hi;
    } else words[2 * i + 1] = hi | 0x80000000;
  }
  // Six digits: bits 0–10, 11–21, 22–31 of each 32-bit word (2048, 2048 and 1024 buckets).
  const counts = new Uint32Array(6 * 2048);
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i];
    const hi = words[2 * i + 1];
    counts[lo & 0x7ff]++;
    counts[2048 + ((lo >>> 11) & 0x7ff)]++;
    counts[4096 + (lo >>> 22)]++;
    counts[6144 + (hi & 0x7ff)]++;
    counts[8192 + ((hi >>> 11) & 0x7ff)]++;
    counts[10240 + (hi >>> 22)]++;
  }
  let scratch: Uint32Array = new Uint32Array(n * 2);
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
    const word = pass < 3 ? 0 : 1;
    const shift = (pass % 3) * 11;
    for (let i = 0; i < n; i++) {
      const digit = (words[2 * i + word] >>> shift) & 0x7ff;
      const at = 2 * offsets[digit]++;
      scratch[at] = words[2 * i];
      scratch[at + 1] = words[2 * i + 1];
    }
    const swap = words;
    words = scratch;
    scratch = swap;
  }
  // Undo the key transform, writing into `values` (words may be the scratch buffer by now).
  const out = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1];
    if (hi & 0x80000000) {
      out[2 * i] = words[2 * i];
      out[2 * i + 1] = hi & 0x7fffffff;
    } else {
      out[2 * i] = ~words[2 * i];
      out[2 * i + 1] = ~hi;
    }
  }
}
