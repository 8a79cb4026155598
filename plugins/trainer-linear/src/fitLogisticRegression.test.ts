import type { Frame } from '@mlops/frame';
import { labelled, noisy } from './__fixtures__/frames';
import { createLogisticRegressionTrainer } from './createLogisticRegressionTrainer';
import type { LinearModel } from './LinearModel';
import { readDesign } from './lib/readDesign';

const trainer = createLogisticRegressionTrainer();

/**
 * Gradient of scikit-learn's objective `C·Σ logloss + ½‖W‖²` at the fitted model, computed here
 * from predictProba independently of the trainer's own objective, divided by C·n.
 */
function scaledGradient(model: LinearModel, frame: Frame, C: number): number[] {
  const x = readDesign(frame, model.featureNames);
  const n = frame.rowCount;
  const p = model.featureNames.length;
  const K = model.classes!.length;
  const proba = model.predictProba(frame);
  const classOf = frame.column('y');
  const y = Array.from(classOf.data as Int32Array, (c) => model.classes!.indexOf((classOf as unknown as { dictionary: string[] }).dictionary[c]!));
  const rowsOfW = model.data.coef.length;
  const grad: number[] = [];
  for (let k = 0; k < rowsOfW; k++) {
    const cls = rowsOfW === 1 ? 1 : k;
    const r = Array.from({ length: n }, (_, i) => proba[i * K + cls]! - (y[i] === cls ? 1 : 0));
    for (let j = 0; j < p; j++) grad.push((C * r.reduce((s, v, i) => s + v * x[i * p + j]!, 0) + model.data.coef[k]![j]!) / (C * n));
    grad.push((C * r.reduce((s, v) => s + v, 0)) / (C * n));
  }
  return grad;
}

const maxAbs = (xs: number[]) => Math.max(...xs.map(Math.abs));

describe('fitLogisticRegression', () => {
  it('matches the hand-computed MLE on one binary feature (odds 1:3 and 3:1 ⇒ w = 2·ln 3)', async () => {
    const frame = labelled({ x: [0, 0, 0, 0, 1, 1, 1, 1] }, ['p', 'n', 'n', 'n', 'p', 'p', 'p', 'n']);
    // A huge C makes the penalty negligible, leaving the unpenalised maximum-likelihood estimate.
    const model = await trainer.fit(frame, 'y', { C: 1e8, tol: 1e-12 });
    expect(model.task).toBe('binary');
    expect(model.classes).toEqual(['n', 'p']);
    expect(model.data.intercept[0]).toBeCloseTo(Math.log(1 / 3), 5);
    expect(model.data.coef[0]![0]).toBeCloseTo(2 * Math.log(3), 5);
  });

  it('non-separable data: the gradient of the penalised objective vanishes at the solution', async () => {
    const frame = noisy(400, 1, 'bin');
    const model = await trainer.fit(frame, 'y', { C: 0.5, tol: 1e-10 });
    expect(model.data.converged).toBe(true);
    expect(maxAbs(scaledGradient(model, frame, 0.5))).toBeLessThan(1e-9);
    // The true score is a − 0.5·b + 0.3: signs and rough ratio come back.
    const [wa, wb, wc] = model.data.coef[0]!;
    expect(wa).toBeGreaterThan(1);
    expect(wb! / wa!).toBeCloseTo(-0.5, 0);
    expect(Math.abs(wc!)).toBeLessThan(0.3 * wa!);
  });

  it('separable data: the L2 penalty keeps weights finite, gradient ~0, every row right', async () => {
    const frame = labelled({ x: [-3, -2, -1, 1, 2, 3], z: [0.5, -0.2, 0.1, 0.3, -0.4, 0] }, ['n', 'n', 'n', 'p', 'p', 'p']);
    const model = await trainer.fit(frame, 'y', { C: 1, tol: 1e-12 });
    expect(model.data.converged).toBe(true);
    expect(maxAbs(scaledGradient(model, frame, 1))).toBeLessThan(1e-10);
    expect(Number.isFinite(model.data.coef[0]![0])).toBe(true);
    expect(Array.from(model.predict(frame))).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('multinomial on 3 classes: gradient ~0, per-feature weights sum to 0 across classes', async () => {
    const frame = noisy(600, 2, 'multi');
    const model = await trainer.fit(frame, 'y', { C: 2, tol: 1e-10 });
    expect(model.task).toBe('multiclass');
    expect(model.classes).toEqual(['hi', 'lo', 'mid']);
    expect(model.data.coef).toHaveLength(3);
    expect(maxAbs(scaledGradient(model, frame, 2))).toBeLessThan(1e-8);
    // At the L2 optimum Σ_k w_k = C·Σ_i x_i·Σ_k (p_ik − y_ik)·(−1) = 0: softmax rows sum to 1.
    for (let j = 0; j < 3; j++) expect(Math.abs(model.data.coef.reduce((s, w) => s + w[j]!, 0))).toBeLessThan(1e-8);
    const proba = model.predictProba(frame);
    for (let i = 0; i < 5; i++) expect(proba[3 * i]! + proba[3 * i + 1]! + proba[3 * i + 2]!).toBeCloseTo(1, 12);
    const acc = model.predict(frame).reduce((s, v, i) => s + (model.classes![v] === ['lo', 'mid', 'hi'][(frame.column('y').data as Int32Array)[i]!] ? 1 : 0), 0) / 600;
    expect(acc).toBeGreaterThan(0.8);
  });

  it('reports train/valid logloss per iteration and stops when asked', async () => {
    const data = noisy(500, 3, 'bin');
    const validation = noisy(200, 4, 'bin');
    const seen: Record<string, number>[] = [];
    const model = await trainer.fit(data, 'y', {}, { validation, onIteration: ({ iteration, metrics }) => (seen.push(metrics), iteration === 4 ? 'stop' : undefined) });
    expect(seen).toHaveLength(4);
    expect(model.data).toMatchObject({ iterations: 4, converged: false });
    expect(Object.keys(seen[0]!)).toEqual(['train_logloss', 'valid_logloss']);
    expect(seen[3]!.train_logloss).toBeLessThan(seen[0]!.train_logloss!);
    expect(seen[0]!.train_logloss).toBeLessThan(Math.log(2));
  });

  it('is deterministic and round-trips through JSON', async () => {
    const frame = noisy(300, 5, 'multi');
    const a = await trainer.fit(frame, 'y', { C: 0.3 }, { seed: 1 });
    const b = await trainer.fit(frame, 'y', { C: 0.3 }, { seed: 99 });
    expect(b.toJSON()).toEqual(a.toJSON());
    const loaded = trainer.load(JSON.parse(JSON.stringify(a.toJSON())));
    expect(loaded.predictProba(frame)).toEqual(a.predictProba(frame));
    expect(loaded.classes).toEqual(a.classes);
  });

  it('refuses NaN features by name, bad params and foreign model JSON', async () => {
    const frame = labelled({ ok: [1, 2, 3, 4], bad: [1, NaN, 0, 1] }, ['a', 'b', 'a', 'b']);
    await expect(trainer.fit(frame, 'y', {})).rejects.toThrow('feature column "bad" is missing or not finite at row 1 (NaN); impute it first');
    await expect(trainer.fit(frame, 'y', { C: -1 })).rejects.toThrow(/invalid logistic regression params:[\s\S]*C/);
    expect(() => trainer.load({ kind: 'gbdt' })).toThrow('not a linear model');
  });
});
