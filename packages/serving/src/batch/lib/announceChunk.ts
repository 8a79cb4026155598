import { createHash } from 'node:crypto';
import { batchRequestId, type HookBus, type ServedModelInfo, type TensorValue } from '@mlops/core';
import type { BatchPredictionLog } from '../BatchTypes';

/** One scored chunk, as the prediction log wants it: the feeds the model got and what it returned. */
export interface ScoredChunk {
  /** The chunk's first row: its position in the job's input (0-based). */
  firstRow: number;
  rows: number;
  inputs: Record<string, TensorValue>;
  outputs: Record<string, TensorValue>;
  servedAt: number;
  inferenceMs: number;
}

/**
 * The job id of the request ids `batch:<jobId>:<firstRow>`: the caller's, or one derived from the
 * input, the output and the model, so a resumed job keeps its id.
 */
export function batchJobId(log: BatchPredictionLog, input: string, output: string): string {
  return log.jobId ?? createHash('sha256').update(JSON.stringify([input, output, log.model.name, log.model.version, log.model.digest])).digest('hex').slice(0, 12);
}

/**
 * Tells the `predictionsServed` subscribers (the monitor's prediction log) about a committed chunk.
 * Emitted and awaited, not announced: the bounded announce queue of the server would drop a chunk
 * bigger than its free room, and batch inference can wait for a subscriber where a request cannot.
 * A failing subscriber is counted and logged by the hook bus, never fails the job.
 */
export async function announceChunk(hooks: HookBus, model: ServedModelInfo, jobId: string, chunk: ScoredChunk): Promise<void> {
  if (!hooks.has('predictionsServed')) return;
  await hooks.emit('predictionsServed', {
    model,
    rows: chunk.rows,
    inputs: chunk.inputs,
    outputs: chunk.outputs,
    servedAt: chunk.servedAt,
    requests: [{ id: batchRequestId(jobId, chunk.firstRow), rows: chunk.rows, latencyMs: chunk.inferenceMs }],
    inferenceMs: chunk.inferenceMs,
    source: 'batch',
  });
}
