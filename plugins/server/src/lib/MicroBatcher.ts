import { concatFeeds, type Feeds } from '@mlops/serving';

/** Runs one inference call over feeds of `rows` rows; the batcher slices the answers back per request. */
export type RunBatch<R, T> = (feeds: Feeds, rows: number, parts: readonly BatchPart<T>[]) => Promise<(start: number, end: number) => R>;

/** One request of a call, in row order, with what its caller tagged it with (the request id). */
export interface BatchPart<T> {
  rows: number;
  tag: T | undefined;
}

interface Pending<R, T> {
  feeds: Feeds;
  rows: number;
  tag: T | undefined;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/** How the batcher coalesces. */
export interface MicroBatcherOptions {
  /** Most rows in one call; a request this big or bigger runs at once, on its own. */
  maxRows: number;
  /** Extra wait for a call that is not full; 0 = coalesce only what queued during the previous call. */
  maxWaitMs: number;
  /** Called with the row count of every call (a metric). */
  onBatch?: (rows: number, requests: number) => void;
}

/**
 * Adaptive micro-batching: an idle model runs a request at once (no added latency at low load);
 * requests arriving while a call is running queue and go together in the next call, so under load
 * each call carries many rows and the per-call overhead is shared. Requests arrive as typed feeds
 * and are concatenated input by input. One call at a time per model.
 */
export class MicroBatcher<R, T = never> {
  private queue: Pending<R, T>[] = [];
  private queuedRows = 0;
  private running = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: RunBatch<R, T>,
    private readonly options: MicroBatcherOptions,
  ) {}

  predict(feeds: Feeds, rows: number, tag?: T): Promise<R> {
    // A request that fills a call by itself gains nothing from waiting for the running one: it runs
    // now, beside it (onnxruntime runs concurrent calls of one session in parallel).
    if (rows >= this.options.maxRows) {
      this.options.onBatch?.(rows, 1);
      return this.run(feeds, rows, [{ rows, tag }]).then((slice) => slice(0, rows));
    }
    // Idle model, nothing queued, no wait configured: run now, without queueing machinery.
    if (!this.running && this.queue.length === 0 && this.options.maxWaitMs === 0) return this.runAlone(feeds, rows, tag);
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ feeds, rows, tag, resolve, reject });
      this.queuedRows += rows;
      this.schedule();
    });
  }

  private async runAlone(feeds: Feeds, rows: number, tag: T | undefined): Promise<R> {
    this.running = true;
    this.options.onBatch?.(rows, 1);
    try {
      return (await this.run(feeds, rows, [{ rows, tag }]))(0, rows);
    } finally {
      this.running = false;
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.running || this.queue.length === 0) return;
    const full = this.queuedRows >= this.options.maxRows;
    if (this.options.maxWaitMs > 0 && !full) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, this.options.maxWaitMs);
      return;
    }
    this.flush();
  }

  private flush(): void {
    if (this.running || this.queue.length === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch: Pending<R, T>[] = [];
    let rows = 0;
    while (this.queue.length && (batch.length === 0 || rows + this.queue[0]!.rows <= this.options.maxRows)) {
      const p = this.queue.shift()!;
      batch.push(p);
      rows += p.rows;
    }
    this.queuedRows -= rows;
    this.running = true;
    this.options.onBatch?.(rows, batch.length);
    let feeds: Feeds;
    try {
      feeds = batch.length === 1 ? batch[0]!.feeds : concatFeeds(batch.map((p) => p.feeds), batch.map((p) => p.rows));
    } catch (error) {
      for (const p of batch) p.reject(error);
      this.running = false;
      return this.schedule();
    }
    this.run(feeds, rows, batch)
      .then((slice) => {
        let start = 0;
        for (const p of batch) {
          const end = start + p.rows;
          try {
            p.resolve(slice(start, end));
          } catch (error) {
            p.reject(error);
          }
          start = end;
        }
      })
      .catch((error: unknown) => {
        for (const p of batch) p.reject(error);
      })
      .finally(() => {
        this.running = false;
        this.schedule();
      });
  }
}
