import * as zlib from 'node:zlib';

type Crc32 = (bytes: Uint8Array, initial?: number) => number;

let table: Uint32Array | undefined;

/**
 * CRC-32 (IEEE, reflected polynomial 0xEDB88320) one byte at a time: the last resort where neither
 * the native package nor zlib's `crc32` (Node ≥ 20.15) exists. About 10× slower than zlib's.
 */
export function crc32Portable(bytes: Uint8Array, initial = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = ~initial >>> 0;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * The native SIMD CRC32 of `@node-rs/crc32` (about 2.5× zlib's per byte here: 30 against 78 ms per
 * 256 MB), else zlib's (Node ≥ 20.15), else the portable loop. All compute the same CRC-32 (IEEE), so
 * objects written with one are read with any.
 */
function loadCrc32(): Crc32 {
  try {
    return (require('@node-rs/crc32') as { crc32: Crc32 }).crc32;
  } catch {
    return typeof zlib.crc32 === 'function' ? zlib.crc32 : crc32Portable;
  }
}

/** CRC-32 (IEEE) of `bytes`, continuing from `initial` (default 0: a new checksum). Unsigned. */
export const crc32: Crc32 = loadCrc32();

const poly = 0xedb88320;

/** a(x)·b(x) modulo the CRC polynomial, both as reflected 32-bit values (zlib's `multmodp`). */
function multModP(a: number, b: number): number {
  let p = 0;
  for (let m = 0x80000000; m !== 0; m >>>= 1) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    b = b & 1 ? (b >>> 1) ^ poly : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0..31 (zlib's `x2n_table`). */
const x2nTable = (() => {
  const table = new Uint32Array(32);
  let p = 1 << 30; // x^1
  table[0] = p;
  for (let k = 1; k < 32; k++) table[k] = p = multModP(p, p);
  return table;
})();

/**
 * The CRC-32 of A followed by B from crc32(A), crc32(B) and B's length, without reading any byte
 * (zlib's `crc32_combine`): a multipart upload computes each part's CRC32 once and derives the whole
 * object's from them. Costs about 32 polynomial multiplications per call.
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  // x^(8·lengthB) mod p, by squaring: bit k of lengthB contributes x^(2^(k+3)).
  let p = 0x80000000; // x^0
  for (let n = lengthB, k = 3; n > 0; n = Math.floor(n / 2), k++) if (n % 2) p = multModP(x2nTable[k & 31]!, p);
  return (multModP(p, crcA) ^ crcB) >>> 0;
}
