import { describe, expect, it } from '@jest/globals';
import { columnRecord } from './columnRecord';

describe('columnRecord', () => {
  it('maps each key to its column, in key order, whatever the key text', () => {
    const keys = ['f0', 'with "quotes" \\', '2', 'é'];
    const columns = keys.map((_, i) => [i]);
    const record = columnRecord<number[]>(keys)(columns);
    expect(Object.keys(record)).toEqual(['2', 'f0', 'with "quotes" \\', 'é']);
    for (const [i, k] of keys.entries()) expect(record[k]).toBe(columns[i]);
  });

  it('keeps __proto__ an ordinary key, never the prototype', () => {
    const record = columnRecord<number>(['__proto__', 'x'])([1, 2]);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toBe(1);
  });
});
