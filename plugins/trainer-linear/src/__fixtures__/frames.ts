import { mulberry32 } from '@mlops/eval';
import { categoryColumn, float64Column, Frame } from '@mlops/frame';

/** A labelled frame from float feature columns and string labels (target column `y`). */
export function labelled(features: Record<string, number[]>, labels: string[]): Frame {
  const dict = [...new Set(labels)];
  const cols = Object.fromEntries(Object.entries(features).map(([k, v]) => [k, float64Column(Float64Array.from(v))]));
  return Frame.fromColumns({ ...cols, y: categoryColumn(Int32Array.from(labels, (l) => dict.indexOf(l)), dict) });
}

/** Seeded generator, so fixtures are the same on every run. */
export const rng = mulberry32;

/**
 * Noisy data: features `a, b, c` uniform in [−2, 2] and target `y`: for `bin` the noisy sign of a
 * linear score (classes neg/pos), for `multi` (lo/mid/hi) a noisy score's range, for `reg` a
 * linear value plus noise.
 */
export function noisy(rows: number, seed: number, target: 'bin' | 'multi' | 'reg'): Frame {
  const r = rng(seed);
  const a = new Float64Array(rows);
  const b = new Float64Array(rows);
  const c = new Float64Array(rows);
  const reg = new Float64Array(rows);
  const bin: number[] = [];
  const multi: number[] = [];
  for (let i = 0; i < rows; i++) {
    a[i] = r() * 4 - 2;
    b[i] = r() * 4 - 2;
    c[i] = r() * 4 - 2;
    bin.push(a[i]! - 0.5 * b[i]! + 0.3 + (r() - 0.5) * 2 > 0 ? 1 : 0);
    const s = b[i]! + 0.5 * c[i]! + (r() - 0.5);
    multi.push(s < -0.8 ? 0 : s < 0.8 ? 1 : 2);
    reg[i] = 2 * a[i]! - b[i]! + 0.5 + 0.1 * (r() - 0.5);
  }
  const y = {
    bin: categoryColumn(Int32Array.from(bin), ['neg', 'pos']),
    multi: categoryColumn(Int32Array.from(multi), ['lo', 'mid', 'hi']),
    reg: float64Column(reg),
  }[target];
  return Frame.fromColumns({ a: float64Column(a), b: float64Column(b), c: float64Column(c), y });
}
