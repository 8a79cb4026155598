import type { Frame } from '../frame/Frame';
import { FrameFormatError } from '../errors/errors';
import { messages } from '../errors/messages';
import {
  align8,
  formatVersion,
  littleEndian,
  magic,
  preambleLength,
  type BufferRef,
  type EncodedColumn,
  type EncodedHeader,
} from './layout';

/**
 * Serialises a frame into the compact binary format described in `layout.ts`: a JSON header of
 * names, dtypes, lengths and dictionaries, then each column's raw typed-array bytes, 8-byte aligned.
 * `decodeFrame(encodeFrame(f))` gives back the same values, nulls and NaNs.
 */
export function encodeFrame(frame: Frame): Uint8Array {
  if (!littleEndian) throw new FrameFormatError(messages.bigEndian());
  const parts: Uint8Array[] = [];
  const columns: EncodedColumn[] = [];
  let offset = 0; // relative to the body, which starts at the first multiple of 8 after the header
  const place = (bytes: Uint8Array): BufferRef => {
    const ref = { offset, byteLength: bytes.byteLength };
    parts.push(bytes);
    offset = align8(offset + bytes.byteLength);
    return ref;
  };
  for (const name of frame.names) {
    const column = frame.column(name);
    const data = place(new Uint8Array(column.data.buffer, column.data.byteOffset, column.data.byteLength));
    const entry: EncodedColumn = { name, dtype: column.dtype, length: column.length, data };
    if (column.nulls !== undefined) entry.nulls = place(column.nulls);
    if (column.dtype === 'category') entry.dictionary = [...column.dictionary];
    columns.push(entry);
  }
  const header: EncodedHeader = { rowCount: frame.rowCount, columns };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const bodyStart = align8(preambleLength + json.length);
  const out = new Uint8Array(bodyStart + offset);
  out.set(magic, 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, formatVersion, true);
  view.setUint32(8, json.length, true);
  out.set(json, preambleLength);
  let at = bodyStart;
  for (const part of parts) {
    out.set(part, at);
    at = align8(at + part.byteLength);
  }
  return out;
}
