import * as ort from 'onnxruntime-node';
import { attr } from './attr';
import { composeModels } from './composeModels';
import { createGraph } from './createGraph';
import { decodeModel } from './decodeModel';
import { tensor } from './tensor';
import type { onnx } from 'onnx-proto';

const graphOf = (bytes: Uint8Array) => decodeModel(bytes).graph as onnx.GraphProto;

// A "preprocessing" graph (ai.onnx.ml Scaler) and a "model" graph (MatMul + Add), composed.
const prep = () =>
  createGraph('prep')
    .input('x', 'float', ['N', 2])
    .node('Scaler', ['x'], ['features'], { offset: attr.floats([1, 1]), scale: attr.floats([2, 2]) }, 'ai.onnx.ml')
    .output('features', 'float', ['N', 2]);

const model = () =>
  createGraph('model')
    .input('input', 'float', ['N', 2])
    .initializer('w', tensor('float', [2, 1], [1, 10]))
    .initializer('b', tensor('float', [1], [0.5]))
    .node('MatMul', ['input', 'w'], ['t'])
    .node('Add', ['t', 'b'], ['score'])
    .output('score', 'float', ['N', 1]);

describe('composeModels', () => {
  it('runs the second model behind the first', async () => {
    const bytes = composeModels(prep().toModel(), model().toModel(), { connect: { input: 'features' } });
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([2, 3, 1, 1]), [2, 2]) });
    await session.release();
    // (2-1)*2 = 2, (3-1)*2 = 4 → 2 + 40 + 0.5; the second row scales to zeros → 0.5.
    expect(Array.from(out.score.data as Float32Array)).toEqual([42.5, 0.5]);
    const graph = graphOf(bytes);
    expect(graph.input.map((i) => i.name)).toEqual(['x']);
    expect(graph.output.map((o) => o.name)).toEqual(['score']);
    expect(graph.initializer.map((t) => t.name)).toEqual(['model/w', 'model/b']);
  });

  it('keeps requested outputs of either model', () => {
    const bytes = composeModels(prep().toModel(), model().toModel(), {
      connect: { input: 'features' },
      outputs: ['features', 'score'],
    });
    expect(graphOf(bytes).output.map((o) => o.name)).toEqual(['features', 'score']);
  });

  it('refuses models that import different versions of a domain', () => {
    const other = model().toModel({ opsets: { '': 13 } });
    expect(() => composeModels(prep().toModel(), other, { connect: { input: 'features' } })).toThrowErrorMatchingInlineSnapshot(
      `"composeModels: the models import different versions of domain "": 15 and 13"`,
    );
  });

  it('names a connection to an input the second model lacks', () => {
    expect(() => composeModels(prep().toModel(), model().toModel(), { connect: { nope: 'features' } })).toThrowErrorMatchingInlineSnapshot(
      `"composeModels: ONNX graph "prep": appending graph "model": connect names "nope", which is not an input of the appended graph"`,
    );
  });
});
