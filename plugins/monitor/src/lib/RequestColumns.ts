import { JsonStrings } from './JsonStrings';

/** A group's requests as the writer takes them: ids as JSON text (UTF-8), rows and latencies as typed arrays. */
export interface EncodedRequests {
  ids: Uint8Array;
  rows: Int32Array;
  latencyMs: Float64Array;
}

/**
 * The requests of a log group, in row order, outside the JS heap: ids as JSON text bytes, rows and
 * latencies (ms, rounded to µs) in typed arrays that double when full. Held for up to a second
 * until the flush, so nothing here may be a JS object per request (see JsonStrings).
 */
export class RequestColumns {
  readonly ids = new JsonStrings(4096);
  private rows = new Int32Array(256);
  private latency = new Float64Array(256);

  get length(): number {
    return this.ids.length;
  }

  add(id: string, rows: number, latencyMs: number): void {
    const k = this.ids.length;
    if (k === this.rows.length) {
      this.rows = grow(this.rows, new Int32Array(2 * k));
      this.latency = grow(this.latency, new Float64Array(2 * k));
    }
    this.rows[k] = rows;
    this.latency[k] = Math.round(latencyMs * 1000) / 1000;
    this.ids.push(id);
  }

  /** Empties the columns, keeping their buffers. */
  clear(): void {
    this.ids.clear();
  }

  /** Copies of the columns (the group stays as it was, so a failed write can be retried; the copies can be transferred). */
  encode(): EncodedRequests {
    const n = this.ids.length;
    return { ids: this.ids.json(), rows: this.rows.slice(0, n), latencyMs: this.latency.slice(0, n) };
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

const decoder = new TextDecoder();

/** A request column as the log's JSON text: the ids' bytes decoded, numbers formatted as a JSON array. */
export function requestColumnText(column: Uint8Array | Int32Array | Float64Array): string {
  return column instanceof Uint8Array ? decoder.decode(column) : JSON.stringify(Array.from(column));
}
