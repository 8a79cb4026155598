import { isDType, type Column } from '../column/Column';
import { boolColumn, categoryColumn, float64Column, int32Column, timestampColumn } from '../column/createColumn';
import { FrameFormatError } from '../errors/errors';
import { messages } from '../errors/messages';
import { Frame } from '../frame/Frame';
import {
  align8,
  elementSize,
  formatVersion,
  littleEndian,
  magic,
  preambleLength,
  type BufferRef,
  type EncodedColumn,
  type EncodedHeader,
} from './layout';

/**
 * Reads bytes written by `encodeFrame`. Column buffers become views on `bytes` (no copy) when
 * their position is aligned for the element type, so the frame shares memory with the input:
 * do not modify `bytes` afterwards. Throws FrameFormatError on wrong magic, an unknown version,
 * truncated input or an inconsistent header.
 */
export function decodeFrame(bytes: Uint8Array): Frame {
  if (!littleEndian) throw new FrameFormatError(messages.bigEndian());
  if (bytes.byteLength < preambleLength) throw new FrameFormatError(messages.formatTooShort(bytes.byteLength));
  if (magic.some((b, i) => bytes[i] !== b)) throw new FrameFormatError(messages.formatMagic());
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== formatVersion) throw new FrameFormatError(messages.formatVersion(version, formatVersion));
  const headerLength = view.getUint32(8, true);
  if (preambleLength + headerLength > bytes.byteLength) {
    throw new FrameFormatError(messages.formatTruncated('the header', preambleLength + headerLength, bytes.byteLength));
  }
  const header = parseHeader(bytes.subarray(preambleLength, preambleLength + headerLength));
  const bodyStart = align8(preambleLength + headerLength);
  const columns: Record<string, Column> = {};
  for (const entry of header.columns) {
    if (Object.prototype.hasOwnProperty.call(columns, entry.name)) {
      throw new FrameFormatError(messages.formatHeader(`column ${JSON.stringify(entry.name)} appears twice`));
    }
    if (entry.length !== header.rowCount) {
      throw new FrameFormatError(messages.formatHeader(`column ${JSON.stringify(entry.name)} length ${entry.length} != rowCount ${header.rowCount}`));
    }
    columns[entry.name] = decodeColumn(bytes, bodyStart, entry);
  }
  return Frame.fromColumns(columns);
}

function parseHeader(json: Uint8Array): EncodedHeader {
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8'));
  } catch (cause) {
    throw new FrameFormatError(messages.formatHeader(`not JSON (${(cause as Error).message})`));
  }
  const h = header as Partial<EncodedHeader> | null;
  if (h === null || typeof h !== 'object' || !isCount(h.rowCount) || !Array.isArray(h.columns)) {
    throw new FrameFormatError(messages.formatHeader('expected { rowCount, columns: [...] }'));
  }
  h.columns.forEach(checkColumnEntry);
  return h as EncodedHeader;
}

function checkColumnEntry(c: Partial<EncodedColumn>, index: number): void {
  const bad = (what: string): never => {
    throw new FrameFormatError(messages.formatHeader(`column #${index}: ${what}`));
  };
  if (c === null || typeof c !== 'object') bad('not an object');
  if (typeof c.name !== 'string') bad('name must be a string');
  if (!isDType(c.dtype)) bad(`unknown dtype ${JSON.stringify(c.dtype)}`);
  if (!isCount(c.length)) bad('length must be a non-negative integer');
  if (!isRef(c.data)) bad('data must be { offset, byteLength }');
  if (c.nulls !== undefined && !isRef(c.nulls)) bad('nulls must be { offset, byteLength }');
  if (c.dtype === 'category' && !(Array.isArray(c.dictionary) && c.dictionary.every((s) => typeof s === 'string'))) {
    bad('a category column needs a string dictionary');
  }
}

function decodeColumn(bytes: Uint8Array, bodyStart: number, entry: EncodedColumn): Column {
  const size = elementSize[entry.dtype];
  const data = section(bytes, bodyStart, entry, entry.data, entry.length * size, 'data');
  const nulls = entry.nulls ? section(bytes, bodyStart, entry, entry.nulls, entry.length, 'null mask') : undefined;
  const nullMask = nulls ? asArray(nulls, Uint8Array, 1) : undefined;
  switch (entry.dtype) {
    case 'float64':
      return float64Column(asArray(data, Float64Array, 8), nullMask);
    case 'timestamp':
      return timestampColumn(asArray(data, Float64Array, 8), nullMask);
    case 'int32':
      return int32Column(asArray(data, Int32Array, 4), nullMask);
    case 'bool':
      return boolColumn(asArray(data, Uint8Array, 1), nullMask);
    case 'category':
      return categoryColumn(asArray(data, Int32Array, 4), entry.dictionary ?? [], nullMask);
  }
}

/** The bytes of one buffer, checked against the declared size and the input length. */
function section(bytes: Uint8Array, bodyStart: number, entry: EncodedColumn, ref: BufferRef, expected: number, what: string): Uint8Array {
  const label = `column ${JSON.stringify(entry.name)} ${what}`;
  if (ref.byteLength !== expected) {
    throw new FrameFormatError(messages.formatHeader(`${label} has ${ref.byteLength} bytes, expected ${expected}`));
  }
  const start = bodyStart + ref.offset;
  if (start + ref.byteLength > bytes.byteLength) {
    throw new FrameFormatError(messages.formatTruncated(label, start + ref.byteLength, bytes.byteLength));
  }
  return bytes.subarray(start, start + ref.byteLength);
}

type ArrayCtor<A> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): A };

/** A typed-array view on `bytes` when aligned for the element size, otherwise an aligned copy. */
function asArray<A>(bytes: Uint8Array, ctor: ArrayCtor<A>, size: number): A {
  const length = bytes.byteLength / size;
  if (bytes.byteOffset % size === 0) return new ctor(bytes.buffer, bytes.byteOffset, length);
  const copy = bytes.slice();
  return new ctor(copy.buffer, 0, length);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isRef(value: unknown): value is BufferRef {
  const r = value as BufferRef | null;
  return typeof r === 'object' && r !== null && isCount(r.offset) && isCount(r.byteLength);
}
