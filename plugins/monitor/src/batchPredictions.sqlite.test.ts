/**
 * onnxruntime-node's outputs need the main realm's typed arrays (as in the serving package's tests).
 * @jest-environment ../../packages/onnx/ort-jest-environment.js
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHookBus, silentLogger, type LoadedModel, type ServedModelInfo } from '@mlops/core';
import { batchPredict } from '@mlops/serving';
import { expectedP1, features, loadLogistic, sampleCsv, signature } from '../../../packages/serving/src/batch/__fixtures__/logisticModel';
import { sqliteLogSubject, type LogSubject } from './__fixtures__/logSubjects';
import { feedbackMigrations, feedbackNamespace } from './feedback/feedbackMigrations';
import { FeedbackStore } from './feedback/FeedbackStore';
import { readLabelledWindow } from './performance/readLabelledWindow';
import type { LoggedCall } from './lib/decodeCall';
import { readPredictionLog } from './readPredictionLog';

// Batch inference (`batchPredict`, what `mlops predict` runs) announcing its chunks to the real
// prediction log on a SQLite store: every row logged once, with the model version, inputs and outputs.
const rows = 1000;
const chunkRows = 64;
const chunks = Math.ceil(rows / chunkRows);
const info: ServedModelInfo = { name: 'toy', version: 3, alias: 'stable', digest: 'sha256:toy', signature, loadedAt: 0 };

let dir: string;
let model: LoadedModel;
let subject: LogSubject;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlops-batch-log-'));
  model = await loadLogistic();
  await writeFile(join(dir, 'in.csv'), sampleCsv(rows));
});
beforeEach(async () => {
  subject = await sqliteLogSubject();
});
afterEach(() => subject.cleanup());
afterAll(async () => {
  await model.release();
  await rm(dir, { recursive: true, force: true });
});

/** The logged calls' requests, in order, and every logged row checked against the model's formula. */
function checkLogged(calls: LoggedCall[]): { id: string; rows: number }[] {
  const requests = calls.flatMap((c) => c.requests ?? []);
  for (const call of calls) {
    expect(call).toMatchObject({ model: 'toy', version: 3 });
    const probabilities = call.outputs.probabilities!.data as Float32Array;
    const labels = call.outputs.label!.data as BigInt64Array;
    for (let r = 0; r < call.rows; r++) {
      const p = expectedP1(features.map((f) => (call.inputs[f]!.data as Float32Array)[r]!));
      if (Number.isNaN(p)) expect(Number.isNaN(probabilities[2 * r + 1]!)).toBe(true);
      else {
        expect(probabilities[2 * r + 1]).toBeCloseTo(p, 5);
        expect(labels[r]).toBe(p > 0.5 ? 1n : 0n);
      }
    }
  }
  return requests.map(({ id, rows: n }) => ({ id, rows: n }));
}

// One request per chunk, named by its first row in the input.
const expectedRequests = (jobId: string) => Array.from({ length: chunks }, (_, i) => ({ id: `batch:${jobId}:${i * chunkRows}`, rows: Math.min(chunkRows, rows - i * chunkRows) }));

