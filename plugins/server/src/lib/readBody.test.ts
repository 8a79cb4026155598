import { describe, expect, it } from '@jest/globals';
import { contentLength } from './readBody';

describe('contentLength', () => {
  it('reads a Content-Length header as Number does', () => {
    for (const header of [undefined, '', '0', '7', '262', '1048576', '000123', '999999999999999', '1234567890123456789', '12a', ' 5', '-3', '1e9', '0x10']) {
      expect(contentLength(header)).toBe(header === undefined ? NaN : Number(header));
    }
  });
});
