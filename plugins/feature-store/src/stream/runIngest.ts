import type { IngestOptions, IngestProgress } from '@mlops/core';
import type { FeatureView, StreamSource } from '../definitions/types';
import { StreamConnectionError } from '../errors';
import { commitEvents, type CommitContext } from './commitEvents';
import type { StreamMessage, StreamTransport } from './StreamTransport';

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
 * The long-lived consumer of one view: take a micro-batch, commit it (online, then offline), send
 * refused events to the dead-letter stream, and only then acknowledge the batch. At most
 * `batchSize` messages are held; the next batch is read only after this one is acknowledged, so a
 * slow store slows reading instead of filling memory. A failed commit is retried with backoff and
 * nothing is acknowledged until it succeeds. On abort the batch in hand finishes, then the
 * transport closes (unprocessed buffered messages go back to the stream).
 */
export async function runIngest(ctx: CommitContext, view: FeatureView, transport: StreamTransport, options: IngestOptions = {}): Promise<IngestProgress> {
  const batchSize = options.batchSize ?? defaultBatchSize;
  const totals: IngestProgress = { view: view.name, received: 0, written: 0, deadLettered: 0 };
  const lagGauge = ctx.metrics.lag.labels({ view: view.name });
  let lagAt = 0;
  let committedSinceLag = false;
  try {
    await transport.open();
  } catch (error) {
    throw new StreamConnectionError(view.name, describeTransport(view), error);
  }
  try {
    while (!options.signal?.aborted) {
      if (Date.now() - lagAt >= lagEveryMs) {
        lagAt = Date.now();
        // The gauge is a view on the stream, not part of the work: a failed read leaves it as it was.
        await transport.lag().then((lag) => lagGauge.set(lag), (error: Error) => options.onError?.(error));
      }
      // A lost connection is waited out like a failed commit (the clients reconnect on their own).
      const batch = await retrying(() => transport.next(batchSize, pollMs), options);
      if (batch.length === 0) {
        // Caught up: refresh the lag now rather than up to a second later.
        if (committedSinceLag) lagAt = 0;
        committedSinceLag = false;
        continue;
      }
      committedSinceLag = true;
      const outcome = await retrying(() => commitBatch(ctx, view, transport, batch), options);
      await retrying(() => transport.ack(batch), options);
      totals.received += batch.length;
      totals.written += outcome.written;
      totals.deadLettered += outcome.refused;
      options.onBatch?.({ ...totals });
    }
  } finally {
    await transport.close();
  }
  return totals;
}

async function commitBatch(ctx: CommitContext, view: FeatureView, transport: StreamTransport, batch: StreamMessage[]): Promise<{ written: number; refused: number }> {
  const outcome = await commitEvents(ctx, view, batch);
  for (const r of outcome.refused) await transport.deadLetter(batch[r.index]!, `${r.problem.code}: ${r.problem.reason}`, view.name);
  return { written: outcome.written, refused: outcome.refused.length };
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
