import type { PredictionsServedEvent, ServedRequest, TensorData } from '@mlops/core';

/** Element type of a logged column, as stored in the `columns` description. */
export type LoggedType = 'float32' | 'float64' | 'int32' | 'int64' | 'uint8' | 'string';

/** How one column sits in a logged row's `data` blob: `rows × width` values of `type`, `bytes` long. */
export interface LoggedColumn {
  name: string;
  role: 'input' | 'output';
  type: LoggedType;
  width: number;
  bytes: number;
}

/** Rows `[start, end)` of a call that are kept (sampling keeps whole requests). */
export type RowRange = readonly [number, number];

/** The columns of a model's calls: names, types and widths (the same for every call of a loaded model). */
export interface CallLayout {
  key: string;
  withRequests: boolean;
  columns: { name: string; role: LoggedColumn['role']; type: LoggedType; width: number; bytesPerValue: number }[];
}

/** A served call's kept rows, copied out of the event (its arrays go back to the server after the handler). */
export interface CopiedCall {
  /** Calls with equal layout keys (model, version, columns) are written together as one log row. */
  layout: CallLayout;
  model: string;
  version: number | null;
  servedAt: number;
  rows: number;
  requests: readonly ServedRequest[] | null;
  inferenceMs: number;
  /** Every numeric column's kept values, column after column, in one buffer. */
  bytes: Uint8Array;
  /** The kept values of string columns (null for numeric ones). */
  strings: (string[] | null)[];
}

// Layouts by served model: every call of a loaded model has the same columns, so the key is built
// once per model, not per call (checked against the call's column names).
const layouts = new WeakMap<object, CallLayout>();

function layoutOf(event: PredictionsServedEvent): CallLayout {
  const cached = layouts.get(event.model);
  if (cached && matches(cached, event)) return cached;
  const columns: CallLayout['columns'] = [];
  for (const [role, tensors] of [['input', event.inputs], ['output', event.outputs]] as const) {
    for (const name in tensors) {
      const data = tensors[name]!.data;
      const type = typeOf(data);
      columns.push({ name, role, type, width: event.rows > 0 ? Math.max(1, Math.floor(data.length / event.rows)) : 1, bytesPerValue: Array.isArray(data) ? 0 : (data as Exclude<TensorData, string[]>).BYTES_PER_ELEMENT });
    }
  }
  const key = [event.model.name, event.model.version, event.requests ? 'r' : '-', ...columns.map((c) => `${c.role}:${c.name}:${c.type}:${c.width}`)].join('\u0000');
  const layout = { key, withRequests: Boolean(event.requests), columns };
  layouts.set(event.model, layout);
  return layout;
}

let callsSinceNamesChecked = 0;

/**
 * Whether a call has the cached layout's columns: each looked up by name (present, `width × rows`
 * values, same element size). Enumerating the feed objects' names (for-in) cost more than the rest
 * of the copy, and a loaded model's feeds never change names, so that full check runs on one call
 * in 64: a call with an extra column could log without it until then, never with misplaced bytes.
 */
function matches(layout: CallLayout, event: PredictionsServedEvent): boolean {
  if (layout.withRequests !== Boolean(event.requests)) return false;
  if (++callsSinceNamesChecked >= 64) {
    callsSinceNamesChecked = 0;
    if (!sameNames(layout, event)) return false;
  }
  for (const c of layout.columns) {
    const tensor = (c.role === 'input' ? event.inputs : event.outputs)[c.name];
    if (!tensor || tensor.data.length !== c.width * event.rows) return false;
    if ((Array.isArray(tensor.data) ? 0 : (tensor.data as Exclude<TensorData, string[]>).BYTES_PER_ELEMENT) !== c.bytesPerValue) return false;
  }
  return true;
}

function sameNames(layout: CallLayout, event: PredictionsServedEvent): boolean {
  let j = 0;
  for (const [role, tensors] of [['input', event.inputs], ['output', event.outputs]] as const) {
    for (const name in tensors) {
      const c = layout.columns[j++];
      if (!c || c.name !== name || c.role !== role) return false;
    }
  }
  return j === layout.columns.length;
}

// Calls' bytes are carved out of shared slabs: a served call is often one row (tens of bytes), and
// an ArrayBuffer per call (a backing store the GC tracks) cost more than the copy. A slab is freed
// once every call in it has been written.
const slabBytes = 1 << 16;
let slab = new Uint8Array(slabBytes);
let slabUsed = 0;

function carve(n: number): Uint8Array {
  if (n > slabBytes / 4) return new Uint8Array(n);
  if (slabUsed + n > slabBytes) {
    slab = new Uint8Array(slabBytes);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + n);
  // 8-byte aligned, so a reader may view the bytes as any typed array.
  slabUsed += (n + 7) & ~7;
  return out;
}

