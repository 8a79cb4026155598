import { describe, expect, it } from '@jest/globals';
import { float64Column, categoryColumn, Frame } from '@mlops/frame';
import { isPlugin, tokens } from '@mlops/core';
import { createTestContext } from '@mlops/testkit';
import { attr, createGraph } from '@mlops/onnx';
import { createLinearRegressionTrainer, createLogisticRegressionTrainer } from '@mlops/trainer-linear';
import * as mod from './index';
import { OnnxRuntimeError } from './errors';
import { onnxRuntimeOptions } from './options';
import { onnxRuntime } from './plugin';

function frame(rows: number, seed: number): Frame {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 4 - 2;
  const a = Float64Array.from({ length: rows }, rnd);
  const b = Float64Array.from({ length: rows }, rnd);
  const y = Int32Array.from(a, (v, i) => (v - 0.5 * b[i]! > 0 ? 1 : 0));
  return Frame.fromColumns({ a: float64Column(a), b: float64Column(b), y: categoryColumn(y, ['neg', 'pos']), t: float64Column(Float64Array.from(a, (v, i) => 2 * v - b[i]!)) });
}

const makeRuntime = (nativeRun: boolean) => onnxRuntime.create(createTestContext(onnxRuntime, { nativeRun })) as mod.OnnxModelRuntime;

