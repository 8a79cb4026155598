import { batchChunkOf, feedbackLimits, type ModelSignature, type TensorValue } from '@mlops/core';
import type { SqlStoreHandle } from '@mlops/sql-metadata';
import type { LoggedCall } from '../lib/decodeCall';
import { readPredictionLog } from '../readPredictionLog';
import { labelKey, type FeedbackStore, type RowRange } from '../feedback/FeedbackStore';
import { inputError, logError } from './PerformanceError';

/** Which logged predictions: one model (and version), served in [since, until) (epoch ms). */
export interface WindowQuery {
  model: string;
  version?: number;
  since?: number;
  until?: number;
}

/** A window's predictions as columns, with the labels that joined (delayed or not). */
export interface LabelledWindow {
  task: ModelSignature['task'];
  classes: string[];
  rows: number;
  /** Classifiers: row-major rows × classes; regressors: empty. */
  proba: Float64Array;
  /** Predicted class index (classifiers) or value (regressors), per row. */
  predicted: Float64Array;
  /** Indexes of the rows that have a label, and their labels (class index, or value). */
  labelledRows: Int32Array;
  labels: Float64Array;
  /** Labels of this window's requests that matched no logged row (a row index beyond the request's rows). */
  unmatchedLabels: number;
  /** Labels that are not a class of the model (classifiers) or not a finite number (regressors), and one example. */
  invalidLabels: number;
  invalidExample: string | null;
  /** Served time of the first and last logged row (null when the window is empty). */
  servedFrom: number | null;
  servedUntil: number | null;
}

/**
 * Reads the window from the prediction log and joins the labels stored for its request ids (at read
 * time, so a label that arrived before its prediction was flushed, or days later, joins the same way).
 * Rows of batch inference also join labels given against their job (`batch:<jobId>`, row = position
 * in the job's input). Calls logged without request ids can never be labelled.
 */
export async function readLabelledWindow(sql: SqlStoreHandle, feedback: FeedbackStore, query: WindowQuery, signature: Pick<ModelSignature, 'task' | 'classes'>): Promise<LabelledWindow> {
  const calls = await readPredictionLog(sql, { ...query, limit: Number.MAX_SAFE_INTEGER });
  const classes = signature.task === 'regression' ? [] : [...(signature.classes ?? [])];
  const k = classes.length;
  if (signature.task !== 'regression' && k < 2) throw inputError(`a ${signature.task} signature needs its classes (at least 2), received ${JSON.stringify(signature.classes ?? null)}`);
  const rows = calls.reduce((s, c) => s + c.rows, 0);
  const proba = new Float64Array(signature.task === 'regression' ? 0 : rows * k);
  const predicted = new Float64Array(rows);
  let at = 0;
  for (const call of calls) {
    if (signature.task === 'regression') copyValues(call, predicted, at);
    else copyClassifier(call, classes, proba, predicted, at);
    at += call.rows;
  }
  const requestIds = calls.flatMap((c) => (c.requests ?? []).map((r) => r.id));
  // A batch chunk's rows also take labels given against their whole job (`batch:<jobId>`, row = the
  // row's position in the job's input): see core's batchRequests.
  // Only the rows of each job that the window holds are read (a window may hold a few chunks of a job
  // of millions of rows).
  const jobs = jobRowRanges(calls);
  const labels = await feedback.labelsOf(requestIds);
  const jobLabels = jobs.length ? await feedback.labelsInRows(jobs) : new Map<string, string>();
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const labelledRows: number[] = [];
  const values: number[] = [];
  let matched = 0;
  let invalidLabels = 0;
  let invalidExample: string | null = null;
  at = 0;
  for (const call of calls) {
    let row = at;
    for (const r of call.requests ?? []) {
      const chunk = jobs.length ? batchChunkOf(r.id) : undefined;
      for (let j = 0; j < r.rows; j++, row++) {
        let text = labels.get(labelKey(r.id, j));
        if (text === undefined) {
          if (!chunk) continue;
          text = jobLabels.get(labelKey(chunk.job, chunk.firstRow + j));
          if (text === undefined) continue;
        } else matched++;
        const value = signature.task === 'regression' ? Number(text) : classIndex.get(text);
        if (value === undefined || !Number.isFinite(value) || text.trim() === '') {
          invalidLabels++;
          invalidExample ??= text;
          continue;
        }
        labelledRows.push(row);
        values.push(value);
      }
    }
    at += call.rows;
  }
  return {
    task: signature.task,
    classes,
    rows,
    proba,
    predicted,
    labelledRows: Int32Array.from(labelledRows),
    labels: Float64Array.from(values),
    // A request id logged twice (client-chosen ids) matches its label twice: never counted below 0.
    // Labels of a whole batch job are not counted here: the window may hold only some of its chunks.
    unmatchedLabels: Math.max(0, labels.size - matched),
    invalidLabels,
    invalidExample,
    servedFrom: calls.length ? calls[0]!.servedAt : null,
    servedUntil: calls.length ? calls[calls.length - 1]!.servedUntil : null,
  };
}