/** Copies the kept rows of a call into one buffer (a slice of a shared slab for small calls; nothing per row). */
export function copyCall(event: PredictionsServedEvent, ranges: readonly RowRange[] | null, requestIndexes: readonly number[] | null, rows: number): CopiedCall {
  const layout = layoutOf(event);
  let total = 0;
  for (const c of layout.columns) total += rows * c.width * c.bytesPerValue;
  const bytes = carve(total);
  const strings: (string[] | null)[] = [];
  if (ranges === null && bytes.buffer === slab.buffer) return copyWhole(event, layout, bytes, strings, rows);
  const all: readonly RowRange[] = ranges ?? [[0, event.rows]];
  let at = 0;
  for (const c of layout.columns) {
    const data = (c.role === 'input' ? event.inputs : event.outputs)[c.name]!.data;
    if (Array.isArray(data)) {
      strings.push(all.flatMap(([s, e]) => data.slice(s * c.width, e * c.width)));
      continue;
    }
    strings.push(null);
    const typed = data as Exclude<TensorData, string[]>;
    const size = c.width * c.bytesPerValue;
    for (const [s, e] of all) {
      bytes.set(new Uint8Array(typed.buffer, typed.byteOffset + s * size, (e - s) * size), at);
      at += (e - s) * size;
    }
  }
  const requests = event.requests ? (requestIndexes ? requestIndexes.map((i) => event.requests![i]!) : event.requests) : null;
  return { layout, model: event.model.name, version: event.model.version, servedAt: event.servedAt, rows, requests, inferenceMs: event.inferenceMs ?? 0, bytes, strings };
}

type Typed = Exclude<TensorData, string[]>;
type TypedConstructor = new (buffer: ArrayBufferLike) => Typed;
/** Views of the current slab, one per element type, so a small column is copied without creating a view of it. */
let slabViews = new Map<TypedConstructor, Typed>();
let viewsOf: ArrayBufferLike | undefined;

/**
 * Every row of a small call (no sampling), into the slab: each column with `set` from a view of
 * the slab of its own type when aligned (same-type `set` copies the bytes as they are, NaN payloads
 * included), else through a byte view of it. The event's requests array is made for this
 * announcement only, so it is kept, not copied.
 */
function copyWhole(event: PredictionsServedEvent, layout: CallLayout, bytes: Uint8Array, strings: (string[] | null)[], rows: number): CopiedCall {
  if (viewsOf !== bytes.buffer) {
    slabViews = new Map();
    viewsOf = bytes.buffer;
  }
  let at = bytes.byteOffset;
  for (const c of layout.columns) {
    const data = (c.role === 'input' ? event.inputs : event.outputs)[c.name]!.data;
    if (Array.isArray(data)) {
      strings.push(data.slice());
      continue;
    }
    strings.push(null);
    const typed = data as Typed;
    const step = typed.BYTES_PER_ELEMENT;
    if (at % step === 0) {
      const type = typed.constructor as TypedConstructor;
      let view = slabViews.get(type);
      if (!view) slabViews.set(type, (view = new type(bytes.buffer)));
      (view as { set(source: Typed, offset: number): void }).set(typed, at / step);
    } else bytes.set(new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength), at - bytes.byteOffset);
    at += typed.byteLength;
  }
  return { layout, model: event.model.name, version: event.model.version, servedAt: event.servedAt, rows, requests: event.requests ?? null, inferenceMs: event.inferenceMs ?? 0, bytes, strings };
}

const encoder = new TextEncoder();

/**
 * The values of one `monitor_predictions` row (in `logColumns` order) for consecutive calls of one
 * key: each column's bytes back to back for all of them (strings as a UTF-8 JSON array), described
 * by a small JSON list, and the requests as JSON arrays. One row and one blob per group, so a flush
 * of a thousand 1-row calls is one insert, not a thousand.
 */
export function encodeGroup(calls: readonly CopiedCall[]): unknown[] {
  const first = calls[0]!;
  const rows = calls.reduce((n, c) => n + c.rows, 0);
  const described: LoggedColumn[] = [];
  const parts: Uint8Array[] = [];
  let total = 0;
  const offsets = calls.map(() => 0);
  first.layout.columns.forEach((col, j) => {
    let bytes: Uint8Array;
    if (col.type === 'string') bytes = encoder.encode(JSON.stringify(calls.flatMap((c) => c.strings[j]!)));
    else {
      const size = col.width * col.bytesPerValue;
      bytes = new Uint8Array(rows * size);
      let at = 0;
      calls.forEach((c, i) => {
        const n = c.rows * size;
        bytes.set(c.bytes.subarray(offsets[i]!, offsets[i]! + n), at);
        offsets[i]! += n;
        at += n;
      });
    }
    described.push({ name: col.name, role: col.role, type: col.type, width: col.width, bytes: bytes.byteLength });
    parts.push(bytes);
    total += bytes.byteLength;
  });
  const blob = Buffer.allocUnsafeSlow(total);
  let offset = 0;
  for (const p of parts) {
    blob.set(p, offset);
    offset += p.byteLength;
  }
  const requests = first.requests ? calls.flatMap((c) => c.requests!) : null;
  return [
    first.model,
    first.version,
    first.servedAt,
    calls[calls.length - 1]!.servedAt,
    calls.length,
    rows,
    requests ? JSON.stringify(requests.map((r) => r.id)) : null,
    requests ? JSON.stringify(requests.map((r) => r.rows)) : null,
    requests ? JSON.stringify(requests.map((r) => Math.round(r.latencyMs * 1000) / 1000)) : null,
    calls.reduce((n, c) => n + c.inferenceMs, 0),
    JSON.stringify(described),
    blob,
  ];
}

function typeOf(data: TensorData): LoggedType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof Uint8Array) return 'uint8';
  return 'string';
}
