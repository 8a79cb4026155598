import type { Frame } from '@mlops/frame';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { xorFrame } from '../__fixtures__/frames';
import { createTfjsTrainer } from '../createTfjsTrainer';
import type { TfjsModel } from '../TfjsModel';
import { readFeatures } from './readFeatures';

async function runOnnx(model: TfjsModel, frame: Frame): Promise<Record<string, Tensor>> {
  const session = await InferenceSession.create(model.toOnnx());
  return session.run({ features: new Tensor('float32', readFeatures(frame, model.featureNames), [frame.rowCount, model.featureNames.length]) });
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

const trainer = createTfjsTrainer({ backend: 'cpu', hiddenLayers: [16, 8], learningRate: 0.03, epochs: 20 });

describe('ONNX export (Gemm chain) matches in-process predictions on held-out rows', () => {
  it('binary: Sigmoid → Concat(1 − p, p), ArgMax labels', async () => {
    const model = await trainer.fit(xorFrame(300, 1, 'xor'), 'y', {}, { seed: 1 });
    const test = xorFrame(200, 2, 'xor');
    const out = await runOnnx(model, test);
    expect(out.probabilities!.dims).toEqual([200, 2]);
    expect(maxAbsDiff(out.probabilities!.data as Float32Array, model.predictProba(test))).toBeLessThan(1e-5);
    expect(Array.from(out.label!.data as BigInt64Array, Number)).toEqual(Array.from(model.predict(test)));
  });

  it('multiclass with tanh hidden layers: Softmax', async () => {
    const model = await trainer.fit(xorFrame(300, 3, 'quad'), 'y', { activation: 'tanh' }, { seed: 2 });
    const test = xorFrame(200, 4, 'quad');
    const out = await runOnnx(model, test);
    expect(out.probabilities!.dims).toEqual([200, 3]);
    expect(maxAbsDiff(out.probabilities!.data as Float32Array, model.predictProba(test))).toBeLessThan(1e-5);
    expect(Array.from(out.label!.data as BigInt64Array, Number)).toEqual(Array.from(model.predict(test)));
  });

  it('regression: the last Gemm is `variable` [N, 1], target scaling folded in', async () => {
    const model = await trainer.fit(xorFrame(300, 5, 'reg'), 'y', { hiddenLayers: [8] }, { seed: 3 });
    const test = xorFrame(200, 6, 'reg');
    const out = await runOnnx(model, test);
    expect(out.variable!.dims).toEqual([200, 1]);
    expect(maxAbsDiff(out.variable!.data as Float32Array, model.predict(test))).toBeLessThan(1e-5);
  });
});