/** Per batch job in the window, the range of its input rows that the window's chunks cover. */
function jobRowRanges(calls: readonly LoggedCall[]): RowRange[] {
  const byJob = new Map<string, RowRange>();
  for (const call of calls) {
    for (const r of call.requests ?? []) {
      const chunk = batchChunkOf(r.id);
      // A client may choose a request id that looks like a chunk's: a row no label can name (past
      // feedbackLimits.maxRow, which also bounds the database column) is never looked up.
      if (!chunk || r.rows === 0 || chunk.firstRow > feedbackLimits.maxRow) continue;
      const last = Math.min(chunk.firstRow + r.rows - 1, feedbackLimits.maxRow);
      const range = byJob.get(chunk.job);
      if (!range) byJob.set(chunk.job, { requestId: chunk.job, from: chunk.firstRow, to: last });
      else {
        range.from = Math.min(range.from, chunk.firstRow);
        range.to = Math.max(range.to, last);
      }
    }
  }
  return [...byJob.values()];
}

function numeric(t: TensorValue | undefined): Exclude<TensorValue['data'], string[]> | undefined {
  return t && !Array.isArray(t.data) ? (t.data as Exclude<TensorValue['data'], string[]>) : undefined;
}

/** A classifier's logged outputs: `probabilities` (rows × k), and `label` (index or class name) if the graph has one, else the argmax. */
function copyClassifier(call: LoggedCall, classes: readonly string[], proba: Float64Array, predicted: Float64Array, at: number): void {
  const k = classes.length;
  const p = numeric(call.outputs.probabilities) ?? numeric(Object.values(call.outputs).find((o) => !Array.isArray(o.data) && o.data.length === call.rows * k));
  if (!p || p.length !== call.rows * k) throw logError(`logged call ${call.id} of ${call.model} has no probabilities output with ${k} columns (outputs: ${Object.keys(call.outputs).join(', ')})`);
  for (let i = 0; i < call.rows * k; i++) proba[at * k + i] = Number(p[i]);
  const label = call.outputs.label?.data;
  const fromGraph = label && label.length === call.rows ? label : undefined;
  for (let i = 0; i < call.rows; i++) {
    // The graph's own label when it has one (as the server answered), else the argmax.
    let best = fromGraph ? (Array.isArray(fromGraph) ? classes.indexOf(fromGraph[i]!) : Number(fromGraph[i])) : -1;
    if (!(Number.isInteger(best) && best >= 0 && best < k)) {
      best = 0;
      for (let c = 1; c < k; c++) if (proba[(at + i) * k + c]! > proba[(at + i) * k + best]!) best = c;
    }
    predicted[at + i] = best;
  }
}

const valueOutputs = ['variable', 'value', 'prediction', 'predictions'];

function copyValues(call: LoggedCall, predicted: Float64Array, at: number): void {
  const name = valueOutputs.find((n) => n in call.outputs) ?? Object.keys(call.outputs)[0];
  const v = numeric(name === undefined ? undefined : call.outputs[name]);
  if (!v || v.length !== call.rows) throw logError(`logged call ${call.id} of ${call.model} has no value output with one column (outputs: ${Object.keys(call.outputs).join(', ')})`);
  for (let i = 0; i < call.rows; i++) predicted[at + i] = Number(v[i]);
}