describe('onnxRuntime plugin', () => {
  it('provides the model runtime with documented defaults', () => {
    expect(isPlugin(onnxRuntime)).toBe(true);
    expect(onnxRuntime.provides).toBe(tokens.modelRuntime);
    expect(mod.default).toEqual([onnxRuntime]);
    expect(onnxRuntimeOptions.parse({})).toEqual({ intraOpThreads: 1, graphOptimizationLevel: 'all', nativeRun: true });
    expect(onnxRuntimeOptions.safeParse({ intraOpThreads: 0 }).error?.issues.map((i) => i.path.join('.'))).toEqual(['intraOpThreads']);
    expect(onnxRuntimeOptions.safeParse({ nativeRun: 'yes' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['nativeRun']);
    expect(makeRuntime(true).name).toBe('onnxruntime-node');
    expect(makeRuntime(true).health()).toEqual({ ok: true, detail: expect.stringMatching(/^onnxruntime-node 1\.\d+\.\d+, native run$/) });
    expect(makeRuntime(false).health()).toEqual({ ok: true, detail: expect.stringMatching(/^onnxruntime-node 1\.\d+\.\d+, public run \(nativeRun: false\)$/) });
  });

  it('runs through the native session by default, settling before the next turn; the public one gives the same bits', async () => {
    const model = await createLogisticRegressionTrainer().fit(frame(300, 4).select(['a', 'b', 'y']), 'y', { C: 1 });
    const native = (await makeRuntime(true).load(model.toOnnx())) as mod.OnnxLoadedModel;
    const viaPublic = (await makeRuntime(false).load(model.toOnnx())) as mod.OnnxLoadedModel;
    try {
      expect([native.entryPoint, viaPublic.entryPoint]).toEqual(['native', 'public']);
      expect(native.inputs).toEqual(viaPublic.inputs);
      expect(native.outputs).toEqual(viaPublic.outputs);
      const x = Float32Array.from({ length: 2 * 257 }, (_, i) => Math.sin(i * 12.9898) * 3);
      const feeds = { features: { data: x, dims: [257, 2] } };
      const [a, b] = await Promise.all([native.run(feeds), viaPublic.run(feeds)]);
      expect(a).toEqual(b);
      // Native: settled before a setImmediate fires (the server's micro-batcher counts on it); public: after.
      const order: string[] = [];
      const immediate = new Promise<void>((r) => setImmediate(() => r(void order.push('immediate'))));
      await Promise.all([native.run(feeds).then(() => order.push('native')), viaPublic.run(feeds).then(() => order.push('public')), immediate]);
      expect(order).toEqual(['native', 'immediate', 'public']);
      // A feed of the wrong type is a rejection naming it, and the session keeps working.
      for (const loaded of [native, viaPublic]) {
        await expect(loaded.run({ features: { data: Float64Array.of(1, 2), dims: [1, 2] } })).rejects.toThrow(/onnxruntime run failed: .*(type|tensor\(double\))/i);
        await expect(loaded.run({ features: { data: Float32Array.of(1, 2), dims: [1, 1, 2] } })).rejects.toThrow(OnnxRuntimeError);
        expect(await loaded.run(feeds)).toEqual(a);
      }
    } finally {
      await native.release();
      await viaPublic.release();
    }
  });
});

describe.each([
  ['native', true],
  ['public', false],
])('onnxRuntime plugin, %s session', (_, nativeRun) => {
  const runtime = () => makeRuntime(nativeRun);

  it('loads a classifier, reports its graph and runs batches that match the trainer', async () => {
    const train = frame(300, 1).select(['a', 'b', 'y']);
    const model = await createLogisticRegressionTrainer().fit(train, 'y', { C: 1 });
    const loaded = await runtime().load(model.toOnnx());
    try {
      expect(loaded.inputs).toEqual([{ name: 'features', type: 'float32', dims: [null, 2] }]);
      expect(loaded.outputs.map((o) => [o.name, o.type])).toEqual([['label', 'int64'], ['probabilities', 'float32']]);
      const test = frame(50, 7);
      const x = new Float32Array(100);
      const a = test.column('a').data as Float64Array;
      const b = test.column('b').data as Float64Array;
      for (let i = 0; i < 50; i++) [x[2 * i], x[2 * i + 1]] = [a[i]!, b[i]!];
      const out = await loaded.run({ features: { data: x, dims: [50, 2] } });
      expect(out.probabilities!.dims).toEqual([50, 2]);
      const expected = model.predictProba!(test);
      const got = out.probabilities!.data as Float32Array;
      for (let i = 0; i < expected.length; i++) expect(Math.abs(got[i]! - expected[i]!)).toBeLessThan(1e-5);
      expect(Array.from(out.label!.data as BigInt64Array, Number)).toEqual(Array.from(model.predict(test)));
    } finally {
      await loaded.release();
    }
  });

  it('runs a regressor, and refuses runs after release', async () => {
    const model = await createLinearRegressionTrainer().fit(frame(200, 3).select(['a', 'b', 't']), 't', { alpha: 0 });
    const loaded = await runtime().load(model.toOnnx());
    const out = await loaded.run({ features: { data: Float32Array.from([1, 1]), dims: [1, 2] } });
    expect((out.variable!.data as Float32Array)[0]).toBeCloseTo(1, 3);
    await loaded.release();
    await loaded.release();
    await expect(loaded.run({ features: { data: Float32Array.from([1, 1]), dims: [1, 2] } })).rejects.toThrow('run called on a released model');
  });

  it('feeds string and float64 tensors (a string column encoded inside the graph)', async () => {
    const graph = createGraph('strings')
      .input('plan', 'string', ['N', 1])
      .input('x', 'double', ['N', 1])
      .node('LabelEncoder', ['plan'], ['code'], { keys_strings: attr.strings(['free', 'pro']), values_int64s: attr.ints([0, 1]), default_int64: attr.int(-1) }, 'ai.onnx.ml')
      .node('Identity', ['x'], ['y'])
      .output('code', 'int64', ['N', 1])
      .output('y', 'double', ['N', 1])
      .toModel();
    const loaded = await runtime().load(graph);
    expect(loaded.inputs).toEqual([{ name: 'plan', type: 'string', dims: [null, 1] }, { name: 'x', type: 'float64', dims: [null, 1] }]);
    const out = await loaded.run({ plan: { data: ['pro', 'free', ''], dims: [3, 1] }, x: { data: Float64Array.from([0.1, 0.2, 0.3]), dims: [3, 1] } });
    expect(Array.from(out.code!.data as BigInt64Array, Number)).toEqual([1, 0, -1]);
    expect(Array.from(out.y!.data as Float64Array)).toEqual([0.1, 0.2, 0.3]);
    await loaded.release();
  });

  it('feeds a graph of several inputs by name, whatever the order of the feeds; a missing input is named', async () => {
    const graph = createGraph('three')
      .input('a', 'float', ['N', 1])
      .input('b', 'float', ['N', 1])
      .input('c', 'double', ['N', 1])
      .node('Sub', ['a', 'b'], ['d'])
      .node('Identity', ['c'], ['e'])
      .output('d', 'float', ['N', 1])
      .output('e', 'double', ['N', 1])
      .toModel();
    const loaded = await runtime().load(graph);
    try {
      const c = { data: Float64Array.of(0.5, 0.25), dims: [2, 1] };
      const out = await loaded.run({ c, b: { data: Float32Array.of(1, 2), dims: [2, 1] }, a: { data: Float32Array.of(10, 20), dims: [2, 1] } });
      expect(Object.keys(out)).toEqual(['d', 'e']);
      expect(out.d).toEqual({ data: Float32Array.of(9, 18), dims: [2, 1] });
      expect(out.e).toEqual({ data: Float64Array.of(0.5, 0.25), dims: [2, 1] });
      // Feeds the graph does not take are left out, as onnxruntime leaves them.
      const extra = await loaded.run({ a: { data: Float32Array.of(1), dims: [1, 1] }, b: { data: Float32Array.of(1), dims: [1, 1] }, c: { data: Float64Array.of(1), dims: [1, 1] }, z: { data: Float32Array.of(1), dims: [1, 1] } });
      expect(extra.d!.data).toEqual(Float32Array.of(0));
      const missing = loaded.run({ a: { data: Float32Array.of(1), dims: [1, 1] }, c });
      await expect(missing).rejects.toThrow(OnnxRuntimeError);
      await expect(missing).rejects.toThrow("onnxruntime run failed: input 'b' is missing in 'feeds'.");
    } finally {
      await loaded.release();
    }
  });

  it('names what went wrong for bad bytes and bad feeds', async () => {
    await expect(runtime().load(Uint8Array.from([1, 2, 3]))).rejects.toThrow(OnnxRuntimeError);
    await expect(runtime().load(Uint8Array.from([1, 2, 3]))).rejects.toThrow(/onnxruntime cannot load the model \(3 bytes\)/);
    const model = await createLogisticRegressionTrainer().fit(frame(100, 2).select(['a', 'b', 'y']), 'y', {});
    const loaded = await runtime().load(model.toOnnx());
    await expect(loaded.run({ features: { data: Float32Array.from([1, 2, 3]), dims: [1, 3] } })).rejects.toThrow(/onnxruntime run failed/);
    await expect(loaded.run({ features: { data: Float32Array.from([1, 2, 3]), dims: [2, 2] } })).rejects.toThrow(/input "features": .*size/i);
    await loaded.release();
  });
});
