import type { Frame } from '@mlops/frame';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { noisy } from '../__fixtures__/frames';
import { createLinearRegressionTrainer } from '../createLinearRegressionTrainer';
import { createLogisticRegressionTrainer } from '../createLogisticRegressionTrainer';
import type { LinearModel } from '../LinearModel';
import { readDesign } from './readDesign';

async function runOnnx(model: LinearModel, frame: Frame): Promise<Record<string, Tensor>> {
  const session = await InferenceSession.create(model.toOnnx());
  const x = Float32Array.from(readDesign(frame, model.featureNames));
  return session.run({ features: new Tensor('float32', x, [frame.rowCount, model.featureNames.length]) });
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

const logistic = createLogisticRegressionTrainer();

describe('ONNX export matches in-process predictions on held-out rows', () => {
  it('binary: one-row LinearClassifier with LOGISTIC gives [1 − p, p] and the labels', async () => {
    const model = await logistic.fit(noisy(400, 1, 'bin'), 'y', { C: 1 });
    const test = noisy(300, 2, 'bin');
    const out = await runOnnx(model, test);
    expect(out.probabilities!.dims).toEqual([300, 2]);
    expect(maxAbsDiff(out.probabilities!.data as Float32Array, model.predictProba(test))).toBeLessThan(1e-5);
    expect(Array.from(out.label!.data as BigInt64Array, Number)).toEqual(Array.from(model.predict(test)));
  });

  it('multiclass: LinearClassifier with SOFTMAX', async () => {
    const model = await logistic.fit(noisy(400, 3, 'multi'), 'y', { C: 5 });
    const test = noisy(300, 4, 'multi');
    const out = await runOnnx(model, test);
    expect(out.probabilities!.dims).toEqual([300, 3]);
    expect(maxAbsDiff(out.probabilities!.data as Float32Array, model.predictProba(test))).toBeLessThan(1e-5);
    expect(Array.from(out.label!.data as BigInt64Array, Number)).toEqual(Array.from(model.predict(test)));
  });

  it('regression: LinearRegressor → variable [N, 1]', async () => {
    const model = await createLinearRegressionTrainer().fit(noisy(300, 5, 'reg'), 'y', { alpha: 0.1 });
    const test = noisy(200, 6, 'reg');
    const out = await runOnnx(model, test);
    expect(out.variable!.dims).toEqual([200, 1]);
    // float32 inputs and weights: compare relative to the target's scale (|y| ≲ 7).
    expect(maxAbsDiff(out.variable!.data as Float32Array, model.predict(test))).toBeLessThan(1e-5 * 10);
  });
});
