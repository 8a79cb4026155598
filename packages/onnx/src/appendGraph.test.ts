import * as ort from 'onnxruntime-node';
import { appendGraph } from './appendGraph';
import { createGraph } from './createGraph';
import { tensor } from './tensor';

describe('appendGraph', () => {
  it('prefixes internal names, shares same-named inputs and keeps output names', async () => {
    const target = createGraph('main').input('x', 'float', ['N', 1]).initializer('k', tensor('float', [1], [2]));
    target.node('Mul', ['x', 'k'], ['doubled']);
    const source = createGraph('part')
      .input('v', 'float', ['N', 1])
      .input('x', 'float', ['N', 1])
      .initializer('k', tensor('float', [1], [100]))
      .node('Add', ['v', 'k'], ['tmp'])
      .node('Add', ['tmp', 'x'], ['result'])
      .output('result', 'float', ['N', 1]);
    const { outputs } = appendGraph(target, source, { connect: { v: 'doubled' } });
    for (const o of outputs) target.output(o);
    const graph = target.toGraph();
    expect(graph.input.map((i) => i.name)).toEqual(['x']);
    expect(graph.initializer.map((i) => i.name)).toEqual(['k', 'part/k']);
    expect(graph.node.map((n) => n.output![0])).toEqual(['doubled', 'part/tmp', 'result']);

    const session = await ort.InferenceSession.create(target.toModel());
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([1, 2]), [2, 1]) });
    await session.release();
    expect(Array.from(out.result.data as Float32Array)).toEqual([103, 106]);
  });

  it('rejects an output that clashes with a target tensor', () => {
    const target = createGraph('main').input('y', 'float', [1]);
    const source = createGraph('part').input('a', 'float', [1]).node('Neg', ['a'], ['y']).output('y', 'float', [1]);
    expect(() => appendGraph(target, source, { connect: { a: 'y' } })).toThrowErrorMatchingInlineSnapshot(
      `"ONNX graph "main": appending graph "part": its output "y" clashes with a tensor of the target"`,
    );
  });
});
