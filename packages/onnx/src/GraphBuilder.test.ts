import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { attr } from './attr';
import { createGraph } from './createGraph';
import { decodeModel } from './decodeModel';
import { tensor } from './tensor';

const outDir = mkdtempSync(path.join(tmpdir(), 'mlops-onnx-'));

async function run(model: Uint8Array, file: string, feeds: Record<string, ort.Tensor>): Promise<ort.InferenceSession.OnnxValueMapType> {
  writeFileSync(path.join(outDir, file), model);
  const session = await ort.InferenceSession.create(model);
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

const f32 = (values: number[], dims: number[]) => new ort.Tensor('float32', Float32Array.from(values), dims);

describe('GraphBuilder', () => {
  it('builds an Add model onnxruntime runs', async () => {
    const model = createGraph('add')
      .input('a', 'float', ['N', 2])
      .input('b', 'float', ['N', 2])
      .node('Add', ['a', 'b'], ['sum'])
      .output('sum', 'float', ['N', 2])
      .toModel();
    const out = await run(model, 'add.onnx', { a: f32([1, 2, 3, 4], [2, 2]), b: f32([10, 20, 30, 40], [2, 2]) });
    expect(Array.from(out.sum.data as Float32Array)).toEqual([11, 22, 33, 44]);
    expect(out.sum.dims).toEqual([2, 2]);
  });

  it('builds a MatMul with an initializer', async () => {
    const model = createGraph('matmul')
      .input('x', 'float', ['N', 3])
      .initializer('w', tensor('float', [3, 2], [1, 0, 0, 1, 1, 1]))
      .node('MatMul', ['x', 'w'], ['y'])
      .output('y', 'float', ['N', 2])
      .toModel();
    const out = await run(model, 'matmul.onnx', { x: f32([1, 2, 3, 4, 5, 6], [2, 3]) });
    expect(Array.from(out.y.data as Float32Array)).toEqual([4, 5, 10, 11]);
  });

  it('builds an ai.onnx.ml Scaler, which computes (X - offset) * scale', async () => {
    const model = createGraph('scaler')
      .input('x', 'float', ['N', 2])
      .node('Scaler', ['x'], ['y'], { offset: attr.floats([1, 10]), scale: attr.floats([2, 0.5]) }, 'ai.onnx.ml')
      .output('y', 'float', ['N', 2])
      .toModel();
    const out = await run(model, 'scaler.onnx', { x: f32([2, 12, 0, 20], [2, 2]) });
    expect(Array.from(out.y.data as Float32Array)).toEqual([2, 1, -2, 5]);
  });

  it('runs int and string attributes and a string initializer (Concat, LabelEncoder)', async () => {
    const model = createGraph('labels')
      .input('s', 'string', ['N', 1])
      .initializer('extra', tensor('string', [1, 1], ['b']))
      .node('Concat', ['s', 'extra'], ['both'], { axis: attr.int(0) })
      .node(
        'LabelEncoder',
        ['both'],
        ['codes'],
        { keys_strings: attr.strings(['a', 'b']), values_int64s: attr.ints([7, 8]), default_int64: attr.int(-1) },
        'ai.onnx.ml',
      )
      .output('codes', 'int64', [null, 1])
      .toModel();
    const out = await run(model, 'labels.onnx', { s: new ort.Tensor('string', ['a', 'zz'], [2, 1]) });
    expect(Array.from(out.codes.data as BigInt64Array, Number)).toEqual([7, -1, 8]);
  });

  it('writes the requested opsets, IR version, producer and metadata', () => {
    const model = decodeModel(
      createGraph('g')
        .input('x', 'float', [1])
        .node('Identity', ['x'], ['y'])
        .output('y', 'float', [1])
        .toModel({ opsets: { '': 13 }, irVersion: 7, producerName: 'test', metadata: { a: 'b' } }),
    );
    expect(Number(model.irVersion)).toBe(7);
    expect(model.producerName).toBe('test');
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 13]]);
    expect(model.metadataProps).toEqual([expect.objectContaining({ key: 'a', value: 'b' })]);
  });

  it('defaults to opset 15, ai.onnx.ml 3 and IR 8', () => {
    const model = decodeModel(
      createGraph().input('x', 'float', [1]).node('Identity', ['x'], ['y']).output('y', 'float', [1]).toModel(),
    );
    expect(Number(model.irVersion)).toBe(8);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 15], ['ai.onnx.ml', 3]]);
  });

  it('names the node whose input nobody defines', () => {
    expect(() => createGraph('g').input('x', 'float', [1]).node('Add', ['x', 'y'], ['z'])).toThrowErrorMatchingInlineSnapshot(
      `"ONNX graph "g": node Add (Add) reads "y", which no input, initializer or earlier node defines"`,
    );
  });

  it('rejects a tensor name defined twice', () => {
    const g = createGraph('g').input('x', 'float', [1]).node('Identity', ['x'], ['y']);
    expect(() => g.node('Neg', ['x'], ['y'])).toThrowErrorMatchingInlineSnapshot(
      `"ONNX graph "g": output of node Neg (Neg) "y" is already defined (as node)"`,
    );
  });

  it('rejects a declared output no node produces', () => {
    const g = createGraph('g').input('x', 'float', [1]).output('y', 'float', [1]);
    expect(() => g.toModel()).toThrowErrorMatchingInlineSnapshot(
      `"ONNX graph "g": output "y" is declared but no node produces it"`,
    );
  });

  it('rejects a domain without an opset', () => {
    const g = createGraph('g')
      .input('x', 'float', [1])
      .node('Scaler', ['x'], ['y'], {}, 'ai.onnx.ml')
      .output('y', 'float', [1]);
    expect(() => g.toModel({ opsets: { '': 15 } })).toThrowErrorMatchingInlineSnapshot(
      `"ONNX graph "g": nodes use domain "ai.onnx.ml", but opsets has no version for it"`,
    );
  });

  it('hands out unique tensor and node names', () => {
    const g = createGraph().input('x', 'float', [1]);
    const a = g.uniqueName('x');
    const b = g.uniqueName('x');
    expect([a, b]).toEqual(['x_1', 'x_2']);
    g.node('Neg', ['x'], [a]).node('Neg', ['x'], [b]).output(b, 'float', [1]);
    expect(g.toGraph().node.map((n) => n.name)).toEqual(['Neg', 'Neg_1']);
  });
});

describe('GraphBuilder.valueInfo', () => {
  it('records intermediate types, but not for graph outputs', () => {
    const graph = createGraph('g')
      .input('x', 'string', ['N', 1])
      .node('OneHotEncoder', ['x'], ['hot'], { cats_strings: attr.strings(['a', 'b']) }, 'ai.onnx.ml')
      .valueInfo('hot', 'float', ['N', 1, 2])
      .node('Flatten', ['hot'], ['y'], { axis: attr.int(1) })
      .valueInfo('y', 'float', ['N', 2])
      .output('y', 'float', ['N', 2])
      .toGraph();
    expect(graph.valueInfo.map((v) => v.name)).toEqual(['hot']);
  });
});
