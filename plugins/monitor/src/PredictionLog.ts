import type { Health, HookBus, Lifecycle, Logger, PredictionsServedEvent } from '@mlops/core';
import { runRetention } from './lib/runRetention';
import { layoutOf, type CallLayout, type RowRange } from './lib/callLayout';
import { LogGroup } from './lib/LogGroup';
import { SqliteWriterThread } from './lib/SqliteWriterThread';
import { writeRows } from './lib/writeRows';
import type { SqlStoreHandle } from '@mlops/sql-metadata';
import { predictionLogTable } from './migrations/0001_prediction_log';
import type { MonitorOptions } from './options';

/** Counters of the prediction log since it started (rows). */
export interface PredictionLogStats {
  /** Rows committed to the table. */
  written: number;
  /** Rows lost because the buffer was full (the database slow or down), or left unwritten at close. */
  dropped: number;
  /** Rows not logged because their request was not sampled (`sampleRate` < 1). */
  sampledOut: number;
  /** Rows waiting in memory for a flush. */
  buffered: number;
  /** Flushes (transactions) committed, and failed ones (retried at the next interval). */
  flushes: number;
  writeErrors: number;
  /** Prediction rows deleted by retention. */
  expired: number;
  lastError: string | null;
}

/** What the log needs around it; `random` is injectable so tests can sample deterministically. */
export interface PredictionLogDeps {
  sql: SqlStoreHandle;
  hooks: HookBus;
  logger: Logger;
  /** Applies the log's migrations (the database service's `migrate('monitor', ...)`). */
  migrate: () => Promise<unknown>;
  random?: () => number;
}

/**
 * Records every served prediction (`predictionsServed`) in `monitor_predictions`, one row per
 * inference call, off the request path: the hook handler only copies the call's columns into a
 * bounded buffer and returns (it never returns
 * a promise, so it never holds up the hook queue); flushes write one transaction each, by size or
 * on a timer. When the buffer is full, new rows are dropped and counted: a slow database costs
 * log rows, never request latency.
 */
export class PredictionLog implements Lifecycle {
  private readonly table: string;
  /** Calls waiting for a flush, oldest first, as groups (each becomes one log row). */
  private groups: LogGroup[] = [];
  /** Written groups kept for reuse (their buffers grown to a flush's size), newest last. */
  private spare: LogGroup[] = [];
  private bufferedRows = 0;
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retentionTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  /** On a SQLite file, flushes are committed by a thread of their own (see SqliteWriterThread); else through the store's knex. */
  private writer: SqliteWriterThread | undefined;
  private busyTimeoutMs = 5000;
  private readonly counts: PredictionLogStats = { written: 0, dropped: 0, sampledOut: 0, buffered: 0, flushes: 0, writeErrors: 0, expired: 0, lastError: null };
  private readonly random: () => number;

  constructor(
    private readonly options: MonitorOptions,
    private readonly deps: PredictionLogDeps,
  ) {
    this.table = deps.sql.schema ? `${deps.sql.schema}.${predictionLogTable}` : predictionLogTable;
    this.random = deps.random ?? Math.random;
  }

  async start(): Promise<void> {
    if (this.unsubscribe) return;
    await this.deps.migrate();
    if (this.deps.sql.dialect === 'sqlite') this.busyTimeoutMs = await readBusyTimeout(this.deps.sql);
    await this.expire();
    this.writer = SqliteWriterThread.forStore(this.deps.sql, predictionLogTable);
    await this.writer?.start();
    this.unsubscribe = this.deps.hooks.on('predictionsServed', (event) => this.record(event));
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.retentionTimer = setInterval(() => void this.expire(), this.options.retentionCheckMs);
    // Timers must not keep a finished process alive; close() writes what is left.
    this.timer.unref();
    this.retentionTimer.unref();
  }

  /**
   * The hook handler: synchronous for the server, so the hook queue never waits for the database.
   * Batch inference (`source: 'batch'`, emitted and awaited) may wait: when its chunk does not fit
   * in the buffer, it waits for flushes to make room instead of being dropped.
   */
  record(event: PredictionsServedEvent): void | Promise<void> {
    if (event.source === 'batch' && this.bufferedRows + event.rows > this.options.maxBufferedRows && event.rows <= this.options.maxBufferedRows) {
      return this.makeRoom(event.rows).then(() => this.keep(event));
    }
    this.keep(event);
  }

