import type { PredictionsServedEvent, TensorData } from '@mlops/core';

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
  /**
   * The column arrays of the call `layoutOf` was last given, in `columns` order: looking a column up
   * by name is a megamorphic keyed load (~25 ns, twice per column per call when the copy looked it up
   * again), so the check leaves what it found here for the copy that follows at once.
   */
  data: TensorData[];
}

// Layouts by served model: every call of a loaded model has the same columns, so the key is built
// once per model, not per call (checked against the call's column names).
const layouts = new WeakMap<object, CallLayout>();

/** The call's layout, cached per served model (checked against the call's columns). */
export function layoutOf(event: PredictionsServedEvent): CallLayout {
  const cached = layouts.get(event.model);
  if (cached && matches(cached, event)) return cached;
  const columns: CallLayout['columns'] = [];
  const found: TensorData[] = [];
  for (const [role, tensors] of [['input', event.inputs], ['output', event.outputs]] as const) {
    for (const name in tensors) {
      const data = tensors[name]!.data;
      found.push(data);
      const type = typeOf(data);
      columns.push({ name, role, type, width: event.rows > 0 ? Math.max(1, Math.floor(data.length / event.rows)) : 1, bytesPerValue: Array.isArray(data) ? 0 : (data as Exclude<TensorData, string[]>).BYTES_PER_ELEMENT });
    }
  }
  const key = [event.model.name, event.model.version, event.requests ? 'r' : '-', ...columns.map((c) => `${c.role}:${c.name}:${c.type}:${c.width}`)].join('\u0000');
  const layout = { key, withRequests: Boolean(event.requests), columns, data: found };
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
  const { columns, data } = layout;
  for (let j = 0; j < columns.length; j++) {
    const c = columns[j]!;
    const tensor = (c.role === 'input' ? event.inputs : event.outputs)[c.name];
    if (!tensor || tensor.data.length !== c.width * event.rows) return false;
    if ((Array.isArray(tensor.data) ? 0 : (tensor.data as Exclude<TensorData, string[]>).BYTES_PER_ELEMENT) !== c.bytesPerValue) return false;
    data[j] = tensor.data;
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

function typeOf(data: TensorData): LoggedType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof Uint8Array) return 'uint8';
  return 'string';
}
