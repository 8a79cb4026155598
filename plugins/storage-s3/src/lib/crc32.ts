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
