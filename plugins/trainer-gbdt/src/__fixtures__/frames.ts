import { categoryColumn, float64Column, Frame } from '@mlops/frame';
import { mulberry32 as createRng } from '@mlops/eval';

/** A labelled frame from float feature columns and string labels. */
export function labelled(features: Record<string, number[]>, labels: string[]): Frame {
  const dict = [...new Set(labels)];
  const cols = Object.fromEntries(Object.entries(features).map(([k, v]) => [k, float64Column(Float64Array.from(v))]));
  return Frame.fromColumns({ ...cols, y: categoryColumn(Int32Array.from(labels, (l) => dict.indexOf(l)), dict) });
}

/**
 * Seeded synthetic data: `x0..x3` normal-ish, a fraction `missing` of x0 missing. Binary label from a
 * nonlinear rule (missing x0 ⇒ mostly positive), 3-class label from x1's range, regression target.
 */
export function synthetic(rows: number, seed: number, missing = 0.1): Frame {
  const rng = createRng(seed);
  const x = [0, 1, 2, 3].map(() => new Float64Array(rows));
  const bin: string[] = [];
  const multi: string[] = [];
  const reg = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    for (const c of x) c[i] = rng() * 4 - 2;
    const miss = rng() < missing;
    const s = (miss ? 1.5 : x[0]![i]! * x[1]![i]!) + 0.5 * x[2]![i]! + (rng() - 0.5);
    bin.push(s > 0 ? 'yes' : 'no');
    multi.push(x[1]![i]! + 0.3 * (rng() - 0.5) < -0.7 ? 'a' : x[1]![i]! < 0.7 ? 'b' : 'c');
    reg[i] = 3 * Math.sin(x[2]![i]!) + (miss ? 2 : x[0]![i]!) + 0.1 * rng();
    if (miss) x[0]![i] = NaN;
  }
  const dictB = ['no', 'yes'];
  const dictM = ['c', 'b', 'a'];
  return Frame.fromColumns({
    x0: float64Column(x[0]!),
    x1: float64Column(x[1]!),
    x2: float64Column(x[2]!),
    x3: float64Column(x[3]!),
    bin: categoryColumn(Int32Array.from(bin, (l) => dictB.indexOf(l)), dictB),
    multi: categoryColumn(Int32Array.from(multi, (l) => dictM.indexOf(l)), dictM),
    reg: float64Column(reg),
  });
}
