import type { IngestProgress } from '@mlops/core';
import type { FeatureView } from '../definitions/types';
import { appendOffline, type CommitContext, type PreparedBatch } from './commitEvents';
import type { StreamMessage, StreamTransport } from './StreamTransport';

interface Written {
  messages: StreamMessage[];
  prepared: PreparedBatch;
}

/**
 * The second half of a micro-batch, off the freshness path: batches already written online wait
 * here for their offline append, dead letters and ack. Whatever has piled up while one append
 * ran goes into the next as one transaction, so the offline side keeps up with many small online
 * batches (one transaction per online batch could not: at 5,000 events/s the online loop takes
 * ~100 events at a time and a transaction costs 10–25 ms on a busy machine). Appends and acks stay
 * in stream order, one at a time. `held` counts the messages not yet acknowledged, for backpressure.
 */
export class OfflineCommitter {
  held = 0;
  private waiting: Written[] = [];
  private running: Promise<void> | undefined;
  private failure: unknown;
  private progressed: (() => void)[] = [];

  constructor(
    private readonly ctx: CommitContext,
    private readonly view: FeatureView,
    private readonly transport: StreamTransport,
    private readonly totals: IngestProgress,
    /** Runs a step until it succeeds (with backoff) or the ingester is stopped (then throws). */
    private readonly retrying: <T>(fn: () => Promise<T>) => Promise<T>,
    private readonly onBatch?: (progress: IngestProgress) => void,
  ) {}

  /** The first error a commit gave up on (after a stop); nothing after it is acknowledged. */
  get failed(): unknown {
    return this.failure;
  }

  add(messages: StreamMessage[], prepared: PreparedBatch): void {
    this.waiting.push({ messages, prepared });
    this.held += messages.length;
    this.kick();
  }

  private kick(): void {
    if (this.running || this.failure !== undefined) return;
    this.running = this.run().then(
      () => {
        this.running = undefined;
        this.wake();
        // Added between the loop's last look and now.
        if (this.waiting.length) this.kick();
      },
      (error: unknown) => {
        this.failure = error;
        this.running = undefined;
        this.wake();
      },
    );
  }

  /** Resolves when a commit finishes (or has failed). */
  progress(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.progressed.push(resolve));
  }

  /** Resolves when everything added is acknowledged (or a commit failed). */
  async flush(): Promise<void> {
    while (this.running) await this.progress();
  }

  private async run(): Promise<void> {
    while (this.waiting.length) {
      const group = this.waiting.splice(0);
      const messages = group.flatMap((g) => g.messages);
      const written = group.reduce((n, g) => n + g.prepared.online.length, 0);
      const merged: PreparedBatch = { online: group.flatMap((g) => g.prepared.online), offline: group.flatMap((g) => g.prepared.offline), refused: [] };
      await this.retrying(() => appendOffline(this.ctx, this.view, merged));
      this.ctx.metrics.written.inc({ view: this.view.name }, written);
      for (const g of group) {
        for (const r of g.prepared.refused) await this.retrying(() => this.transport.deadLetter(g.messages[r.index]!, `${r.problem.code}: ${r.problem.reason}`, this.view.name));
      }
      await this.retrying(() => this.transport.ack(messages));
      this.held -= messages.length;
      this.totals.received += messages.length;
      this.totals.written += written;
      this.totals.deadLettered += group.reduce((n, g) => n + g.prepared.refused.length, 0);
      this.onBatch?.({ ...this.totals });
      this.wake();
    }
  }

  private wake(): void {
    for (const resolve of this.progressed.splice(0)) resolve();
  }
}
