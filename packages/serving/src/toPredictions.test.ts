import { describe, expect, it } from '@jest/globals';
import type { ModelSignature } from '@mlops/core';
import { outputLayout, toPredictions } from './toPredictions';

const classifier: ModelSignature = {
  task: 'multiclass',
  inputs: [],
  outputs: [{ name: 'label', type: 'int64', shape: [null] }, { name: 'probabilities', type: 'float', shape: [null, 3] }],
  classes: ['lo', 'mid', 'hi'],
};

describe('toPredictions', () => {
  const probabilities = { data: Float32Array.from([0.5, 0.25, 0.25, 0.125, 0.25, 0.625]), dims: [2, 3] };

  it('gives labels from the label output and probabilities by class, for a row range', () => {
    const outputs = { label: { data: BigInt64Array.from([0n, 2n]), dims: [2] }, probabilities };
    expect(toPredictions(outputs, outputLayout(classifier), 0, 2)).toEqual([
      { label: 'lo', probabilities: { lo: 0.5, mid: 0.25, hi: 0.25 } },
      { label: 'hi', probabilities: { lo: 0.125, mid: 0.25, hi: 0.625 } },
    ]);
    expect(toPredictions(outputs, outputLayout(classifier), 1, 2)).toEqual([{ label: 'hi', probabilities: { lo: 0.125, mid: 0.25, hi: 0.625 } }]);
  });

  it('takes the argmax when the graph has no label output', () => {
    const layout = outputLayout({ ...classifier, outputs: [classifier.outputs[1]!] });
    expect(toPredictions({ probabilities }, layout, 0, 2).map((p) => 'label' in p && p.label)).toEqual(['lo', 'hi']);
  });

  it('gives values for a regressor', () => {
    const layout = outputLayout({ task: 'regression', inputs: [], outputs: [{ name: 'variable', type: 'float', shape: [null, 1] }] });
    expect(toPredictions({ variable: { data: Float32Array.from([1.5, -2]), dims: [2, 1] } }, layout, 0, 2)).toEqual([{ value: 1.5 }, { value: -2 }]);
    expect(() => toPredictions({}, layout, 0, 1)).toThrow('the model has no numeric output "variable"');
    // The graph's own output name wins over a hand-written signature's.
    const named = outputLayout({ task: 'regression', inputs: [], outputs: [{ name: 'prediction', type: 'float', shape: [null, 1] }] }, [{ name: 'variable', type: 'float32', dims: [null, 1] }]);
    expect(named.value).toBe('variable');
  });
});
