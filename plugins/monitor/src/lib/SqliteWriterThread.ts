import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SqlStoreHandle } from '@mlops/sql-metadata';
import { logColumns, statementRows } from './writeRows';

/**
 * The writer's loop, run with `eval` (plain JS in a string, so it runs the same from `dist/` and
 * under jest, which loads `src/`): its own better-sqlite3 connection to the store's file, one
 * transaction of multi-row INSERTs per message, answered with `{ id }` or `{ id, error }`.
 * `busy_timeout` 0 as on the server's thread: a locked database fails the flush at once and the
 * rows stay buffered in the log for its next try (the thread is then free for the retry).
 */
const writerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
db.pragma('busy_timeout = 0');
const columns = workerData.columns;
const width = columns.length;
const decoder = new TextDecoder();
// A request column to its JSON text: the ids come as the text's UTF-8, rows and latencies as typed arrays.
const text = (c) => (c instanceof Uint8Array ? decoder.decode(c) : JSON.stringify(Array.from(c)));
const inserts = new Map();
const insert = (n) => {
  let s = inserts.get(n);
  if (!s) {
    const row = '(' + columns.map(() => '?').join(', ') + ')';
    s = db.prepare('insert into "' + workerData.table + '" (' + columns.join(', ') + ') values ' + Array(n).fill(row).join(', '));
    inserts.set(n, s);
  }
  return s;
};
parentPort.postMessage({ ready: true });
parentPort.on('message', (m) => {
  if (m.close) {
    db.close();
    parentPort.close();
    return;
  }
  const v = m.values;
  try {
    // Blobs arrive as Uint8Array views of the transferred buffers; the driver binds Buffers as BLOBs.
    // The request columns come as bytes (formatting them is this thread's work, not the server's).
    for (let i = 0; i < v.length; i += width) {
      for (let k = workerData.requestLists[0]; k <= workerData.requestLists[1]; k++) if (v[i + k] !== null) v[i + k] = text(v[i + k]);
      v[i + width - 1] = Buffer.from(v[i + width - 1].buffer, v[i + width - 1].byteOffset, v[i + width - 1].byteLength);
    }
    const rows = v.length / width;
    db.exec('BEGIN IMMEDIATE');
    for (let start = 0; start < rows; start += workerData.statementRows) {
      const n = Math.min(workerData.statementRows, rows - start);
      insert(n).run(v.slice(start * width, (start + n) * width));
    }
    db.exec('COMMIT');
    parentPort.postMessage({ id: m.id });
  } catch (error) {
    try { if (db.inTransaction) db.exec('ROLLBACK'); } catch {}
    parentPort.postMessage({ id: m.id, error: { code: error && error.code, message: String(error && error.message || error) } });
  }
});
`;

interface Pending {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Writes prediction log rows to a SQLite file from a worker thread with a connection of its own, so
 * the inserts and the commit's fsync (better-sqlite3 runs both synchronously) never hold up the
 * server's event loop. Row values go over in `logColumns` order; each row's `data` blob is
 * transferred, not copied. Durability is the store's: WAL, and `synchronous` left at SQLite's
 * default (FULL), so a committed flush survives a power cut as before; only the thread changed.
 */
export class SqliteWriterThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private ready: Promise<void> | undefined;

  private constructor(
    private readonly filename: string,
    private readonly table: string,
    private readonly driver: string,
  ) {}

  /** A writer for the store's file; undefined when the store is not a SQLite file (Postgres, `:memory:`). */
  static forStore(sql: SqlStoreHandle, table: string): SqliteWriterThread | undefined {
    if (sql.dialect !== 'sqlite') return undefined;
    const filename = (sql.knex.client as { connectionSettings?: { filename?: unknown } }).connectionSettings?.filename;
    if (typeof filename !== 'string' || filename === '' || filename === ':memory:' || filename.startsWith('file:')) return undefined;
    // The driver knex itself loads, resolved from knex's own folder.
    const driver = createRequire(require.resolve('knex')).resolve('better-sqlite3');
    return new SqliteWriterThread(filename, table, driver);
  }

  /** Starts the thread and resolves once its connection is open (rejects if the file cannot be opened). */
  start(): Promise<void> {
    if (!this.worker) this.startWorker();
    return this.ready!;
  }

  /**
   * Commits the rows (flat values, `logColumns` order, the last of each row a Buffer; `request_ids`,
   * `request_rows` and `latency_ms` as JSON text or as the ids' JSON bytes and typed arrays of rows
   * and latencies, which the thread formats) in one transaction; every typed array's buffer is
   * transferred (detached here), so each must be a copy of its own.
   */
  write(values: unknown[]): Promise<void> {
    const worker = this.worker ?? this.startWorker();
    const id = this.nextId++;
    const blobs: ArrayBuffer[] = [];
    for (const v of values) if (ArrayBuffer.isView(v) && !blobs.includes(v.buffer as ArrayBuffer)) blobs.push(v.buffer as ArrayBuffer);
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Held while a write is in flight, so a closing process waits for its last commit.
      worker.ref();
      worker.postMessage({ id, values }, blobs);
    });
  }

  /** Closes the thread's connection and waits for the thread to end (after the log's last flush). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise<void>((r) => worker.once('exit', () => r()));
    worker.ref();
    worker.postMessage({ close: true });
    await exited;
  }

  private startWorker(): Worker {
    const worker = new Worker(writerSource, {
      eval: true,
      workerData: { filename: this.filename, table: this.table, driver: this.driver, columns: [...logColumns], statementRows, requestLists: [logColumns.indexOf('request_ids'), logColumns.indexOf('latency_ms')] },
    });
    let opened!: () => void;
    let failed!: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => ((opened = resolve), (failed = reject)));
    // Swallowed here: start() hands the failure to its caller; later writes fail on their own.
    this.ready.catch(() => undefined);
    worker.on('message', (m: { ready?: true; id: number; error?: { code?: string; message: string } }) => {
      if (m.ready) {
        worker.unref();
        opened();
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (m.error) p.reject(Object.assign(new Error(m.error.message), m.error.code ? { code: m.error.code } : {}));
      else p.resolve();
    });
    // A thread that failed (the file could not be opened) fails what it held; the next write starts a new one.
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      failed(error);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the prediction log's writer thread exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
