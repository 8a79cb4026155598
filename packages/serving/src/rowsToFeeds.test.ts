import { describe, expect, it } from '@jest/globals';
import type { ModelSignature } from '@mlops/core';
import { feedSpecs } from './feeds/FeedSpec';
import { rowsToFeeds } from './rowsToFeeds';

const signature: ModelSignature = {
  task: 'regression',
  inputs: [
    { name: 'age', type: 'float', nullable: true },
    { name: 'visits', type: 'int' },
    { name: 'plan', type: 'string', nullable: true },
    { name: 'active', type: 'bool' },
  ],
  outputs: [{ name: 'variable', type: 'float', shape: [null, 1] }],
};

describe('rowsToFeeds', () => {
  const rows = [
    { age: 40, visits: 3, plan: 'pro', active: true },
    { age: null, visits: 0, plan: null, active: false },
  ];

  it('builds one [n, 1] tensor per input, typed from the signature', () => {
    const feeds = rowsToFeeds(rows, feedSpecs(signature));
    expect(Object.keys(feeds)).toEqual(['age', 'visits', 'plan', 'active']);
    expect(feeds.age).toEqual({ data: Float32Array.from([40, NaN]), dims: [2, 1] });
    expect(feeds.visits).toEqual({ data: BigInt64Array.from([3n, 0n]), dims: [2, 1] });
    expect(feeds.plan).toEqual({ data: ['pro', ''], dims: [2, 1] });
    expect(feeds.active).toEqual({ data: Uint8Array.from([1, 0]), dims: [2, 1] });
  });

  it('follows the graph when it declares other types (a serving ONNX takes floats)', () => {
    const specs = feedSpecs(signature, [
      { name: 'age', type: 'float64', dims: [null, 1] },
      { name: 'visits', type: 'float32', dims: [null, 1] },
      { name: 'plan', type: 'string', dims: [null, 1] },
      { name: 'active', type: 'float32', dims: [null, 1] },
    ]);
    const feeds = rowsToFeeds(rows, specs);
    expect(feeds.age!.data).toEqual(Float64Array.from([40, NaN]));
    expect(feeds.visits!.data).toEqual(Float32Array.from([3, 0]));
    expect(feeds.active!.data).toEqual(Float32Array.from([1, 0]));
  });
});
