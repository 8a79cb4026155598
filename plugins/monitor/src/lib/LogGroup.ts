import type { PredictionsServedEvent, TensorData } from '@mlops/core';
import type { CallLayout, LoggedColumn, RowRange } from './callLayout';
import { appendColumn, createColumnBuffer, type ColumnBuffer } from './ColumnBuffer';

type Typed = Exclude<TensorData, string[]>;

const encoder = new TextEncoder();

/**
 * Consecutive calls of one layout (model, version, columns) close in time, kept column by column
 * until a flush writes them as one `monitor_predictions` row. Each call's values are appended to
 * one buffer per column with a same-type `set` (bits as they are, NaN payloads included): nothing
 * is kept per call but its request ids, so a second of buffered traffic is a few long-lived
 * buffers, not objects per call for the garbage collector to promote and trace.
 */
export class LogGroup {
  calls = 0;
  rows = 0;
  lastAt: number;
  /** Set when a flush takes the group: later calls start a new group. */
  sealed = false;
  private inferenceMs = 0;
  private readonly numeric: (ColumnBuffer | null)[];
  private readonly strings: (string[] | null)[];
  private readonly requestIds: string[] | null;
  private readonly requestRows: number[] = [];
  private readonly latencies: number[] = [];

  constructor(
    readonly layout: CallLayout,
    readonly model: string,
    readonly version: number | null,
    readonly servedAt: number,
  ) {
    this.lastAt = servedAt;
    this.numeric = layout.columns.map((c) => (c.type === 'string' ? null : createColumnBuffer(c.type, Math.max(256, 16 * c.width * c.bytesPerValue))));
    this.strings = layout.columns.map((c) => (c.type === 'string' ? [] : null));
    this.requestIds = layout.withRequests ? [] : null;
  }

  /**
   * Appends the call's kept rows (`ranges` of rows, whole requests `requestIndexes`; null: all of
   * them). `found` holds the call's column arrays in layout order (`layoutOf(event).data`).
   */
  add(event: PredictionsServedEvent, found: readonly TensorData[], ranges: readonly RowRange[] | null, requestIndexes: readonly number[] | null, rows: number): void {
    const { columns } = this.layout;
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j]!;
      const data = found[j]!;
      const list = this.strings[j];
      if (list) {
        const values = data as string[];
        if (ranges === null) for (let i = 0; i < values.length; i++) list.push(values[i]!);
        else for (const [s, e] of ranges) for (let i = s * c.width; i < e * c.width; i++) list.push(values[i]!);
        continue;
      }
      const typed = data as Typed;
      if (ranges === null) appendColumn(this.numeric[j]!, typed, rows * c.width * c.bytesPerValue);
      else for (const [s, e] of ranges) appendColumn(this.numeric[j]!, typed.subarray(s * c.width, e * c.width) as Typed, (e - s) * c.width * c.bytesPerValue);
    }
    const requests = event.requests;
    if (this.requestIds && requests) {
      const n = requestIndexes ? requestIndexes.length : requests.length;
      for (let k = 0; k < n; k++) {
        const r = requests[requestIndexes ? requestIndexes[k]! : k]!;
        this.requestIds.push(r.id);
        this.requestRows.push(r.rows);
        this.latencies.push(Math.round(r.latencyMs * 1000) / 1000);
      }
    }
    this.calls++;
    this.rows += rows;
    this.lastAt = event.servedAt;
    this.inferenceMs += event.inferenceMs ?? 0;
  }

  /**
   * The row's values in `logColumns` order: each column's bytes back to back (strings as a UTF-8
   * JSON array) in one blob of its own (transferable), described by a small JSON list, and the
   * requests as JSON arrays (or, with `requestsAsText` false, as the arrays themselves: the writer
   * thread turns them into JSON, so formatting ~10,000 latencies a flush leaves the server's thread).
   * The group is left as it was, so a failed write can be retried.
   */
  encode(requestsAsText = true): unknown[] {
    const text = (list: unknown[] | null) => (list === null ? null : requestsAsText ? JSON.stringify(list) : list);
    const described: LoggedColumn[] = [];
    const parts: Uint8Array[] = [];
    let total = 0;
    this.layout.columns.forEach((col, j) => {
      const list = this.strings[j];
      const column = this.numeric[j];
      const bytes = list ? encoder.encode(JSON.stringify(list)) : column!.bytes.subarray(0, column!.used);
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
    return [
      this.model,
      this.version,
      this.servedAt,
      this.lastAt,
      this.calls,
      this.rows,
      text(this.requestIds),
      text(this.requestIds && this.requestRows),
      text(this.requestIds && this.latencies),
      this.inferenceMs,
      JSON.stringify(described),
      blob,
    ];
  }
}
