import { describe, expect, it } from '@jest/globals';
import { fixedKeyRecords } from './fixedKeyRecords';

describe('fixedKeyRecords', () => {
  it('picks and repeats over the keys in order, whatever the key text', () => {
    const keys = ['f1', 'a "quoted" \\ key', 'é\u2028', '10', 'constructor'];
    const records = fixedKeyRecords(keys);
    const source = Object.fromEntries(keys.map((k, i) => [k, [i]]));
    const picked = records.pick({ ...source, extra: [99] });
    expect(picked).toEqual(source);
    expect(Object.keys(picked)).toEqual(Object.keys(source));
    const same = [1, 2];
    const repeated = records.repeat(same);
    expect(Object.keys(repeated)).toEqual(Object.keys(source));
    expect(Object.values(repeated).every((v) => v === same)).toBe(true);
  });

  it('keeps __proto__ an ordinary key (plain loops), never the prototype', () => {
    const records = fixedKeyRecords(['a', '__proto__']);
    const picked = records.pick(JSON.parse('{"a": 1, "__proto__": 2}') as Record<string, number>);
    expect(Object.getPrototypeOf(picked)).toBe(Object.prototype);
    expect(Object.keys(picked)).toEqual(['a', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(picked, '__proto__')?.value).toBe(2);
  });
});
