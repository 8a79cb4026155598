import type { Frame } from '@mlops/frame';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { synthetic } from '../__fixtures__/frames';
import { resolveGbdtParams } from '../createGbdtTrainer';
import { fitGbdt } from '../fitGbdt';
import { GbdtModel } from '../GbdtModel';
import { readFeatures } from './readFeatures';

async function runOnnx(model: GbdtModel, frame: Frame): Promise<Record<string, Tensor>> {
  const session = await InferenceSession.create(model.toOnnx());
  const cols = readFeatures(frame, model.featureNames);
  const F = cols.length;
  const x = new Float32Array(frame.rowCount * F);
  for (let i = 0; i < frame.rowCount; i++) for (let f = 0; f < F; f++) x[i * F + f] = cols[f]![i]!;
  return session.run({ features: new Tensor('float32', x, [frame.rowCount, F]) });
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

// Held-out rows, 10% with a missing x0: both runtimes must take the same default branches.
const train = synthetic(2000, 11, 0.1);
const test = synthetic(700, 12, 0.1);

describe('ONNX export matches in-process predictions on held-out data', () => {
  it('binary: Regressor + Sigmoid gives predictProba and labels', async () => {
    const model = await fitGbdt(train.drop(['multi', 'reg']), 'bin', resolveGbdtParams({ nRounds: 40 }), { seed: 1 });
    const out = await runOnnx(model, test);
    const proba = model.predictProba(test);
    expect(out.probabilities!.dims).toEqual([test.rowCount, 2]);
    expect(maxAbsDiff(out.probabilities!.data as Float32Array, proba)).toBeLessThan(1e-5);
    expect(Array.from(out.label!.data as BigInt64Array, Number)).toEqual(Array.from(model.predict(test)));
  });

  it('multiclass: TreeEnsembleClassifier with SOFTMAX', async () => {
    const model = await fitGbdt(train.drop(['bin', 'reg']), 'multi', resolveGbdtParams({ nRounds: 30, growPolicy: 'lossguide', maxLeaves: 15, maxDepth: 0 }), { seed: 1 });
    const out = await runOnnx(model, test);
    expect(maxAbsDiff(out.probabilities!.data as Float32Array, model.predictProba(test))).toBeLessThan(1e-5);
    expect(Array.from(out.label!.data as BigInt64Array, Number)).toEqual(Array.from(model.predict(test)));
  });

  it('regression: TreeEnsembleRegressor within the float32 summation bound, row by row', async () => {
    const model = await fitGbdt(train.drop(['bin', 'multi']), 'reg', resolveGbdtParams({ nRounds: 50 }), { seed: 1 });
    const out = (await runOnnx(model, test)).variable!.data as Float32Array;
    const ours = model.predict(test);
    // onnxruntime adds the leaf values of a float input model in float32 (its threshold type), so
    // each of the T additions after the base may round by 2⁻²⁴ of the running sum: the error of a
    // row is at most (T + 1)·2⁻²⁴·(|base| + Σ|leaf|), plus the final rounding to float32. We sum in
    // float64 (exact to ~1e−16). Near-zero predictions with large terms can therefore not meet a
    // fixed relative tolerance; this bound holds for every row.
    const T = model.data.trees.length;
    const magnitudes = new GbdtModel({
      ...model.data,
      baseScore: model.data.baseScore.map(Math.abs),
      trees: model.data.trees.map((t) => ({ ...t, value: t.value.map(Math.abs) })),
    }).margins(test);
    let worstRelative = 0;
    for (let i = 0; i < ours.length; i++) {
      const bound = (T + 1) * 2 ** -24 * magnitudes[i]! + 2 ** -24 * Math.abs(ours[i]!);
      expect(Math.abs(out[i]! - ours[i]!)).toBeLessThanOrEqual(bound);
      worstRelative = Math.max(worstRelative, Math.abs(out[i]! - ours[i]!) / magnitudes[i]!);
    }
    // Relative to the magnitude of the terms, the error is far inside 1e−5.
    expect(worstRelative).toBeLessThan(1e-5);
  });

  it('binary with missing values in several features', async () => {
    const holes = (f: Frame) => {
      const x2 = Float64Array.from(f.column('x2').data as Float64Array, (v, i) => (i % 4 === 0 ? NaN : v));
      return f.withColumn('x2', { ...f.column('x2'), data: x2 } as never);
    };
    const model = await fitGbdt(holes(train).drop(['multi', 'reg']), 'bin', resolveGbdtParams({ nRounds: 30 }));
    const t = holes(test);
    const out = await runOnnx(model, t);
    expect(maxAbsDiff(out.probabilities!.data as Float32Array, model.predictProba(t))).toBeLessThan(1e-5);
  });
});
