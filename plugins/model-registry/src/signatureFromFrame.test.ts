import { describe, expect, it } from '@jest/globals';
import { Frame } from '@mlops/frame';
import { signatureFromFrame } from './signatureFromFrame';

describe('signatureFromFrame', () => {
  const frame = Frame.fromRows(
    [
      { radius: 1.5, count: 2, site: 'left', ok: true, seen: new Date(0), label: 'benign' },
      { radius: null, count: 3, site: 'right', ok: false, seen: new Date(1), label: 'malignant' },
    ],
    { radius: 'float64', count: 'int32', site: 'category', ok: 'bool', seen: 'timestamp', label: 'category' },
  );

  it('maps dtypes to signature types and marks columns with nulls nullable', () => {
    const s = signatureFromFrame(frame, { features: ['radius', 'count', 'site', 'ok', 'seen'], task: 'binary', classes: ['benign', 'malignant'] });
    expect(s).toEqual({
      task: 'binary',
      inputs: [
        { name: 'radius', type: 'double', nullable: true },
        { name: 'count', type: 'int', nullable: false },
        { name: 'site', type: 'string', nullable: false },
        { name: 'ok', type: 'bool', nullable: false },
        { name: 'seen', type: 'double', nullable: false },
      ],
      outputs: [{ name: 'probabilities', type: 'float', shape: [null, 2] }],
      classes: ['benign', 'malignant'],
    });
  });

  it('defaults to every column and a regression output', () => {
    const s = signatureFromFrame(frame.select(['radius', 'count']), { task: 'regression' });
    expect(s.inputs.map((i) => i.name)).toEqual(['radius', 'count']);
    expect(s.outputs).toEqual([{ name: 'prediction', type: 'float', shape: [null, 1] }]);
    expect(s.classes).toBeUndefined();
  });

  it('names unknown features and a classifier without classes', () => {
    expect(() => signatureFromFrame(frame, { features: ['radius', 'area'], task: 'regression' })).toThrow('features area are not columns of the frame (columns: radius, count, site, ok, seen, label)');
    expect(() => signatureFromFrame(frame, { task: 'multiclass' })).toThrow('a multiclass signature needs classes');
  });
});
