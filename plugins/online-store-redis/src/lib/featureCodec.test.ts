import { describe, expect, it } from '@jest/globals';
import { decodeFeature, encodeFeature } from './featureCodec';

describe('featureCodec', () => {
  it('tags each type, so look-alike strings stay strings', () => {
    expect(['42', 'true', '', 'n1', 's', 't', 'f'].map(encodeFeature)).toEqual(['s42', 'strue', 's', 'sn1', 'ss', 'st', 'sf']);
    expect([42, -0, 1e21, 0.1, -3].map(encodeFeature)).toEqual(['42', '0', '1e+21', '0.1', '-3']);
    expect([true, false].map(encodeFeature)).toEqual(['t', 'f']);
  });

  it('decodes what it encodes, and a missing field as null', () => {
    for (const value of ['42', '', 'ü🚀', 0, -1.5e-300, Number.MAX_VALUE, true, false]) expect(decodeFeature(encodeFeature(value))).toBe(value);
    expect(decodeFeature(null)).toBeNull();
  });

  it('rejects a value it did not write', () => {
    expect(() => decodeFeature('x1')).toThrow('online store (Redis): unreadable feature value "x1": expected a value written by @mlops/online-store-redis');
    expect(() => decodeFeature('')).toThrow('unreadable feature value ""');
    expect(() => decodeFeature('tt')).toThrow('unreadable feature value "tt"');
  });
});
