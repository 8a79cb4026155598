import { describe, expect, it } from '@jest/globals';
import { fixedKeyRecord } from './fixedKeyRecord';

describe('fixedKeyRecord', () => {
  it('builds a record over its keys in key order, one value per index', () => {
    const record = fixedKeyRecord(['b', 'a', 'with "quotes"', 'back\\slash', 'é']);
    const calls: number[] = [];
    const out = record('src', (source, c) => {
      calls.push(c);
      return `${source}:${c}`;
    });
    expect(calls).toEqual([0, 1, 2, 3, 4]);
    expect(Object.entries(out)).toEqual([
      ['b', 'src:0'],
      ['a', 'src:1'],
      ['with "quotes"', 'src:2'],
      ['back\\slash', 'src:3'],
      ['é', 'src:4'],
    ]);
    // A new object every call.
    expect(record('src', (_, c) => c)).not.toBe(record('src', (_, c) => c));
  });

  it('makes `__proto__` an own property, never the prototype; a repeated key keeps its last value', () => {
    const out = fixedKeyRecord(['__proto__', 'x', 'x'])(null, (_, c) => ({ c }));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ c: 0 });
    expect(Object.keys(out)).toEqual(['__proto__', 'x']);
    expect(out.x).toEqual({ c: 2 });
  });
});
