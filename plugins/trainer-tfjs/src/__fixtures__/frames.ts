import { categoryColumn, float64Column, Frame } from '@mlops/frame';
import { mulberry32 as createRng } from '@mlops/eval';

/**
 * XOR-like data: `a, b` uniform in [−1, 1]; `y` (category) is "same" when a and b have the same
 * sign, else "diff" — no linear model separates it. `quad` is a 3-class label from the quadrant
 * (lower-left, upper-right, other), `reg` a nonlinear value a·b + a².
 */
export function xorFrame(rows: number, seed: number, target: 'xor' | 'quad' | 'reg'): Frame {
  const rng = createRng(seed);
  const a = new Float64Array(rows);
  const b = new Float64Array(rows);
  const codes = new Int32Array(rows);
  const reg = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    a[i] = rng() * 2 - 1;
    b[i] = rng() * 2 - 1;
    const same = a[i]! * b[i]! > 0;
    codes[i] = target === 'xor' ? (same ? 1 : 0) : a[i]! < 0 && b[i]! < 0 ? 0 : a[i]! > 0 && b[i]! > 0 ? 1 : 2;
    reg[i] = a[i]! * b[i]! + a[i]! ** 2;
  }
  const y = target === 'reg' ? float64Column(reg) : target === 'xor' ? categoryColumn(codes, ['diff', 'same']) : categoryColumn(codes, ['ll', 'ur', 'other']);
  return Frame.fromColumns({ a: float64Column(a), b: float64Column(b), y });
}
