import type { IngestOptions, IngestProgress } from '@mlops/core';
import type { FeatureView, StreamSource } from '../definitions/types';
import { StreamConnectionError } from '../errors';
import { prepareEvents, writeOnline, type CommitContext } from './commitEvents';
import { OfflineCommitter } from './OfflineCommitter';
import type { StreamTransport } from './StreamTransport';

/** How often the consumer lag gauge is refreshed (one round trip to the server). */
const lagEveryMs = 1000;
/** How long `next` waits for a first message: also the longest a stop request waits. */
const pollMs = 200;
/**
 * Most messages per micro-batch. Batches are whatever is ready, so this only matters when the
 * consumer is behind: then bigger batches amortize the round trips and it catches up sooner.
 */
export const defaultBatchSize = 2000;

/**
 * The long-lived consumer of one view. Per micro-batch: validate and write online (compare-and-set
 * on event time); then an {@link OfflineCommitter} appends it offline (idempotent by message id),
 * dead-letters the refused events and only then acknowledges, while the next batch is already read
 * and written online. The online write is thus the only step between an event's arrival and it
 * being readable (freshness); the offline transaction no longer delays it. At most two batches'
 * worth of messages wait unacknowledged, so a slow store slows reading instead of filling memory.
 * A failed write is retried with backoff and nothing is acknowledged until it succeeds. On abort
 * the batches in hand finish (both writes, then the ack), then the transport closes (unprocessed
 * buffered messages go back to the stream).
 */
export async function runIngest(ctx: CommitContext, view: FeatureView, transport: StreamTransport, options: IngestOptions = {}): Promise<IngestProgress> {
  const batchSize = options.batchSize ?? defaultBatchSize;
  const totals: IngestProgress = { view: view.name, received: 0, written: 0, deadLettered: 0 };
  const lagGauge = ctx.metrics.lag.labels({ view: view.name });
  let lagAt = 0;
  let committedSinceLag = false;
  let lagReading: Promise<void> | undefined;
  try {
    await transport.open();
  } catch (error) {
    throw new StreamConnectionError(view.name, describeTransport(view), error);
  }
  const offline = new OfflineCommitter(ctx, view, transport, totals, (fn) => retrying(fn, options), options.onBatch);
  try {
    while (!options.signal?.aborted && offline.failed === undefined) {
      if (!lagReading && Date.now() - lagAt >= lagEveryMs) {
        lagAt = Date.now();
        // The gauge is a view on the stream, not part of the work: it is read alongside (a round
        // trip here would delay the next batch's online write), and a failed read leaves it as it was.
        lagReading = transport
          .lag()
          .then((lag) => lagGauge.set(lag), (error: Error) => options.onError?.(error))
          .finally(() => (lagReading = undefined));
      }
      while (offline.held >= 2 * batchSize && offline.failed === undefined) await offline.progress();
      // A lost connection is waited out like a failed commit (the clients reconnect on their own).
      const batch = await retrying(() => transport.next(batchSize, pollMs), options);
      if (batch.length === 0) {
        // Caught up: refresh the lag now rather than up to a second later.
        if (committedSinceLag) lagAt = 0;
        committedSinceLag = false;
        continue;
      }
      committedSinceLag = true;
      const prepared = prepareEvents(ctx, view, batch);
      await retrying(() => writeOnline(ctx, view, prepared), options);
      offline.add(batch, prepared);
    }
  } finally {
    await offline.flush();
    await lagReading;
    await transport.close();
  }
  if (offline.failed !== undefined) throw offline.failed;
  return totals;
}

/** Runs `fn` until it succeeds, waiting 100 ms, 200 ms, … up to 5 s between tries; gives up (throws) once aborted. */
async function retrying<T>(fn: () => Promise<T>, options: IngestOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (options.signal?.aborted) throw error;
      options.onError?.(error as Error);
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** attempt)));
    }
  }
}

/** `nats stream S at URL` or `redis stream S at URL`, for errors. */
function describeTransport(view: FeatureView): string {
  const t = (view.source as StreamSource).transport;
  return t.type === 'nats' ? `nats stream ${t.stream} at ${t.servers}` : `redis stream ${t.stream} at ${t.url}`;
}
