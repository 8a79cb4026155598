import { float64Column, Frame } from '@mlops/frame';
import { noisy } from './__fixtures__/frames';
import { createLinearRegressionTrainer } from './createLinearRegressionTrainer';

const trainer = createLinearRegressionTrainer();
const tiny = () => Frame.fromColumns({ x: float64Column(Float64Array.from([1, 2, 3])), y: float64Column(Float64Array.from([1, 3, 2])) });

describe('fitLinearRegression', () => {
  it('least squares and ridge on a tiny matrix match the closed form by hand', async () => {
    // Centred x = [−1, 0, 1], centred y = [−1, 1, 0]: Σx² = 2, Σxy = 1, x̄ = ȳ = 2.
    const ols = await trainer.fit(tiny(), 'y', {});
    expect(ols.data.coef[0]![0]).toBeCloseTo(1 / 2, 14);
    expect(ols.data.intercept[0]).toBeCloseTo(1, 14);
    // Ridge: w = Σxy / (Σx² + α) = 1/3, intercept unpenalised: b = ȳ − x̄·w = 4/3.
    const ridge = await trainer.fit(tiny(), 'y', { alpha: 1 });
    expect(ridge.data.coef[0]![0]).toBeCloseTo(1 / 3, 14);
    expect(ridge.data.intercept[0]).toBeCloseTo(4 / 3, 14);
    // No intercept: w = Σxy / (Σx² + α) on raw values = 13 / (14 + 1).
    const noIntercept = await trainer.fit(tiny(), 'y', { alpha: 1, fitIntercept: false });
    expect(noIntercept.data.coef[0]![0]).toBeCloseTo(13 / 15, 14);
    expect(noIntercept.data.intercept[0]).toBe(0);
  });

  it('recovers the generating coefficients and satisfies the normal equations', async () => {
    const frame = noisy(500, 7, 'reg');
    const model = await trainer.fit(frame, 'y', { alpha: 0.5 });
    const [wa, wb, wc] = model.data.coef[0]!;
    expect(wa).toBeCloseTo(2, 1);
    expect(wb).toBeCloseTo(-1, 1);
    expect(wc).toBeCloseTo(0, 1);
    // Ridge optimality: Xᵀ(y − ŷ) = α·w and Σ(y − ŷ) = 0.
    const pred = model.predict(frame);
    const y = frame.column('y').data as Float64Array;
    const resid = Array.from(y, (v, i) => v - pred[i]!);
    expect(Math.abs(resid.reduce((s, r) => s + r, 0))).toBeLessThan(1e-9);
    for (const [j, name] of ['a', 'b', 'c'].entries()) {
      const x = frame.column(name).data as Float64Array;
      expect(resid.reduce((s, r, i) => s + r * x[i]!, 0)).toBeCloseTo(0.5 * model.data.coef[0]![j]!, 9);
    }
    expect(() => model.predictProba(frame)).toThrow('no class probabilities');
  });

  it('reports training and validation MSE once, round-trips through JSON, and names a singular system', async () => {
    const seen: Record<string, number>[] = [];
    const model = await trainer.fit(noisy(200, 8, 'reg'), 'y', {}, { validation: noisy(50, 9, 'reg'), onIteration: ({ metrics }) => void seen.push(metrics) });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.train_mse).toBeLessThan(0.01);
    expect(seen[0]!.valid_mse).toBeLessThan(0.01);
    const loaded = trainer.load(JSON.parse(JSON.stringify(model.toJSON())));
    expect(loaded.predict(tiny().withColumn('a', float64Column(Float64Array.from([1, 2, 3]))).withColumn('b', float64Column(new Float64Array(3))).withColumn('c', float64Column(new Float64Array(3))))).toEqual(
      Float64Array.from([1, 2, 3], (v) => model.data.intercept[0]! + model.data.coef[0]![0]! * v),
    );
    const twin = tiny().withColumn('x2', float64Column(Float64Array.from([2, 4, 6])));
    await expect(trainer.fit(twin, 'y', {})).rejects.toThrow('XᵀX is singular (collinear or constant features among x, x2); drop them or set alpha > 0 (ridge)');
    // With a little ridge the collinear pair is solvable: centred X = [[−1, −2], [0, 0], [1, 2]],
    // XᵀX + αI = [[2 + α, 4], [4, 8 + α]], Xᵀy = [1, 2], so w = [1, 2] / (10 + α), b = 2 − 10 / (10 + α).
    const alpha = 1e-3;
    const ridge = await trainer.fit(twin, 'y', { alpha });
    expect(ridge.data.coef[0]![0]).toBeCloseTo(1 / (10 + alpha), 12);
    expect(ridge.data.coef[0]![1]).toBeCloseTo(2 / (10 + alpha), 12);
    expect(ridge.data.intercept[0]).toBeCloseTo(2 - 10 / (10 + alpha), 12);
  });

  it('gives the closed-form ridge solution (Xcᵀ Xc + αI) w = Xcᵀ yc, solved here independently', async () => {
    const frame = noisy(300, 11, 'reg');
    const names = ['a', 'b', 'c'];
    const alpha = 2.5;
    const model = await trainer.fit(frame, 'y', { alpha });
    const y = frame.column('y').data as Float64Array;
    const xs = names.map((n) => frame.column(n).data as Float64Array);
    const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
    const xm = xs.map(mean);
    const ym = mean(y);
    // Normal equations of the centred data, the penalty on the diagonal only (intercept unpenalised).
    const a = names.map((_, j) => names.map((_, k) => xs[j]!.reduce((s, x, i) => s + (x - xm[j]!) * (xs[k]![i]! - xm[k]!), 0) + (j === k ? alpha : 0)));
    const rhs = names.map((_, j) => xs[j]!.reduce((s, x, i) => s + (x - xm[j]!) * (y[i]! - ym), 0));
    const w = solve(a, rhs);
    names.forEach((_, j) => expect(model.data.coef[0]![j]).toBeCloseTo(w[j]!, 10));
    expect(model.data.intercept[0]).toBeCloseTo(ym - w.reduce((s, wj, j) => s + wj * xm[j]!, 0), 10);
  });
});

/** Gaussian elimination with partial pivoting: the test's own solver, independent of the trainer's. */
function solve(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const m = matrix.map((row, i) => [...row, rhs[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= m[r]![c]! * x[c]!;
    x[r] = sum / m[r]![r]!;
  }
  return x;
}
