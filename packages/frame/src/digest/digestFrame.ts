import { createHash, type Hash } from 'node:crypto';
import type { CategoryColumn, Column, DType } from '../column/Column';
import type { Frame } from '../frame/Frame';

const CHUNK = 8192; // rows per hashing step; scratch buffers are reused so nothing is allocated per row
const dtypeIds: Record<DType, number> = { float64: 1, int32: 2, bool: 3, category: 4, timestamp: 5 };

/**
 * Content digest of a frame for data versioning, `sha256:<hex>`.
 *
 * It hashes a canonical byte stream (see README "Digest"): a version tag, then per column its
 * name, dtype, null mask and values. Values are canonical: null slots hash as zero whatever the
 * array holds, every NaN hashes as the same bit pattern, and category cells hash as their decoded
 * UTF-8 strings, so dictionary order and unused dictionary entries do not matter. How the frame
 * was produced (reader, chunking, views vs copies) therefore does not change the digest; column
 * order, names, dtypes, values and which cells are null do.
 */
export function digestFrame(frame: Frame): string {
  const hash = createHash('sha256');
  const head = new DataView(new ArrayBuffer(16));
  hash.update('mlops-frame-digest/v1\n');
  head.setUint32(0, frame.names.length, true);
  head.setFloat64(4, frame.rowCount, true);
  hash.update(new Uint8Array(head.buffer, 0, 12));
  for (const name of frame.names) {
    const column = frame.column(name);
    const nameBytes = Buffer.from(name, 'utf8');
    head.setUint32(0, nameBytes.length, true);
    head.setUint8(4, dtypeIds[column.dtype]);
    const mask = column.nulls !== undefined && column.nulls.indexOf(1) !== -1 ? column.nulls : undefined;
    head.setUint8(5, mask ? 1 : 0);
    hash.update(new Uint8Array(head.buffer, 0, 4));
    hash.update(nameBytes);
    hash.update(new Uint8Array(head.buffer, 4, 2));
    if (mask) hash.update(mask);
    hashValues(hash, column, mask);
  }
  return `sha256:${hash.digest('hex')}`;
}

function hashValues(hash: Hash, column: Column, mask: Uint8Array | undefined): void {
  switch (column.dtype) {
    case 'float64':
    case 'timestamp':
      return hashFloats(hash, column.data, mask);
    case 'int32':
      return hashFixed(hash, column.data, new Int32Array(CHUNK), mask);
    case 'bool':
      return hashFixed(hash, column.data, new Uint8Array(CHUNK), mask);
    case 'category':
      return hashStrings(hash, column, mask);
  }
}

function hashFloats(hash: Hash, data: Float64Array, mask: Uint8Array | undefined): void {
  const scratch = new Float64Array(CHUNK);
  const words = new Uint32Array(scratch.buffer);
  const bytes = new Uint8Array(scratch.buffer);
  for (let start = 0; start < data.length; start += CHUNK) {
    const n = Math.min(CHUNK, data.length - start);
    scratch.set(data.subarray(start, start + n));
    for (let i = 0; i < n; i++) {
      const isNullSlot = mask !== undefined && mask[start + i] === 1;
      if (isNullSlot || scratch[i] !== scratch[i]) {
        // NaN payloads differ between producers: hash one quiet NaN, and zero for a null slot.
        words[2 * i] = 0;
        words[2 * i + 1] = isNullSlot ? 0 : 0x7ff80000;
      }
    }
    hash.update(bytes.subarray(0, n * 8));
  }
}

function hashFixed(hash: Hash, data: Int32Array | Uint8Array, scratch: Int32Array | Uint8Array, mask: Uint8Array | undefined): void {
  const bytes = new Uint8Array(scratch.buffer);
  for (let start = 0; start < data.length; start += CHUNK) {
    const n = Math.min(CHUNK, data.length - start);
    scratch.set(data.subarray(start, start + n));
    if (mask) for (let i = 0; i < n; i++) if (mask[start + i] === 1) scratch[i] = 0;
    hash.update(bytes.subarray(0, n * scratch.BYTES_PER_ELEMENT));
  }
}

function hashStrings(hash: Hash, column: CategoryColumn, mask: Uint8Array | undefined): void {
  const encoded = column.dictionary.map((s) => Buffer.from(s, 'utf8'));
  const scratch = Buffer.alloc(1 << 16);
  let used = 0;
  const flush = (): void => {
    hash.update(scratch.subarray(0, used));
    used = 0;
  };
  for (let i = 0; i < column.data.length; i++) {
    const code = column.data[i];
    const isNullCell = code < 0 || (mask !== undefined && mask[i] === 1);
    const value = isNullCell ? undefined : encoded[code];
    if (used + 4 > scratch.length) flush();
    // 0xFFFFFFFF marks a null, so it cannot collide with any string's length prefix.
    scratch.writeUInt32LE(value ? value.length : 0xffffffff, used);
    used += 4;
    if (value === undefined) continue;
    if (used + value.length > scratch.length) {
      flush();
      if (value.length > scratch.length) {
        hash.update(value);
        continue;
      }
    }
    value.copy(scratch, used);
    used += value.length;
  }
  flush();
}