  /** Flushes until `rows` more fit in the buffer, or a write fails (then the rows are dropped and counted, as for the server). */
  private async makeRoom(rows: number): Promise<void> {
    while (this.bufferedRows + rows > this.options.maxBufferedRows) {
      await this.flush();
      if (this.counts.lastError !== null) return;
    }
  }

  private keep(event: PredictionsServedEvent): void {
    const { rows } = event;
    const room = this.options.maxBufferedRows - this.bufferedRows;
    let kept = rows;
    let ranges: RowRange[] | null = null;
    let requestIndexes: number[] | null = null;
    if (this.options.sampleRate < 1) {
      // Whole requests (a batch job's chunk is one) are kept or left out; without request ids (tests) each row is one.
      ranges = [];
      requestIndexes = [];
      kept = 0;
      const parts = event.requests ?? null;
      const n = parts ? parts.length : rows;
      for (let p = 0, row = 0; p < n; p++) {
        const size = parts ? parts[p]!.rows : 1;
        if (this.random() < this.options.sampleRate) {
          const last = ranges[ranges.length - 1];
          if (last && last[1] === row) ranges[ranges.length - 1] = [last[0], row + size];
          else ranges.push([row, row + size]);
          requestIndexes.push(p);
          kept += size;
        }
        row += size;
      }
      this.counts.sampledOut += rows - kept;
      if (kept === 0) return;
      if (!parts) requestIndexes = null;
    }
    if (kept > room) {
      this.counts.dropped += kept;
      return;
    }
    const layout = layoutOf(event);
    this.groupFor(event, layout, kept).add(event, layout.data, ranges, requestIndexes, kept);
    this.bufferedRows += kept;
    if (this.bufferedRows >= this.options.batchRows) void this.flush();
  }

  /**
   * The group a call joins: the newest, when it has the call's layout, began at most a second
   * earlier, has room for the call within `batchRows` and is not being written; else a new one.
   */
  private groupFor(event: PredictionsServedEvent, layout: CallLayout, rows: number): LogGroup {
    const last = this.groups[this.groups.length - 1];
    if (last && !last.sealed && (last.layout === layout || last.layout.key === layout.key) && Math.abs(event.servedAt - last.servedAt) <= groupSpanMs && last.rows + rows <= this.options.batchRows) return last;
    const k = this.spare.findIndex((g) => g.layout === layout || g.layout.key === layout.key);
    const group = k >= 0 ? this.spare.splice(k, 1)[0]!.reuse(event.servedAt) : new LogGroup(layout, event.model.name, event.model.version, event.servedAt);
    this.groups.push(group);
    return group;
  }

  /**
   * Writes up to `batchRows` buffered rows in one transaction (waits for a flush in progress first).
   * A failed write keeps the rows buffered, counts the error and logs it (at 1, 10, 100, ... errors).
   */
  flush(): Promise<void> {
    if (this.writing) return this.writing;
    if (this.bufferedRows === 0) return Promise.resolve();
    this.writing = this.writeOnce().finally(() => {
      this.writing = undefined;
      // A backlog (the database was slow) drains batch by batch, yielding to requests in between.
      if (this.bufferedRows >= this.options.batchRows && this.counts.lastError === null) setImmediate(() => void this.flush());
    });
    return this.writing;
  }

  private async writeOnce(): Promise<void> {
    let take = 0;
    let rows = 0;
    while (take < this.groups.length && (rows === 0 || rows + this.groups[take]!.rows <= this.options.batchRows)) rows += this.groups[take++]!.rows;
    const taken = this.groups.slice(0, take);
    for (const g of taken) g.sealed = true;
    // The writer thread formats the request lists as JSON itself (off the server's thread).
    const values = taken.flatMap((g) => g.encode(this.writer === undefined));
    try {
      if (this.writer) await this.writer.write(values);
      else await writeRows(this.deps.sql.knex, this.table, this.deps.sql.dialect, values, this.busyTimeoutMs);
    } catch (error) {
      const n = ++this.counts.writeErrors;
      this.counts.lastError = describeError(error);
      if (Number.isInteger(Math.log10(n))) this.deps.logger.warn(`monitor: writing ${rows} prediction log rows failed (${n} failure${n === 1 ? '' : 's'} so far; kept buffered, retried every ${this.options.flushIntervalMs} ms): ${this.counts.lastError}`);
      return;
    }
    // Groups only ever join at the end, so the taken ones are still the first ones.
    this.groups.splice(0, take);
    // A couple of groups are in use at a time (one buffering, one being written): keep as many for reuse.
    this.spare.push(...taken);
    if (this.spare.length > spareGroups) this.spare.splice(0, this.spare.length - spareGroups);
    this.bufferedRows -= rows;
    this.counts.written += rows;
    this.counts.flushes++;
    this.counts.lastError = null;
  }

