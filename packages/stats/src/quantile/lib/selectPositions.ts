/** Below this many values a range is finished by insertion sort. */
const smallRange = 24;

/**
 * Reorders `values` (no NaNs) so that each index in `positions` (ascending, distinct) holds the
 * value a full ascending sort would put there: a multi-target quickselect (Hoare partition,
 * median-of-three pivot) that only descends into parts still containing a wanted position.
 * Expected O(n log k) for k positions, against O(n log n) for a sort; a range that recurses too
 * deep (adversarial input) is handed to the native sort, so the worst case stays O(n log n).
 */
export function selectPositions(values: Float64Array, positions: Int32Array): void {
  if (values.length < 2 || positions.length === 0) return;
  const budget = 2 * Math.ceil(Math.log2(values.length)) + 8;
  select(values, 0, values.length - 1, positions, 0, positions.length - 1, budget);
}

function select(a: Float64Array, lo: number, hi: number, pos: Int32Array, pLo: number, pHi: number, budget: number): void {
  while (pLo <= pHi && lo < hi) {
    if (hi - lo < smallRange) return insertionSort(a, lo, hi);
    if (budget-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const j = partition(a, lo, hi);
    // Wanted positions pos[pLo..split-1] lie in [lo, j], the rest in [j + 1, hi].
    let split = pLo;
    while (split <= pHi && pos[split] <= j) split++;
    if (split - pLo <= pHi - split + 1) {
      select(a, lo, j, pos, pLo, split - 1, budget);
      lo = j + 1;
      pLo = split;
    } else {
      select(a, j + 1, hi, pos, split, pHi, budget);
      hi = j;
      pHi = split - 1;
    }
  }
}

/**
 * Hoare partition around the median of `a[lo]`, `a[mid]`, `a[hi]`. Returns `j` with
 * `lo <= j < hi`, every value in [lo, j] ≤ every value in [j + 1, hi]. Equal values are swapped to
 * both sides, so runs of duplicates still split in half.
 */
function partition(a: Float64Array, lo: number, hi: number): number {
  const mid = lo + ((hi - lo) >> 1);
  if (a[mid] < a[lo]) swap(a, mid, lo);
  if (a[hi] < a[lo]) swap(a, hi, lo);
  if (a[hi] < a[mid]) swap(a, hi, mid);
  const pivot = a[mid];
  let i = lo - 1;
  let j = hi + 1;
  for (;;) {
    do i++;
    while (a[i] < pivot);
    do j--;
    while (a[j] > pivot);
    if (i >= j) return j;
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}
