import type { Frame } from '@mlops/frame';

/** Deterministic pseudo-random numbers (mulberry32), so a split is the same for the same seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Splits rows into train and test keeping each class's share in both (stratified): within every
 * class the rows are shuffled with the seed and the first `testFraction` go to test.
 */
export function stratifiedSplit(frame: Frame, label: string, testFraction: number, seed: number): { train: Int32Array; test: Int32Array } {
  const column = frame.column(label);
  if (column.dtype !== 'category') throw new Error(`column "${label}" must be categorical to stratify on it (it is ${column.dtype})`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < frame.rowCount; i++) {
    const code = column.data[i];
    if (code < 0) continue; // rows without a label belong to neither side
    let rows = byClass.get(code);
    if (!rows) byClass.set(code, (rows = []));
    rows.push(i);
  }
  const random = rng(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of byClass.values()) {
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    const nTest = Math.round(rows.length * testFraction);
    test.push(...rows.slice(0, nTest));
    train.push(...rows.slice(nTest));
  }
  const sort = (a: number[]) => Int32Array.from(a).sort();
  return { train: sort(train), test: sort(test) };
}
