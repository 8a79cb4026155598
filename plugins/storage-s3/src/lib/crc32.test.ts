import { randomBytes } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { crc32, crc32Portable } from './crc32';

describe('crc32', () => {
  it('is the native implementation on this platform, and equals zlib’s CRC-32, continued chunk by chunk', () => {
    expect(crc32).not.toBe(zlibCrc32); // linux-x64 has a prebuilt @node-rs/crc32 binary
    const bytes = randomBytes(3 * 65536 + 17);
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    let continued = 0;
    for (let at = 0; at < bytes.length; at += 10_000) continued = crc32(bytes.subarray(at, at + 10_000), continued);
    expect(continued).toBe(zlibCrc32(bytes));
    expect([crc32(new Uint8Array(0)), crc32(Buffer.from('123456789'))]).toEqual([0, 0xcbf43926]);
  });

  it('has a portable fallback (Node < 20.15 without the native binary) that equals zlib’s, continued too', () => {
    const bytes = randomBytes(70_001);
    expect(crc32Portable(bytes)).toBe(zlibCrc32(bytes));
    expect(crc32Portable(bytes.subarray(40_000), crc32Portable(bytes.subarray(0, 40_000)))).toBe(zlibCrc32(bytes));
    expect([crc32Portable(new Uint8Array(0)), crc32Portable(Buffer.from('123456789'))]).toEqual([0, 0xcbf43926]);
  });
});
