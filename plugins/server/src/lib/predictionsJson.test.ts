import { describe, expect, it } from '@jest/globals';
import type { Prediction } from '@mlops/serving';
import { predictionsJson } from './predictionsJson';

describe('predictionsJson', () => {
  it('writes byte for byte what JSON.stringify writes, for classifiers and regressors', () => {
    const cases: Prediction[][] = [
      [],
      [{ label: 'neg', probabilities: { neg: 0.9670801162719727, pos: 0.032919883728027344 } }],
      // Quotes, backslashes, unicode and integer-like class names (which JSON.stringify orders first).
      [{ label: 'a "b"\\', probabilities: { 'a "b"\\': 1e-7, 'é\n': 0.5, '10': -0, '2': 1 } }, { label: '2', probabilities: { '2': 0.25, '10': 0.75 } }],
      [{ value: 1.5 }, { value: -3e21 }, { value: 0 }],
      // Non-finite numbers are null in JSON (the server refuses them before it answers, but the text stays JSON).
      [{ value: NaN }, { label: 'x', probabilities: { x: Infinity } }],
    ];
    for (const predictions of cases) expect(predictionsJson(predictions)).toBe(JSON.stringify({ predictions }));
  });

  it('leaves the label out, as JSON.stringify does, when a classifier has none', () => {
    const predictions = [{ label: undefined, probabilities: { a: 1 } }] as unknown as Prediction[];
    expect(predictionsJson(predictions)).toBe('{"predictions":[{"probabilities":{"a":1}}]}');
  });
});
