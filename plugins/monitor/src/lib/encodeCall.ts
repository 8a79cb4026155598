import type { PredictionsServedEvent, TensorData, TensorValue } from '@mlops/core';

/** Element type of a logged column, as stored in the `columns` description. */
export type LoggedType = 'float32' | 'float64' | 'int32' | 'int64' | 'uint8' | 'string';

/** How one column sits in a call's `data` blob: `rows × width` values of `type`, `bytes` long. */
export interface LoggedColumn {
  name: string;
  role: 'input' | 'output';
  type: LoggedType;
  width: number;
  bytes: number;
}

/** Rows `[start, end)` of a call that are kept (sampling keeps whole requests). */
export type RowRange = readonly [number, number];

/** One logged inference call: the values of a `monitor_predictions` row, in `logColumns` order. */
export interface EncodedCall {
  rows: number;
  values: unknown[];
}

const encoder = new TextEncoder();

/**
 * Copies the kept rows of an inference call into one row of the log: every feed and output column's
 * bytes back to back in a blob (typed arrays are copied as they are: no number formatting, no row
 * objects), described by a small JSON list, plus the requests (ids, rows, latency) as JSON arrays.
 * A copy is needed anyway: the event's arrays go back to the server once the handler returns.
 */
export function encodeCall(event: PredictionsServedEvent, ranges: readonly RowRange[] | null, requestIndexes: readonly number[] | null, rows: number): EncodedCall {
  const columns: LoggedColumn[] = [];
  const parts: Uint8Array[] = [];
  let total = 0;
  const add = (role: LoggedColumn['role'], tensors: Readonly<Record<string, TensorValue>>) => {
    for (const name of Object.keys(tensors)) {
      const data = tensors[name]!.data;
      const width = event.rows > 0 ? Math.max(1, Math.floor(data.length / event.rows)) : 1;
      const bytes = columnBytes(data, width, ranges);
      columns.push({ name, role, type: typeOf(data), width, bytes: bytes.byteLength });
      parts.push(bytes);
      total += bytes.byteLength;
    }
  };
  add('input', event.inputs);
  add('output', event.outputs);
  const blob = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const p of parts) {
    blob.set(p, offset);
    offset += p.byteLength;
  }
  const requests = event.requests ? (requestIndexes ? requestIndexes.map((i) => event.requests![i]!) : event.requests) : null;
  return {
    rows,
    values: [
      event.model.name,
      event.model.version,
      event.servedAt,
      rows,
      requests ? JSON.stringify(requests.map((r) => r.id)) : null,
      requests ? JSON.stringify(requests.map((r) => r.rows)) : null,
      requests ? JSON.stringify(requests.map((r) => Math.round(r.latencyMs * 1000) / 1000)) : null,
      event.inferenceMs ?? null,
      JSON.stringify(columns),
      blob,
    ],
  };
}

function typeOf(data: TensorData): LoggedType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof Uint8Array) return 'uint8';
  return 'string';
}

/** The kept rows of one column as bytes (strings as a UTF-8 JSON array). */
function columnBytes(data: TensorData, width: number, ranges: readonly RowRange[] | null): Uint8Array {
  if (Array.isArray(data)) {
    const kept = ranges ? ranges.flatMap(([s, e]) => data.slice(s * width, e * width)) : data;
    return encoder.encode(JSON.stringify(kept));
  }
  const typed = data as Exclude<TensorData, string[]>;
  const size = typed.BYTES_PER_ELEMENT * width;
  const bytes = new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
  if (!ranges) return bytes;
  let n = 0;
  for (const [s, e] of ranges) n += (e - s) * size;
  const out = new Uint8Array(n);
  let at = 0;
  for (const [s, e] of ranges) {
    out.set(bytes.subarray(s * size, e * size), at);
    at += (e - s) * size;
  }
  return out;
}
