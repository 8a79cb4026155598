import { batchJobRequestId } from '@mlops/core';
import type { BatchPredictOptions, BatchSummary } from './BatchTypes';
import { BatchInputError } from './errors';
import { announceChunk, batchJobId } from './lib/announceChunk';
import { chunkFeeds } from './lib/chunkFeeds';
import { predictionColumnNames, predictionColumns } from './lib/predictionColumns';
import { feedSpecs } from '../feeds/FeedSpec';
import { outputLayout } from '../toPredictions';
import { openSink } from './sinks/openSink';
import type { BatchJob } from './sinks/ResultSink';
import { openSource } from './sources/openSource';

/** Default rows per chunk: big enough to amortise a call into the runtime, small enough to bound memory. */
export const defaultChunkRows = 10_000;

/**
 * Scores a CSV, Parquet or SQL input with a loaded model, chunk by chunk, into a CSV/JSONL/Parquet file or an
 * SQL table. Each chunk's predictions are committed together with a checkpoint, so a run killed at any
 * point is continued by `resume: true` with no row missing or written twice. Memory holds one chunk.
 */
export async function batchPredict(options: BatchPredictOptions): Promise<BatchSummary> {
  const started = Date.now();
  const chunkRows = options.chunkRows ?? defaultChunkRows;
  if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new BatchInputError(`chunkRows: expected a positive whole number, found ${chunkRows}`);
  const { model, signature } = options;
  const keyName = options.idColumn ?? 'row';
  const layout = outputLayout(signature);
  const specs = feedSpecs(signature, model.inputs);
  const names = predictionColumnNames(layout);
  if (options.log?.jobId !== undefined && !/^[A-Za-z0-9._-]{1,128}$/.test(options.log.jobId)) throw new BatchInputError(`log.jobId: expected 1 to 128 letters, digits, ".", "_" or "-", found ${JSON.stringify(options.log.jobId)}`);
  if (names.includes(keyName)) throw new BatchInputError(`idColumn "${keyName}": expected a name other than the prediction columns (${names.join(', ')})`);

  const source = await openSource(options.input, options.idColumn);
  const sink = openSink(options.output, keyName);
  try {
    const job: BatchJob = { input: source.description, idColumn: options.idColumn ?? null, model: options.modelId ?? null, columns: names };
    let state = await sink.begin(job, options.resume ?? false);
    const log = options.log?.hooks.has('predictionsServed') ? options.log : undefined;
    const jobId = log ? batchJobId(log, source.description, sink.description) : '';
    const labelRequestId = log ? batchJobRequestId(jobId) : undefined;
    const resumedAt = state.rowsDone;
    const progress = () => options.onProgress?.({ rowsDone: state.rowsDone, chunksDone: state.chunksDone, totalRows: source.totalRows, bytesDone: state.position?.offset, totalBytes: source.totalBytes });
    if (!state.complete) {
      progress();
      const numeric = new Set(specs.filter((s) => s.kind !== 'string').map((s) => s.name));
      // A chunk's commit (write + fsync + checkpoint) overlaps reading and scoring the next one;
      // commits stay one at a time and in order, so a crash still leaves whole chunks only.
      let committing: Promise<void> | undefined;
      try {
        for await (const chunk of source.chunks(state.position, chunkRows, numeric)) {
          const feeds = chunkFeeds(chunk, specs, source.description, source.columns);
          const t0 = performance.now();
          const results = await model.run(feeds);
          const inferenceMs = performance.now() - t0;
          const servedAt = Date.now();
          const columns = predictionColumns(results, layout, chunk.rowCount);
          await committing;
          if (options.signal?.aborted) break;
          // Named by its first row in the job's input (rows already done), so a resumed job continues
          // the names and a label for the job's row r finds its chunk (see announceChunk).
          const firstRow = state.rowsDone;
          committing = sink.commit(chunk.keys, columns, chunk.next).then(async (next) => {
            state = next;
            progress();
            // Only committed chunks are logged: a resume starts after them, so none is logged twice.
            if (log) await announceChunk(log.hooks, log.model, jobId, { firstRow, rows: chunk.rowCount, inputs: feeds, outputs: results, servedAt, inferenceMs });
          });
          // Awaited above or below; this only keeps a failure from counting as unhandled meanwhile.
          committing.catch(() => undefined);
        }
      } catch (error) {
        // A later chunk failed: the one already scored still commits, so a resume loses nothing.
        await committing?.catch(() => undefined);
        throw error;
      }
      await committing;
      if (options.signal?.aborted) {
        return { rows: state.rowsDone, rowsThisRun: state.rowsDone - resumedAt, chunks: state.chunksDone, resumedAt, columns: [keyName, ...names], complete: false, durationMs: Date.now() - started, ...(labelRequestId ? { labelRequestId } : {}) };
      }
    }
    await sink.finish();
    return { rows: state.rowsDone, rowsThisRun: state.rowsDone - resumedAt, chunks: state.chunksDone, resumedAt, columns: [keyName, ...names], complete: true, durationMs: Date.now() - started, ...(labelRequestId ? { labelRequestId } : {}) };
  } finally {
    await Promise.allSettled([source.close(), sink.close()]);
  }
}
