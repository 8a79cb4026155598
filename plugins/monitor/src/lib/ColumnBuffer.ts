import type { TensorData } from '@mlops/core';
import type { LoggedType } from './callLayout';

type Typed = Exclude<TensorData, string[]>;

/** A numeric column's values so far, in a buffer that doubles when full, with a view of the column's own type. */
export interface ColumnBuffer {
  /** Copies a call's values of the column's own type to its end (see the copiers below); false for another type. */
  copy: (column: ColumnBuffer, source: Typed) => boolean;
  bytes: Uint8Array;
  view: Typed | undefined;
  used: number;
}

/** An empty column of `type` with room for `bytes` bytes to start with. */
export function createColumnBuffer(type: Exclude<LoggedType, 'string'>, bytes: number): ColumnBuffer {
  return { copy: copiers[type], bytes: new Uint8Array(bytes), view: undefined, used: 0 };
}

/** Appends the `byteLength` bytes of `typed` (bits as they are, NaN payloads included). */
export function appendColumn(column: ColumnBuffer, typed: Typed, byteLength: number): void {
  if (column.used + byteLength > column.bytes.byteLength) {
    const grown = new Uint8Array(Math.max(2 * column.bytes.byteLength, column.used + byteLength));
    grown.set(column.bytes.subarray(0, column.used));
    column.bytes = grown;
    column.view = undefined;
  }
  // Another type of the same element size (the layout checks sizes only) is copied bytewise.
  if (!column.copy(column, typed)) column.bytes.set(new Uint8Array(typed.buffer, typed.byteOffset, byteLength), column.used);
  column.used += byteLength;
}

/** Longest run of values stored one by one instead of with `set`. */
const shortRun = 16;

// One copier per type, each with its constructor written out: a served call brings a few values per
// column, and in a CPU profile of the hook handler a `set` cost ~20× a plain store for those, and
// an `instanceof` against a constructor read from the column was the handler's largest line. Each
// stores a short run value by value (floats only while no value is a NaN: reading a NaN into a JS
// number may not keep its payload bits, `set` does) and a longer one with `set`. The buffer starts
// at offset 0 and holds values of one size, so `used` is a multiple of it.

function copyFloat32(column: ColumnBuffer, source: Typed): boolean {
  if (!(source instanceof Float32Array)) return false;
  const view = (column.view ??= new Float32Array(column.bytes.buffer)) as Float32Array;
  const at = column.used >> 2;
  if (source.length > shortRun) view.set(source, at);
  else
    for (let i = 0; i < source.length; i++) {
      const v = source[i]!;
      if (v !== v) return view.set(source, at), true;
      view[at + i] = v;
    }
  return true;
}

function copyFloat64(column: ColumnBuffer, source: Typed): boolean {
  if (!(source instanceof Float64Array)) return false;
  const view = (column.view ??= new Float64Array(column.bytes.buffer)) as Float64Array;
  const at = column.used >> 3;
  if (source.length > shortRun) view.set(source, at);
  else
    for (let i = 0; i < source.length; i++) {
      const v = source[i]!;
      if (v !== v) return view.set(source, at), true;
      view[at + i] = v;
    }
  return true;
}

function copyInt32(column: ColumnBuffer, source: Typed): boolean {
  if (!(source instanceof Int32Array)) return false;
  const view = (column.view ??= new Int32Array(column.bytes.buffer)) as Int32Array;
  const at = column.used >> 2;
  if (source.length > shortRun) view.set(source, at);
  else for (let i = 0; i < source.length; i++) view[at + i] = source[i]!;
  return true;
}

/** 64-bit integers always with `set`: reading one into JS allocates a BigInt. */
function copyInt64(column: ColumnBuffer, source: Typed): boolean {
  if (!(source instanceof BigInt64Array)) return false;
  ((column.view ??= new BigInt64Array(column.bytes.buffer)) as BigInt64Array).set(source, column.used >> 3);
  return true;
}

function copyUint8(column: ColumnBuffer, source: Typed): boolean {
  if (!(source instanceof Uint8Array)) return false;
  const at = column.used;
  if (source.length > shortRun) column.bytes.set(source, at);
  else for (let i = 0; i < source.length; i++) column.bytes[at + i] = source[i]!;
  return true;
}

const copiers: Record<Exclude<LoggedType, 'string'>, ColumnBuffer['copy']> = { float32: copyFloat32, float64: copyFloat64, int32: copyInt32, int64: copyInt64, uint8: copyUint8 };
