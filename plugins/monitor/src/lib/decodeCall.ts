import type { TensorData, TensorValue } from '@mlops/core';
import type { LoggedColumn } from './callLayout';

/** One log row (consecutive inference calls of one model version), read back as columns. */
export interface LoggedCall {
  id: number;
  model: string;
  version: number | null;
  /** The first and the last call's time (epoch ms). */
  servedAt: number;
  servedUntil: number;
  /** Inference calls the row holds, and their rows. */
  calls: number;
  rows: number;
  /** The requests, in row order (absent for calls announced without them). */
  requests: { id: string; rows: number; latencyMs: number }[] | null;
  /** Total time of the calls' inference (0 when the events did not say). */
  inferenceMs: number;
  inputs: Record<string, TensorValue>;
  outputs: Record<string, TensorValue>;
}

const decoder = new TextDecoder();

/** A `monitor_predictions` row (as SQLite or Postgres return it) back to typed columns. */
export function decodeCall(row: Record<string, unknown>): LoggedCall {
  const columns = JSON.parse(String(row.columns)) as LoggedColumn[];
  const blob = row.data as Uint8Array;
  const rows = Number(row.row_count);
  const inputs: Record<string, TensorValue> = {};
  const outputs: Record<string, TensorValue> = {};
  let offset = 0;
  for (const c of columns) {
    const bytes = blob.subarray(offset, offset + c.bytes);
    offset += c.bytes;
    (c.role === 'input' ? inputs : outputs)[c.name] = { data: typed(c, bytes), dims: c.width === 1 ? [rows, 1] : [rows, c.width] };
  }
  const ids = row.request_ids === null ? null : (JSON.parse(String(row.request_ids)) as string[]);
  const sizes = JSON.parse(String(row.request_rows ?? '[]')) as number[];
  const latency = JSON.parse(String(row.latency_ms ?? '[]')) as number[];
  return {
    id: Number(row.id),
    model: String(row.model),
    version: row.version === null ? null : Number(row.version),
    servedAt: Number(row.served_at),
    servedUntil: Number(row.served_until),
    calls: Number(row.call_count),
    rows,
    requests: ids ? ids.map((id, i) => ({ id, rows: sizes[i]!, latencyMs: latency[i]! })) : null,
    inferenceMs: Number(row.inference_ms),
    inputs,
    outputs,
  };
}

/** Copies into a fresh buffer: a driver's Buffer may sit at an offset no Float64Array can start at. */
function typed(c: LoggedColumn, bytes: Uint8Array): TensorData {
  if (c.type === 'string') return JSON.parse(decoder.decode(bytes)) as string[];
  // new Uint8Array(view) copies (Buffer#slice would not: it shares the pool).
  const buffer = new Uint8Array(bytes).buffer;
  switch (c.type) {
    case 'float32':
      return new Float32Array(buffer);
    case 'float64':
      return new Float64Array(buffer);
    case 'int32':
      return new Int32Array(buffer);
    case 'int64':
      return new BigInt64Array(buffer);
    default:
      return new Uint8Array(buffer);
  }
}
