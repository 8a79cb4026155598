import type { HookBus, LoadedModel, ModelSignature, ServedModelInfo } from '@mlops/core';

/** Where the rows to score come from. */
export type BatchInput =
  | { kind: 'csv'; path: string }
  | { kind: 'parquet'; path: string }
  /** `url`: `sqlite:path/to.db` or `postgres://…`; `query`: any SELECT (ORDER BY it if it has no id column). */
  | { kind: 'sql'; url: string; query: string };

/** Where the predictions go. */
export type BatchOutput =
  | { kind: 'csv'; path: string }
  | { kind: 'jsonl'; path: string }
  /** Written as JSON Lines while running (resumable), converted to Parquet at the end. */
  | { kind: 'parquet'; path: string }
  /** `table`: `name` or `schema.name`, created by the first run. */
  | { kind: 'sql'; url: string; table: string };

/** Progress after each committed chunk. */
export interface BatchProgress {
  /** Rows written so far, including those of the run being resumed. */
  rowsDone: number;
  chunksDone: number;
  /** Rows in the input when the source can tell (Parquet, SQL); undefined for CSV. */
  totalRows?: number;
  /** Input bytes consumed and the file size (CSV), for a progress bar when rows are unknown. */
  bytesDone?: number;
  totalBytes?: number;
}

/** What `batchPredict` takes. */
export interface BatchPredictOptions {
  model: LoadedModel;
  signature: ModelSignature;
  input: BatchInput;
  output: BatchOutput;
  /** Input column copied to each output row as its key; default: the 0-based row number (`row`). */
  idColumn?: string;
  /** Rows per inference call and per committed chunk (default 10 000). */
  chunkRows?: number;
  /** Continue an interrupted run from its checkpoint; without it a leftover checkpoint is an error. */
  resume?: boolean;
  /** Names the model (e.g. `churn:3` or its digest): a resume with another model is refused. */
  modelId?: string;
  onProgress?: (progress: BatchProgress) => void;
  /** Aborting stops after the chunk in flight is committed; the run can be resumed. */
  signal?: AbortSignal;
  /** Announce each committed chunk as `predictionsServed` (for the monitor's prediction log). */
  log?: BatchPredictionLog;
}

/**
 * Where and as what the chunks are announced: `hooks` (the runtime's; nothing is built when nobody
 * subscribed), the model as the log names it, and the job id of the request ids
 * `batch:<jobId>:<firstRow>` (letters, digits, `.`, `_`, `-`; default: derived from the input, the
 * output and the model, the same when the job is resumed).
 */
export interface BatchPredictionLog {
  hooks: HookBus;
  model: ServedModelInfo;
  jobId?: string;
}

/** What `batchPredict` returns. */
export interface BatchSummary {
  /** Rows in the output now (this run and the ones it resumed). */
  rows: number;
  /** Rows this call scored. */
  rowsThisRun: number;
  chunks: number;
  /** Rows already committed when this call started (0 for a fresh run). */
  resumedAt: number;
  /** Output columns in order: the key, then the predictions. */
  columns: string[];
  complete: boolean;
  durationMs: number;
  /**
   * When the chunks were logged (a monitor subscribed): the request id that ground truth for this
   * job's rows uses, `batch:<jobId>`, each label's `row` being the row's position in the input.
   */
  labelRequestId?: string;
}
