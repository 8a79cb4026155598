import { describe, expect, it } from '@jest/globals';
import type { TensorValue } from '@mlops/core';
import { toPredictions, type OutputLayout } from '@mlops/serving';
import { answerJson } from './answerJson';

const classifier = (classes: string[], label?: boolean): OutputLayout => ({ task: 'binary', classes, probabilities: 'probabilities', ...(label ? { label: 'label' } : {}) });
const proba = (...p: number[]): TensorValue => ({ data: Float32Array.from(p), dims: [p.length / 2, 2] });

describe('answerJson', () => {
  it('writes from the tensors byte for byte what JSON.stringify writes for the prediction objects', () => {
    const cases: [OutputLayout, Record<string, TensorValue>, number, number][] = [
      [classifier(['neg', 'pos']), { probabilities: proba(0.9, 0.1, 0.2, 0.8, 0.5, 0.5) }, 0, 3],
      [classifier(['neg', 'pos']), { probabilities: proba(0.9, 0.1, 0.2, 0.8, 0.5, 0.5) }, 1, 3],
      // The graph's label output wins over the argmax; integer-like class names go first in JSON.
      [classifier(['b', '10'], true), { probabilities: proba(0.9, 0.1, 0.2, 0.8), label: { data: BigInt64Array.of(1n, 0n), dims: [2] } }, 0, 2],
      [classifier(['a "q"\\', 'é\n'], true), { probabilities: proba(-0, 1e-7, 1, 0), label: { data: Int32Array.of(0, 0), dims: [2] } }, 0, 2],
      [{ task: 'regression', classes: [], value: 'variable' }, { variable: { data: Float64Array.of(1.5, -3e21, 0), dims: [3, 1] } }, 0, 3],
      // Layouts written through the objects: string labels, repeated class names.
      [classifier(['x', 'y'], true), { probabilities: proba(0.3, 0.7), label: { data: ['y'], dims: [1] } }, 0, 1],
      [classifier(['x', 'x']), { probabilities: proba(0.3, 0.7) }, 0, 1],
    ];
    for (const [layout, outputs, start, end] of cases) {
      expect(answerJson({ outputs, start, end }, layout, 'r').text).toBe(JSON.stringify({ predictions: toPredictions(outputs, layout, start, end) }));
    }
  });

  it('tallies the rows of each label', () => {
    const { classes, counts } = answerJson({ outputs: { probabilities: proba(0.9, 0.1, 0.2, 0.8, 0.6, 0.4) }, start: 0, end: 3 }, classifier(['neg', 'pos']), 'r');
    expect([classes, counts]).toEqual([['neg', 'pos'], [2, 1]]);
    const regression = answerJson({ outputs: { v: { data: Float32Array.of(1, 2), dims: [2] } }, start: 0, end: 2 }, { task: 'regression', classes: [], value: 'v' }, 'r');
    expect([regression.classes, regression.counts]).toEqual([[''], [2]]);
  });

  it('refuses a non-finite output, naming the row of the request', () => {
    const outputs = { probabilities: proba(0.9, 0.1, 0.5, 0.5, NaN, 0.5) };
    expect(() => answerJson({ outputs, start: 1, end: 3 }, classifier(['neg', 'pos']), 'req-9')).toThrow(/for row 1; .*req-9/);
    expect(() => answerJson({ outputs: { v: { data: Float32Array.of(1, Infinity), dims: [2] } }, start: 0, end: 2 }, { task: 'regression', classes: [], value: 'v' }, 'r')).toThrow(/for row 1/);
  });
});
