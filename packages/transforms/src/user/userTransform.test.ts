import { float64Column, Frame, type Column } from '@mlops/frame';
import { tensor } from '@mlops/onnx';
import { expectParity } from '../__fixtures__/onnxRuntime';
import { transformChain } from '../chain/transformChain';
import { loadFittedTransform, loadTransformChain } from '../loadFittedTransform';
import { standardScaler } from '../scalers/standardScaler';
import { userTransform } from './userTransform';

const values = (column: Column) => Array.from(column.data as Float64Array);

// log(x - min + 1): fitted state is the training minimum, plain data.
const logShift = userTransform<{ min: number }>({
  name: 'log-shift',
  columns: ['x'],
  fit: ({ x }) => ({ min: Math.min(...values(x).filter((v) => !Number.isNaN(v))) }),
  apply: ({ x }, { min }) => ({ x: float64Column(values(x).map((v) => Math.log(v - min + 1))) }),
  onnx(ctx, { min }) {
    const input = ctx.column('x');
    const [shift, one, shifted, plusOne, out] = ['min', 'one', 'shifted', 'plus_one', 'log'].map((n) => ctx.tensorName(`x/${n}`));
    ctx.graph
      .initializer(shift, tensor('float', [1], [min]))
      .initializer(one, tensor('float', [1], [1]))
      .node('Sub', [input.tensor, shift], [shifted])
      .node('Add', [shifted, one], [plusOne])
      .node('Log', [plusOne], [out]);
    ctx.setColumn('x', { tensor: out, type: 'float' });
  },
});

const frame = Frame.fromColumns({ x: float64Column([3, 5, 10, NaN]), y: float64Column([1, 2, 3, 4]) });

describe('userTransform', () => {
  it('fits and applies the user functions on the selected columns', () => {
    const fitted = logShift.fit(frame);
    expect(fitted.toJSON()).toEqual({ kind: 'user', version: 1, name: 'log-shift', columns: ['x'], state: { min: 3 } });
    const out = fitted.transform(frame);
    expect(values(out.column('x'))).toEqual([0, Math.log(3), Math.log(8), NaN]);
    expect(out.column('y')).toBe(frame.column('y'));
  });

  it('loads from JSON when registered, and names itself when not', () => {
    const data = JSON.parse(JSON.stringify(logShift.fit(frame)));
    expect(values(loadFittedTransform(data, { userTransforms: [logShift] }).transform(frame).column('x'))).toEqual(
      values(logShift.fit(frame).transform(frame).column('x')),
    );
    expect(() => loadFittedTransform(data)).toThrowErrorMatchingInlineSnapshot(
      `"user: user transform "log-shift" is not registered; pass it to the loader as options.userTransforms (registered: (none))"`,
    );
  });

  it('exports its own ONNX nodes, in a chain with built-ins', async () => {
    const chain = transformChain([logShift, standardScaler()]).fit(frame);
    await expectParity(chain, frame, 'user-transform.onnx');
    const reloaded = loadTransformChain(JSON.parse(JSON.stringify(chain)), { userTransforms: [logShift] });
    expect(reloaded.features(frame)).toEqual(chain.features(frame));
  });

  it('names the transform when it has no ONNX export', () => {
    const plain = userTransform({ name: 'clip', fit: () => null, apply: (c) => c });
    expect(() => transformChain([plain]).fit(frame).toOnnx()).toThrowErrorMatchingInlineSnapshot(
      `"clip: user transform "clip" has no ONNX export; give userTransform an \`onnx\` function, or serve the model without ONNX"`,
    );
  });

  it('refuses state that is not plain data', () => {
    const bad = userTransform({ name: 'dated', fit: () => ({ at: new Date(0) }), apply: (c) => c });
    expect(() => bad.fit(frame)).toThrowErrorMatchingInlineSnapshot(
      `"dated: state.at is a Date, which is not plain JSON data (null, boolean, finite number, string, array, object)"`,
    );
    const fn = userTransform({ name: 'fn', fit: () => [() => 1], apply: (c) => c });
    expect(() => fn.fit(frame)).toThrow('state[0] is a function');
  });

  it('wraps errors thrown by user code with the transform and step', () => {
    const failing = userTransform({
      name: 'boom',
      fit: () => null,
      apply: () => {
        throw new Error('no luck');
      },
    });
    const fitted = failing.fit(frame);
    expect(() => fitted.transform(frame)).toThrow(expect.objectContaining({ message: 'boom: apply failed: no luck', cause: new Error('no luck') }));
  });

  it('fails when its selected column is missing', () => {
    expect(() => logShift.fit(frame.drop(['x']))).toThrowErrorMatchingInlineSnapshot(
      `"log-shift: column "x" is not in the frame; it has "y""`,
    );
  });
});