  /** Deletes rows older than `retentionDays`. */
  async expire(): Promise<number> {
    try {
      const n = await runRetention(this.deps.sql, this.table, Date.now() - this.options.retentionDays * 86_400_000, this.busyTimeoutMs);
      this.counts.expired += n;
      return n;
    } catch (error) {
      this.deps.logger.warn(`monitor: deleting prediction log rows older than ${this.options.retentionDays} days failed (retried in ${this.options.retentionCheckMs} ms): ${describeError(error)}`);
      return 0;
    }
  }

  stats(): PredictionLogStats {
    return { ...this.counts, buffered: this.bufferedRows };
  }

  /** When the oldest row still waiting for a flush was served (epoch ms); null when nothing is buffered. For the log's lag on /metrics. */
  oldestBufferedAt(): number | null {
    return this.groups[0]?.servedAt ?? null;
  }

  health(): Health {
    return this.counts.lastError === null ? { ok: true } : { ok: false, detail: `prediction log writes failing (${this.bufferedRows} rows buffered): ${this.counts.lastError}` };
  }

  /**
   * Flushes until nothing is buffered, retrying failed flushes with backoff for up to `ms`. At close
   * a failure is usually brief: the server's other workers close at the same moment, and on SQLite
   * each writer fails at once on the lock another holds (busy_timeout 0), so one failed try must
   * not drop the rows.
   */
  private async drainWithin(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    let pauseMs = 5;
    while (this.bufferedRows > 0) {
      await this.flush();
      if (this.counts.lastError === null) continue;
      if (Date.now() + pauseMs > deadline) return;
      await new Promise((r) => setTimeout(r, pauseMs));
      pauseMs = Math.min(pauseMs * 2, 200);
    }
  }

  /** Stops listening, then writes everything queued (in the hook bus and the buffer), retrying for up to the store's busy timeout; what cannot be written is counted as dropped. */
  async close(): Promise<void> {
    if (!this.unsubscribe) return;
    clearInterval(this.timer);
    clearInterval(this.retentionTimer);
    await this.deps.hooks.flush();
    this.unsubscribe();
    this.unsubscribe = undefined;
    await this.drainWithin(this.busyTimeoutMs);
    if (this.bufferedRows > 0) {
      this.deps.logger.warn(`monitor: ${this.bufferedRows} prediction log rows could not be written at close: ${this.counts.lastError}`);
      this.counts.dropped += this.bufferedRows;
      this.groups = [];
      this.bufferedRows = 0;
    }
    await this.writer?.close();
    this.writer = undefined;
    const c = this.counts;
    // A process that served nothing (`mlops monitor`, `mlops alerts ls`) has nothing to report.
    if (c.written + c.dropped + c.sampledOut + c.writeErrors === 0) return;
    this.deps.logger.info(`monitor: prediction log closed: ${c.written} rows written, ${c.dropped} dropped, ${c.sampledOut} sampled out, ${c.writeErrors} failed writes`);
  }
}

/** Written groups kept for reuse. */
const spareGroups = 4;

/** A group never spans more than this, so `served_at` stays within a second of every call in the row. */
const groupSpanMs = 1000;

/** knex puts the whole statement (every row's values) before the driver's message: keep the code and the message only. */
function describeError(error: unknown): string {
  // Duck-typed: a driver's error may come from another realm (not instanceof this Error).
  const { code, message: full } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof full !== 'string') return String(error);
  const cut = full.lastIndexOf(' - ');
  const message = cut >= 0 ? full.slice(cut + 3) : full;
  return `${typeof code === 'string' ? `${code}: ` : ''}${message.slice(0, 300)}`;
}

async function readBusyTimeout(sql: SqlStoreHandle): Promise<number> {
  const rows = (await sql.knex.raw('PRAGMA busy_timeout')) as { timeout?: number }[];
  return rows[0]?.timeout ?? 5000;
}
