import type { PredictionsServedEvent, TensorData } from '@mlops/core';
import type { CallLayout, LoggedColumn, RowRange } from './callLayout';
import { appendColumn, createColumnBuffer, type ColumnBuffer } from './ColumnBuffer';
import { JsonStrings } from './JsonStrings';
import { RequestColumns, requestColumnText } from './RequestColumns';

type Typed = Exclude<TensorData, string[]>;

/**
 * Consecutive calls of one layout (model, version, columns) close in time, kept column by column
 * until a flush writes them as one `monitor_predictions` row. Each call's values are appended to
 * one buffer per column with a same-type `set` (bits as they are, NaN payloads included), string
 * columns and the requests (ids, rows, latencies) as bytes too: nothing is kept per call or per
 * request on the JS heap, so a second of buffered traffic is a few long-lived buffers, not
 * objects for the garbage collector to promote to old space and trace.
 */
export class LogGroup {
  calls = 0;
  rows = 0;
  lastAt: number;
  servedAt: number;
  /** Set when a flush takes the group: later calls start a new group. */
  sealed = false;
  private inferenceMs = 0;
  private readonly numeric: (ColumnBuffer | null)[];
  private readonly strings: (JsonStrings | null)[];
  private readonly requests: RequestColumns | null;

  constructor(
    readonly layout: CallLayout,
    readonly model: string,
    readonly version: number | null,
    servedAt: number,
  ) {
    this.servedAt = servedAt;
    this.lastAt = servedAt;
    this.numeric = layout.columns.map((c) => (c.type === 'string' ? null : createColumnBuffer(c.type, Math.max(256, 16 * c.width * c.bytesPerValue))));
    this.strings = layout.columns.map((c) => (c.type === 'string' ? new JsonStrings() : null));
    this.requests = layout.withRequests ? new RequestColumns() : null;
  }

  /**
   * Empties a written group for calls from `servedAt` on, keeping its buffers at the size they grew
   * to: a new group per second allocated ~1 MB of buffers whose ArrayBuffer objects, living a
   * second, were promoted, so their memory came back only at a mark-compact (and its growth as
   * external memory brought mark-compacts sooner).
   */
  reuse(servedAt: number): this {
    this.calls = 0;
    this.rows = 0;
    this.inferenceMs = 0;
    this.servedAt = servedAt;
    this.lastAt = servedAt;
    this.sealed = false;
    for (const c of this.numeric) if (c) c.used = 0;
    for (const s of this.strings) s?.clear();
    this.requests?.clear();
    return this;
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
    if (this.requests && requests) {
      const n = requestIndexes ? requestIndexes.length : requests.length;
      for (let k = 0; k < n; k++) {
        const r = requests[requestIndexes ? requestIndexes[k]! : k]!;
        this.requests.add(r.id, r.rows, r.latencyMs);
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
   * requests as JSON text (or, with `requestsAsText` false, as the ids' JSON bytes and typed arrays
   * of rows and latencies: the writer thread turns them into text, so formatting ~10,000 latencies
   * a flush leaves the server's thread).
   * The group is left as it was, so a failed write can be retried.
   */
  encode(requestsAsText = true): unknown[] {
    const requests = this.requests?.encode();
    const text = (column: Uint8Array | Int32Array | Float64Array | undefined) => (column === undefined ? null : requestsAsText ? requestColumnText(column) : column);
    const described: LoggedColumn[] = [];
    const parts: Uint8Array[] = [];
    let total = 0;
    this.layout.columns.forEach((col, j) => {
      const list = this.strings[j];
      const column = this.numeric[j];
      const bytes = list ? list.json() : column!.bytes.subarray(0, column!.used);
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
      text(requests?.ids),
      text(requests?.rows),
      text(requests?.latencyMs),
      this.inferenceMs,
      JSON.stringify(described),
      blob,
    ];
  }
}
