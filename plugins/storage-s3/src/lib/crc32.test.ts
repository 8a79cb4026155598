import { randomBytes } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { crc32, crc32Combine, crc32Portable } from './crc32';

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

  it('combines the CRC32s of two pieces into the CRC32 of both, at any lengths (including empty and over 4 GiB)', () => {
    const bytes = randomBytes(300_000);
    for (const cut of [0, 1, 7, 65_536, 123_457, 299_999, 300_000]) {
      const [a, b] = [bytes.subarray(0, cut), bytes.subarray(cut)];
      expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(zlibCrc32(bytes));
    }
    // Lengths past 2^32 take the non-bitwise halving path: check against the definition (appending zeros).
    const zeros = Buffer.alloc(1 << 20);
    let extended = crc32(bytes);
    for (let i = 0; i < 3; i++) extended = crc32(zeros, extended);
    expect(crc32Combine(crc32(bytes), crc32(Buffer.alloc(3 << 20)), 3 << 20)).toBe(extended);
    expect(crc32Combine(0xcbf43926, 0, 0)).toBe(0xcbf43926);
    // Past 2^32 (the halving is not bitwise there): combining is associative, (A·B)·C = A·(B·C).
    const [a, b, c, lengthB, lengthC] = [0x12345678, 0x9abcdef0, 0x0fedcba9, 2 ** 32 + 3, 2 ** 31 + 11];
    expect(crc32Combine(crc32Combine(a, b, lengthB), c, lengthC)).toBe(crc32Combine(a, crc32Combine(b, c, lengthC), lengthB + lengthC));
  });
});