describe('batch inference into the prediction log (SQLite)', () => {
  it('logs every row once, chunk by chunk, with the model version, inputs, outputs and inference time', async () => {
    const { log, hooks } = await subject.open();
    const out = join(dir, 'all.jsonl');
    const summary = await batchPredict({ model, signature, input: { kind: 'csv', path: join(dir, 'in.csv') }, output: { kind: 'jsonl', path: out }, chunkRows, log: { hooks, model: info, jobId: 'job1' } });
    expect(summary).toMatchObject({ rows, complete: true, chunks });
    await log.close();
    expect(log.stats()).toMatchObject({ written: rows, dropped: 0 });
    const calls = await readPredictionLog(subject.sql, { model: 'toy', version: 3 });
    expect(calls.reduce((n, c) => n + c.rows, 0)).toBe(rows);
    expect(checkLogged(calls)).toEqual(expectedRequests('job1'));
    // Latency of a batch row is its chunk's inference time; the output file holds the same predictions.
    for (const c of calls) for (const r of c.requests!) expect(r.latencyMs).toBeGreaterThan(0);
    const written = (await readFile(out, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as { probability_malignant: number | null });
    const logged = calls.flatMap((c) => Array.from({ length: c.rows }, (_, r) => (c.outputs.probabilities!.data as Float32Array)[2 * r + 1]!));
    written.forEach((w, i) => (w.probability_malignant === null ? expect(Number.isNaN(logged[i]!)).toBe(true) : expect(logged[i]).toBeCloseTo(w.probability_malignant, 6)));
  });

  it('a stopped and resumed job logs each chunk exactly once, under one derived job id', async () => {
    const { log, hooks } = await subject.open();
    const out = join(dir, 'resumed.csv');
    const stop = new AbortController();
    const job = { model, signature, input: { kind: 'csv', path: join(dir, 'in.csv') }, output: { kind: 'csv', path: out }, chunkRows, log: { hooks, model: info } } as const;
    const first = await batchPredict({ ...job, signal: stop.signal, onProgress: (p) => p.chunksDone === 5 && stop.abort() });
    expect(first.complete).toBe(false);
    const second = await batchPredict({ ...job, resume: true });
    expect(second).toMatchObject({ complete: true, rows, resumedAt: first.rows });
    await log.close();
    const requests = checkLogged(await readPredictionLog(subject.sql, { model: 'toy' }));
    const jobId = /^batch:([0-9a-f]{12}):0$/.exec(requests[0]!.id)?.[1];
    expect(jobId).toMatch(/^[0-9a-f]{12}$/);
    expect(requests).toEqual(expectedRequests(jobId!));
  });

  it('waits for the database instead of dropping a chunk when the buffer is full', async () => {
    // Room for one chunk only and no timer flush: without waiting, every second chunk would be dropped.
    const { log, hooks } = await subject.open({ batchRows: 100, maxBufferedRows: 100, flushIntervalMs: 3_600_000, settleMs: 3_600_000 });
    await batchPredict({ model, signature, input: { kind: 'csv', path: join(dir, 'in.csv') }, output: { kind: 'csv', path: join(dir, 'full.csv') }, chunkRows, log: { hooks, model: info, jobId: 'full' } });
    await log.close();
    expect(log.stats()).toMatchObject({ written: rows, dropped: 0 });
    expect(checkLogged(await readPredictionLog(subject.sql))).toEqual(expectedRequests('full'));
  });

  it("joins ground truth given against the job (batch:<jobId>, row = input position) to the rows it names, across a resume", async () => {
    const { log, hooks } = await subject.open();
    const out = join(dir, 'labelled.jsonl');
    const stop = new AbortController();
    const job = { model, signature, input: { kind: 'csv', path: join(dir, 'in.csv') }, output: { kind: 'jsonl', path: out }, chunkRows, log: { hooks, model: info, jobId: 'lab' } } as const;
    const first = await batchPredict({ ...job, signal: stop.signal, onProgress: (p) => p.chunksDone === 5 && stop.abort() });
    const second = await batchPredict({ ...job, resume: true });
    expect([first.labelRequestId, second.labelRequestId, second.complete]).toEqual(['batch:lab', 'batch:lab', true]);
    await log.close();
    // Truth for two rows in three: the predicted class for r % 3 = 0, the other one for r % 3 = 1.
    const written = (await readFile(out, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as { row: number; label: string | null });
    const other = (c: string) => (c === 'benign' ? 'malignant' : 'benign');
    const truth = written.filter((w) => w.label !== null && w.row % 3 !== 2).map((w) => ({ requestId: 'batch:lab', row: w.row, label: w.row % 3 === 0 ? w.label! : other(w.label!) }));
    await subject.store.database.migrate(feedbackNamespace, feedbackMigrations);
    const feedback = new FeedbackStore(subject.sql);
    await feedback.record(truth);
    const window = await readLabelledWindow(subject.sql, feedback, { model: 'toy', version: 3 }, signature);
    expect(window.rows).toBe(rows);
    // Every label joined its own row (the window holds the job's rows in input order).
    expect([...window.labelledRows]).toEqual(truth.map((t) => t.row));
    window.labelledRows.forEach((_r, i) => expect(signature.classes![window.labels[i]!]).toBe(truth[i]!.label));
    window.labelledRows.forEach((r, i) => expect(window.predicted[r] === window.labels[i]).toBe(r % 3 === 0));
    expect(window.unmatchedLabels).toBe(0);
  });

  it('without a subscriber (no monitor configured) writes exactly the same output', async () => {
    const hooks = createHookBus(silentLogger);
    const input = { kind: 'csv', path: join(dir, 'in.csv') } as const;
    await batchPredict({ model, signature, input, output: { kind: 'csv', path: join(dir, 'plain.csv') }, chunkRows });
    await batchPredict({ model, signature, input, output: { kind: 'csv', path: join(dir, 'hooked.csv') }, chunkRows, log: { hooks, model: info } });
    expect(await readFile(join(dir, 'hooked.csv'), 'utf8')).toBe(await readFile(join(dir, 'plain.csv'), 'utf8'));
  });
});
