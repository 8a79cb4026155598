import type { Frame } from '@mlops/frame';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { synthetic } from '../__fixtures__/frames';
import { resolveGbdtParams } from '../createGbdtTrainer';
import { fitGbdt } from '../fitGbdt';
import type { GbdtModel } from '../GbdtModel';
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

  it('regression: TreeEnsembleRegressor (relative to the target scale)', async () => {
    const model = await fitGbdt(train.drop(['bin', 'multi']), 'reg', resolveGbdtParams({ nRounds: 50 }), { seed: 1 });
    const out = await runOnnx(model, test);
    expect(maxAbsDiff(out.variable!.data as Float32Array, model.predict(test))).toBeLessThan(1e-5 * 10);
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
