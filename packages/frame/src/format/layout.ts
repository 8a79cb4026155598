import type { DType } from '../column/Column';

/**
 * Encoded frame layout, version 1 (all integers little-endian):
 *
 *   0  4 bytes  magic "MLFR"
 *   4  u32      format version (1)
 *   8  u32      header length H in bytes (UTF-8 JSON)
 *  12  u32      reserved, 0
 *  16  H bytes  header JSON (`EncodedHeader`), then zero padding to a multiple of 8
 *   B  ...      body: column buffers, B = align8(16 + H), each buffer at a multiple of 8
 *
 * Buffer offsets in the header are relative to B (so the header need not know its own length).
 * Every buffer lands on an 8-byte boundary of the encoding, so a decoder can map it straight onto
 * a typed-array view when the input itself starts 8-byte aligned.
 */
export const magic = [0x4d, 0x4c, 0x46, 0x52] as const; // "MLFR"

/** The version this build writes and reads. */
export const formatVersion = 1;

/** Bytes before the JSON header. */
export const preambleLength = 16;

/** Where one raw buffer sits in the encoded bytes. */
export interface BufferRef {
  offset: number;
  byteLength: number;
}

/** Per-column entry of the JSON header. */
export interface EncodedColumn {
  name: string;
  dtype: DType;
  length: number;
  data: BufferRef;
  nulls?: BufferRef;
  dictionary?: string[];
}

/** The JSON header. */
export interface EncodedHeader {
  rowCount: number;
  columns: EncodedColumn[];
}

/** Bytes per element of each dtype's data array. */
export const elementSize: Record<DType, number> = { float64: 8, int32: 4, bool: 1, category: 4, timestamp: 8 };

/** Rounds up to the next multiple of 8. */
export function align8(n: number): number {
  return (n + 7) & ~7;
}

/** Typed arrays are written in host byte order; this package only runs where that is little-endian. */
export const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
