import { describe, expect, it, beforeAll } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import type { TensorValue } from '@mlops/core';
import type { Frame } from '@mlops/frame';
import { composeModels } from '@mlops/onnx';
import { createTestContext } from '@mlops/testkit';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { rawFrame, targets, trainFixture, type Target, type TrainedFixture } from './__fixtures__/servingFixture';
import { tfjsRuntime } from './plugin';
import { tfjsServingBundle } from './tfjsServingBundle';
import type { TfjsModelRuntime } from './TfjsModelRuntime';

const createRuntime = async (backend: 'cpu' | 'wasm') => (await tfjsRuntime.create(createTestContext(tfjsRuntime, { backend }))) as TfjsModelRuntime;

/** The in-process answer: the chain applied in JS, then the trainer's own `predictProba` / `predict`. */
function inProcess({ chain, model }: TrainedFixture, frame: Frame): Float64Array {
  const features = chain.transform(frame.select(['age', 'income', 'city']));
  return model.task === 'regression' ? model.predict(features) : model.predictProba(features);
}

/** The serving ONNX the other runtime would run: preprocessing graph composed with the model's graph. */
async function viaOnnx({ chain, model }: TrainedFixture, frame: Frame): Promise<Float32Array> {
  const session = await InferenceSession.create(composeModels(chain.toOnnx(), model.toOnnx(), { connect: { features: 'features' } }));
  const feeds: Record<string, Tensor> = {};
  for (const [name, f] of Object.entries(chain.onnxFeeds(frame))) feeds[name] = new Tensor(f.type, f.data, [...f.dims]);
  const out = await session.run(feeds);
  await session.release();
  return (out[model.task === 'regression' ? 'variable' : 'probabilities']!.data as Float32Array);
}

