import type { PredictionColumn } from '../lib/predictionColumns';
import type { SourcePosition } from '../sources/ChunkSource';

/** What identifies a job: a checkpoint is resumed only by the same job. */
export interface BatchJob {
  input: string;
  idColumn: string | null;
  model: string | null;
  columns: string[];
}

/** The last committed state of a job. */
export interface Checkpoint {
  job: BatchJob;
  /** Where the input continues; undefined before the first chunk. */
  position?: SourcePosition;
  rowsDone: number;
  chunksDone: number;
  complete: boolean;
}

/**
 * An output that commits a chunk of predictions and the checkpoint saying so as one atomic step,
 * so that after a crash the output holds exactly the rows the checkpoint counts.
 */
export interface ResultSink {
  readonly description: string;
  /** Starts a fresh job, or with `resume` continues the checkpointed one (refusing another job's). */
  begin(job: BatchJob, resume: boolean): Promise<Checkpoint>;
  commit(keys: readonly (string | number)[], columns: readonly PredictionColumn[], next: SourcePosition): Promise<Checkpoint>;
  /** Makes the output final (renames the file, marks the table's checkpoint complete). */
  finish(): Promise<void>;
  close(): Promise<void>;
}

/** The differences between a checkpoint's job and this one, as `field: was → now` lines. */
export function jobDifferences(was: BatchJob, now: BatchJob): string[] {
  const out: string[] = [];
  for (const key of Object.keys(now) as (keyof BatchJob)[]) {
    const a = JSON.stringify(was[key]);
    const b = JSON.stringify(now[key]);
    if (a !== b) out.push(`${key}: ${a} → ${b}`);
  }
  return out;
}
