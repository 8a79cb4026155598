import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { PartCrcs, partCrcsOf } from './partCrcs';

describe('PartCrcs', () => {
  it('gives each part’s CRC32 and the whole CRC32, whatever the chunks (straddling parts, empty, exact multiples)', () => {
    const partSize = 1000;
    for (const size of [0, 1, 999, 1000, 1001, 2000, 4321]) {
      const bytes = randomBytes(size);
      const expected = Array.from({ length: Math.max(1, Math.ceil(size / partSize)) }, (_, i) => crc32(bytes.subarray(i * partSize, (i + 1) * partSize)));
      for (const chunk of [1, 7, 333, 1000, 5000]) {
        const crcs = new PartCrcs(partSize);
        for (let at = 0; at < size; at += chunk) crcs.update(bytes.subarray(at, at + chunk));
        crcs.update(new Uint8Array(0));
        expect(crcs.finish()).toEqual({ partCrcs: expected, crc: crc32(bytes) });
      }
      expect(partCrcsOf(bytes, partSize)).toEqual({ partCrcs: expected, crc: crc32(bytes) });
    }
  });
});