/** The feeds a server makes for the frame's rows: float32 `[N, 1]` per numeric column, strings for categories. */
function feedsOf({ chain }: TrainedFixture, frame: Frame): Record<string, TensorValue> {
  const feeds: Record<string, TensorValue> = {};
  for (const [name, f] of Object.entries(chain.onnxFeeds(frame))) feeds[name] = { data: f.data, dims: f.dims };
  return feeds;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

const fixtures = {} as Record<Target, TrainedFixture>;
const test = rawFrame(300, 2);

beforeAll(async () => {
  const train = rawFrame(400, 1);
  for (const target of targets) fixtures[target] = await trainFixture(train, target);
});

describe.each(['cpu', 'wasm'] as const)('tfjs runtime on the %s backend', (backend) => {
  it.each(targets)('%s: the bundle answers as the in-process model and as the composed serving ONNX (1e-5)', async (target) => {
    const fixture = fixtures[target];
    const runtime = await createRuntime(backend);
    expect(runtime.name).toBe(`tfjs-${backend}`);
    const loaded = await runtime.load(tfjsServingBundle({ preprocessing: fixture.chain, model: fixture.model }));
    const out = await loaded.run(feedsOf(fixture, test));
    const expected = inProcess(fixture, test);
    const onnx = await viaOnnx(fixture, test);
    if (fixture.model.task === 'regression') {
      expect(out.variable!.dims).toEqual([300, 1]);
      expect(maxAbsDiff(out.variable!.data as Float32Array, expected)).toBeLessThan(1e-5);
      expect(maxAbsDiff(out.variable!.data as Float32Array, onnx)).toBeLessThan(1e-5);
    } else {
      const k = fixture.model.classes!.length;
      expect(out.probabilities!.dims).toEqual([300, k]);
      expect(maxAbsDiff(out.probabilities!.data as Float32Array, expected)).toBeLessThan(1e-5);
      expect(maxAbsDiff(out.probabilities!.data as Float32Array, onnx)).toBeLessThan(1e-5);
      const predicted = fixture.model.predict(fixture.chain.transform(test.select(['age', 'income', 'city'])));
      expect(out.label!.data).toEqual(Array.from(predicted, (c) => fixture.model.classes![c]));
    }
    await loaded.release();
  });
});

describe('tfjs runtime: metadata, memory, errors', () => {
  it('declares a serving-ONNX-like graph: one [null, 1] input per raw column, label + probabilities', async () => {
    const loaded = await (await createRuntime('cpu')).load(tfjsServingBundle({ preprocessing: fixtures.tier.chain, model: fixtures.tier.model }));
    expect(loaded.inputs).toEqual([
      { name: 'age', type: 'float32', dims: [null, 1] },
      { name: 'income', type: 'float32', dims: [null, 1] },
      { name: 'city', type: 'string', dims: [null, 1] },
    ]);
    expect(loaded.outputs).toEqual([{ name: 'label', type: 'string', dims: [null] }, { name: 'probabilities', type: 'float32', dims: [null, 3] }]);
    await loaded.release();
  });

  it('release frees every tensor it made, and runs leave none behind', async () => {
    const before = tf.memory().numTensors;
    const loaded = await (await createRuntime('cpu')).load(tfjsServingBundle({ preprocessing: fixtures.churn.chain, model: fixtures.churn.model }));
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    const afterLoad = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await loaded.run(feedsOf(fixtures.churn, test));
    expect(tf.memory().numTensors).toBe(afterLoad);
    await loaded.release();
    expect(tf.memory().numTensors).toBe(before);
    await loaded.release();
    await expect(loaded.run(feedsOf(fixtures.churn, test))).rejects.toThrow('run called on a released model');
  });

  it('runs a model without preprocessing on its raw float features, and an empty batch', async () => {
    const { model } = fixtures.churn;
    const loaded = await (await createRuntime('cpu')).load(tfjsServingBundle({ model }));
    expect(loaded.inputs.map((i) => i.name)).toEqual(model.featureNames);
    const features = fixtures.churn.chain.transform(test.select(['age', 'income', 'city']));
    const feeds: Record<string, TensorValue> = {};
    for (const name of model.featureNames) feeds[name] = { data: Float32Array.from(features.column(name).data as Float64Array), dims: [300, 1] };
    const out = await loaded.run(feeds);
    expect(maxAbsDiff(out.probabilities!.data as Float32Array, model.predictProba(features))).toBeLessThan(1e-5);
    const empty: Record<string, TensorValue> = {};
    for (const name of model.featureNames) empty[name] = { data: new Float32Array(0), dims: [0, 1] };
    expect((await loaded.run(empty)).probabilities!.dims).toEqual([0, 2]);
    await loaded.release();
  });

  it('refuses ONNX and other bytes with a message naming the runtime to use', async () => {
    const runtime = await createRuntime('cpu');
    const onnx = composeModels(fixtures.churn.chain.toOnnx(), fixtures.churn.model.toOnnx(), { connect: { features: 'features' } });
    await expect(runtime.load(onnx)).rejects.toThrow(/this runtime runs tfjs serving bundles .*look like an ONNX model: ONNX models need @mlops\/runtime-onnx/);
    await expect(runtime.load(Uint8Array.from([0xff, 0xfe, 1]))).rejects.toThrow(/found 3 bytes that are not JSON .*ONNX models need @mlops\/runtime-onnx/);
    await expect(runtime.load(new TextEncoder().encode('{"format":"other/1"}'))).rejects.toThrow('found format "other/1"');
  });

  it('names the field of a malformed bundle and a bad feed', async () => {
    const runtime = await createRuntime('cpu');
    const good = JSON.parse(new TextDecoder().decode(tfjsServingBundle({ preprocessing: fixtures.churn.chain, model: fixtures.churn.model })));
    const load = (patch: object) => runtime.load(new TextEncoder().encode(JSON.stringify({ ...good, ...patch })));
    await expect(load({ model: { ...good.model, layers: good.model.layers.slice(1) } })).rejects.toThrow(/model.layers\[0\].weights: expected \d+ rows/);
    await expect(load({ inputs: good.inputs.slice(0, 2) })).rejects.toThrow('inputs: the preprocessing reads column "city", which is not among the inputs (age, income)');
    await expect(load({ inputs: [{ name: 'age', type: 'int8' }] })).rejects.toThrow(/not a valid tfjs serving bundle: .*inputs/s);
    await expect(load({ preprocessing: { kind: 'nope', version: 1 } })).rejects.toThrow(/preprocessing: .*unknown/i);
    expect(() => tfjsServingBundle({ model: { kind: 'tfjs-dense' } })).toThrow(/not a valid tfjs serving bundle/);
    const loaded = await runtime.load(new TextEncoder().encode(JSON.stringify(good)));
    const feeds = feedsOf(fixtures.churn, test);
    await expect(loaded.run({ age: feeds.age!, income: feeds.income! })).rejects.toThrow('input "city" is not fed (fed: age, income)');
    await expect(loaded.run({ ...feeds, city: feeds.age! })).rejects.toThrow('input "city": expected a string tensor, found Float32Array');
    await expect(loaded.run({ ...feeds, income: { data: new Float32Array(2), dims: [2, 1] } })).rejects.toThrow('input "income" has 2 rows, the previous inputs 300');
    await loaded.release();
  });
});
