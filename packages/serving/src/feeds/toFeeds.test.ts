import { describe, expect, it } from '@jest/globals';
import { columnFromValues, Frame } from '@mlops/frame';
import { concatFeeds } from './concatFeeds';
import { columnsSource, frameSource, rowsSource } from './FeedSource';
import { FeedValueError, toFeeds } from './toFeeds';

const specs = [
  { name: 'age', kind: 'float32' as const, nullable: true },
  { name: 'visits', kind: 'int64' as const, nullable: false },
  { name: 'plan', kind: 'string' as const, nullable: true },
];

describe('toFeeds', () => {
  it('gives the same tensors for a frame, plain columns and request rows', () => {
    const frame = Frame.fromColumns({ age: columnFromValues([40, null], 'float64'), visits: columnFromValues([3, 0], 'int32'), plan: columnFromValues(['pro', null], 'category') });
    const fromFrame = toFeeds(frameSource(frame), specs);
    const fromColumns = toFeeds(columnsSource(2, { age: [40, null], visits: [3, 0], plan: ['pro', null] }), specs);
    const fromRows = toFeeds(rowsSource([{ age: 40, visits: 3, plan: 'pro' }, { age: null, visits: 0, plan: null }]), specs);
    for (const feeds of [fromFrame, fromColumns, fromRows]) {
      expect(feeds.age).toEqual({ data: Float32Array.from([40, NaN]), dims: [2, 1] });
      expect(feeds.visits).toEqual({ data: BigInt64Array.from([3n, 0n]), dims: [2, 1] });
      expect(feeds.plan).toEqual({ data: ['pro', ''], dims: [2, 1] });
    }
  });

  it('reports a missing value of a non-nullable input, and text that is not a number', () => {
    const missing: string[] = [];
    toFeeds(columnsSource(2, { age: [1, 2], visits: [1, null], plan: ['a', 'b'] }), specs, { onMissing: (s, i) => void missing.push(`${s.name}[${i}]`) });
    expect(missing).toEqual(['visits[1]']);
    expect(() => toFeeds(columnsSource(1, { age: ['abc'], visits: [1], plan: ['a'] }), specs)).toThrow(new FeedValueError('age', 0, 'abc', 'a number'));
    expect(() => toFeeds(columnsSource(1, { age: [1], plan: ['a'] }), specs)).toThrow('expected a column "visits"');
  });

  it('concatenates the feeds of several requests input by input', () => {
    const a = toFeeds(columnsSource(1, { age: [1], visits: [1], plan: ['a'] }), specs);
    const b = toFeeds(columnsSource(2, { age: [2, 3], visits: [2, 3], plan: ['b', 'c'] }), specs);
    const all = concatFeeds([a, b], [1, 2]);
    expect(all.age).toEqual({ data: Float32Array.from([1, 2, 3]), dims: [3, 1] });
    expect(all.visits).toEqual({ data: BigInt64Array.from([1n, 2n, 3n]), dims: [3, 1] });
    expect(all.plan).toEqual({ data: ['a', 'b', 'c'], dims: [3, 1] });
  });
});
