import type { Column } from '@mlops/frame';
import { canonicalCodes } from './canonicalCodes';

/**
 * Two independent 32-bit hashes per row (together ~64 bits), `a[i]` and `b[i]`. Rows that are
 * equal under pandas' `duplicated` semantics get equal hashes; unequal rows rarely do, and callers
 * confirm every match by value.
 */
export interface RowHashes {
  readonly a: Int32Array;
  readonly b: Int32Array;
}

// Lane a is a murmur3 round, lane b an xxhash32 round: different constants and structure, so a
// collision in one lane says nothing about the other.
const murmurC1 = 0xcc9e2d51 | 0;
const murmurC2 = 0x1b873593 | 0;
const xxPrime1 = 0x9e3779b1 | 0;
const xxPrime2 = 0x85ebca77 | 0;

function mixA(h: number, word: number): number {
  let k = Math.imul(word, murmurC1);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, murmurC2);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function mixB(h: number, word: number): number {
  h = (h + Math.imul(word, xxPrime2)) | 0;
  h = (h << 13) | (h >>> 19);
  return Math.imul(h, xxPrime1);
}

function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Hashes the rows of `columns` (all `rowCount` long) column by column, one tight loop per column,
 * so nothing is allocated per row. Value canonicalisation follows pandas: every NaN (and so every
 * float null) hashes alike, -0 like 0, null int/bool cells apart from any value, and category
 * values by string.
 */
export function hashRows(columns: readonly Column[], rowCount: number): RowHashes {
  const a = new Int32Array(rowCount).fill(0x2f6b9e51);
  const b = new Int32Array(rowCount).fill(0x61c88647);
  for (const column of columns) {
    switch (column.dtype) {
      case 'float64':
      case 'timestamp':
        mixFloats(column.data, a, b);
        break;
      case 'int32':
        mixInts(column.data, column.nulls, a, b);
        break;
      case 'bool':
        mixBytes(column.data, column.nulls, a, b);
        break;
      case 'category':
        mixInts(canonicalCodes(column), undefined, a, b);
        break;
    }
  }
  for (let i = 0; i < rowCount; i++) {
    a[i] = finalize(a[i]);
    b[i] = finalize(b[i]);
  }
  return { a, b };
}

function mixFloats(data: Float64Array, a: Int32Array, b: Int32Array): void {
  // A Float64Array always starts on an 8-byte boundary, so this view of its words is valid.
  const words = new Int32Array(data.buffer, data.byteOffset, data.length * 2);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    let low = 0;
    let high = 0;
    if (v !== v) high = 0x7ff80000;
    else if (v !== 0) {
      low = words[2 * i];
      high = words[2 * i + 1];
    }
    a[i] = mixA(mixA(a[i], low), high);
    b[i] = mixB(mixB(b[i], high), low);
  }
}

function mixInts(data: Int32Array, nulls: Uint8Array | undefined, a: Int32Array, b: Int32Array): void {
  for (let i = 0; i < data.length; i++) {
    const flag = nulls === undefined ? 0 : nulls[i];
    a[i] = mixA(mixA(a[i], data[i]), flag);
    b[i] = mixB(mixB(b[i], flag), data[i]);
  }
}

function mixBytes(data: Uint8Array, nulls: Uint8Array | undefined, a: Int32Array, b: Int32Array): void {
  for (let i = 0; i < data.length; i++) {
    const word = nulls !== undefined && nulls[i] === 1 ? 2 : data[i];
    a[i] = mixA(a[i], word);
    b[i] = mixB(b[i], word);
  }
}
