import type { Feeds } from '@mlops/serving';

/** One request of a call, in row order: its feeds, its row count, and what its caller tagged it with (the request id). */
export interface BatchPart<T> {
  feeds: Feeds;
  rows: number;
  tag: T | undefined;
}

/**
 * Runs one inference call over the parts' rows (their feeds concatenated input by input) and
 * answers for the whole call; a part that is a whole call gets that answer as it is.
 */
export type RunBatch<R, T> = (parts: readonly BatchPart<T>[], rows: number) => Promise<R>;

/** A request's rows `[start, end)` of a call's answer. */
export type SliceAnswer<R> = (answer: R, start: number, end: number) => R;

interface Pending<R, T> extends BatchPart<T> {
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
 * each call carries many rows and the per-call overhead is shared. Requests arrive as typed feeds;
 * `run` gets a call's parts and concatenates them. One call at a time per model.
 */
export class MicroBatcher<R, T = never> {
  private queue: Pending<R, T>[] = [];
  private queuedRows = 0;
  private running = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: RunBatch<R, T>,
    private readonly slice: SliceAnswer<R>,
    private readonly options: MicroBatcherOptions,
  ) {}

  /** Requests waiting for a call. */
  get queued(): number {
    return this.queue.length;
  }

  /**
   * The answer to one request. A request that runs at once gets the call's own promise: no
   * promise between the caller and the inference (a one-row request at low load is this path).
   */
  predict(feeds: Feeds, rows: number, tag?: T): Promise<R> {
    // A request that fills a call by itself gains nothing from waiting for the running one: it runs
    // now, beside it (onnxruntime runs concurrent calls of one session in parallel).
    if (rows >= this.options.maxRows) {
      this.options.onBatch?.(rows, 1);
      return this.run([{ feeds, rows, tag }], rows);
    }
    // Idle model, nothing queued, no wait configured: run now, without queueing machinery.
    if (!this.running && this.queue.length === 0 && this.options.maxWaitMs === 0) {
      this.running = true;
      this.options.onBatch?.(rows, 1);
      let call: Promise<R>;
      try {
        call = this.run([{ feeds, rows, tag }], rows);
      } catch (error) {
        this.running = false;
        return Promise.reject(error);
      }
      // Registered before the caller's own reaction, so the batcher is idle again (or has started
      // the next call) when the caller resumes, as a `finally` around the call would have it.
      call.then(this.ranAlone, this.ranAlone);
      return call;
    }
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ feeds, rows, tag, resolve, reject });
      this.queuedRows += rows;
      this.schedule();
    });
  }

  /**
   * A lone call keeps the model busy until this turn of the event loop ends (its check phase). A
   * runtime whose run settles at once (onnxruntime's native run) would otherwise leave the model
   * idle for every other request read in the same poll phase, and under load each would run alone;
   * held, they queue and go together in one call. A back-to-back client is not delayed: its next
   * request can only be read in a later poll phase.
   */
  private readonly ranAlone = (): void => {
    setImmediate(this.turnEnded);
  };

  private readonly turnEnded = (): void => {
    this.running = false;
    this.schedule();
  };

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
    this.run(batch, rows)
      .then((answer) => {
        let start = 0;
        for (const p of batch) {
          const end = start + p.rows;
          try {
            p.resolve(this.slice(answer, start, end));
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
