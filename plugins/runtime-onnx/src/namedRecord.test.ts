import { describe, expect, it } from '@jest/globals';
import { namedRecord } from './namedRecord';

describe('namedRecord', () => {
  it('maps each name of its list, in list order, reading only those names', () => {
    const convert = namedRecord(['b', 'a "quoted"', '0'], (name, value: number | undefined) => `${name}=${value}`);
    const out = convert({ '0': 0, 'a "quoted"': 1, b: 2, extra: 3 });
    expect(Object.entries(out)).toEqual([
      ['0', '0=0'],
      ['b', 'b=2'],
      ['a "quoted"', 'a "quoted"=1'],
    ]);
    // A missing name is mapped from undefined (the caller decides what that means).
    expect(convert({ b: 2 })).toEqual({ '0': '0=undefined', b: 'b=2', 'a "quoted"': 'a "quoted"=undefined' });
  });

  it('treats `__proto__` as a name like any other: an own property, read from the source\'s own property', () => {
    const convert = namedRecord(['__proto__', 'x'], (_, value: number | undefined) => value ?? -1);
    const source = JSON.parse('{"__proto__": 5, "x": 6}') as Record<string, number>;
    const out = convert(source);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe(5);
    expect(out.x).toBe(6);
    expect(Object.getOwnPropertyDescriptor(convert({ x: 1 }), '__proto__')?.value).toBe(-1);
  });
});
