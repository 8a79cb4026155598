import { MlopsError } from '../errors/MlopsError';
import { storableText, textProblem } from '../util/textProblem';

/**
 * Ground truth for served predictions, as the server's `POST /feedback` and `mlops feedback import`
 * hand it to whatever monitor is configured. The server and the CLI reach it through
 * `tokens.monitor` narrowed with {@link isFeedbackSink}, so neither depends on a monitor plugin.
 */

/** One label: the request it is about (the `x-request-id` the server answered with) and, for a multi-row request, the row. */
export interface FeedbackLabel {
  requestId: string;
  /** 0-based row of the request (`rows[i]` / `entities[i]`); 0 for a single-row request. */
  row: number;
  /** A class name (classifiers) or a finite number (regressors). */
  label: string | number;
}

/** What storing a batch of labels did; keys are (requestId, row). */
export interface FeedbackReceipt {
  /** Labels in the batch. */
  received: number;
  /** Keys seen for the first time. */
  inserted: number;
  /** Keys that already had a different label (the newer one wins). */
  updated: number;
  /** Keys that already had this very label (a retried POST changes nothing). */
  unchanged: number;
}

/** A service that stores labels and joins them to the predictions it logged, whenever they arrive. */
export interface FeedbackSink {
  recordFeedback(labels: readonly FeedbackLabel[]): Promise<FeedbackReceipt>;
}

/** Whether a resolved service (usually `tokens.monitor`'s) takes feedback. */
export function isFeedbackSink(service: unknown): service is FeedbackSink {
  return typeof service === 'object' && service !== null && typeof (service as Partial<FeedbackSink>).recordFeedback === 'function';
}

/** Limits every feedback entry point applies (server and CLI), so a label accepted by one is accepted by the other. */
export const feedbackLimits = {
  /** Same bound as the server's `x-request-id`. */
  requestIdChars: 128,
  labelChars: 256,
  /**
   * Largest row index: a batch job's labels name rows by their position in its input, so this is
   * the largest row a Postgres `integer` column holds (the server's `maxRows` is far below it).
   */
  maxRow: 2_147_483_647,
  /** Labels per POST. */
  batchLabels: 10_000,
} as const;

/** Why a feedback entry was refused: the server maps these to 400 `invalid_body` and 422 `wrong_type` / `invalid_value` / `unknown_field`. */
export type FeedbackProblem = 'missing' | 'wrong_type' | 'invalid_value' | 'unknown_field';

/** A feedback entry that is not a label: names the field path, what was expected and what was found. */
export class FeedbackLabelError extends MlopsError<'E_FEEDBACK_LABEL'> {
  constructor(
    readonly problem: FeedbackProblem,
    path: string,
    expected: string,
    received: string,
  ) {
    super('E_FEEDBACK_LABEL', `${path}: expected ${expected}, found ${received}`, { path, expected, received, badInput: true });
  }
}

/**
 * Checks one entry `{ requestId, label, row? }` (as parsed JSON or a CSV line) and returns it typed;
 * `at` prefixes the field paths (`labels[3]`, `labels.csv:4`). Strings with a lone UTF-16 surrogate
 * are refused: they have no UTF-8 encoding, so they could never match a logged request id.
 */
export function checkFeedbackLabel(entry: unknown, at: string, fields: ReadonlySet<string> = entryFields): FeedbackLabel {
  const name = (f: string) => (at ? `${at}.${f}` : f);
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new FeedbackLabelError('wrong_type', at || 'body', 'an object { requestId, label, row? }', describe(entry));
  const e = entry as Record<string, unknown>;
  for (const key of Object.keys(e)) if (!fields.has(key)) throw new FeedbackLabelError('unknown_field', name(key), `only ${[...fields].join(', ')}`, 'an unknown field');
  const requestId = e.requestId;
  if (requestId === undefined) throw new FeedbackLabelError('missing', name('requestId'), 'the request id the server answered with (x-request-id)', 'nothing');
  if (typeof requestId !== 'string') throw new FeedbackLabelError('wrong_type', name('requestId'), 'a string', describe(requestId));
  checkText(requestId, name('requestId'), feedbackLimits.requestIdChars);
  const label = e.label;
  if (label === undefined || label === null) throw new FeedbackLabelError('missing', name('label'), 'a class name or a number', label === null ? 'null' : 'nothing');
  if (typeof label === 'number') {
    if (!Number.isFinite(label)) throw new FeedbackLabelError('invalid_value', name('label'), 'a finite number', String(label));
  } else if (typeof label === 'string') checkText(label, name('label'), feedbackLimits.labelChars);
  else throw new FeedbackLabelError('wrong_type', name('label'), 'a class name (string) or a number', describe(label));
  const row = e.row ?? 0;
  if (typeof row !== 'number') throw new FeedbackLabelError('wrong_type', name('row'), 'a row index (integer ≥ 0)', describe(row));
  if (!Number.isInteger(row) || row < 0 || row > feedbackLimits.maxRow) throw new FeedbackLabelError('invalid_value', name('row'), `an integer from 0 to ${feedbackLimits.maxRow}`, String(row));
  return { requestId, row, label };
}

const entryFields: ReadonlySet<string> = new Set(['requestId', 'label', 'row']);

function checkText(s: string, path: string, max: number): void {
  if (s.length === 0) throw new FeedbackLabelError('invalid_value', path, 'a non-empty string', '""');
  if (s.length > max) throw new FeedbackLabelError('invalid_value', path, `at most ${max} characters`, `${s.length}`);
  const problem = textProblem(s);
  if (problem) throw new FeedbackLabelError('invalid_value', path, storableText, problem);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
