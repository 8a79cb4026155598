#!/usr/bin/env node
// Window performance: CBPE (fit on reference, estimate a window) and realized metrics against the
// same computation in scikit-learn / numpy (IsotonicRegression, roc_auc_score with sample weights,
// accuracy_score, f1_score, brier_score_loss), on the same float64 arrays, in the same run; then
// windowPerformance end to end on SQLite (prediction log + feedback join + metrics + CBPE) against
// reading the same window with readPredictionLog alone (the raw read it cannot avoid).
//   npx tsc -b plugins/monitor
//   node tools/bench/monitor/bench-performance.mjs [--rows 200000] [--reference 50000] [--runs 5] [--log-rows 100000]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuilt, machine, median, numberOption, python, secondsSince } from '../lib/common.mjs';

const rows = numberOption('rows', 200_000);
const referenceRows = numberOption('reference', 50_000);
const runs = numberOption('runs', 5);
const logRows = numberOption('log-rows', 100_000);
const m = loadBuilt('plugins/monitor');
const { mulberry32 } = loadBuilt('packages/eval');
const core = loadBuilt('packages/core');
const { openSqlMetadataStore, sqlHandleOf } = loadBuilt('packages/sql-metadata');

/** Overconfident softmax probabilities, labels drawn from a softer softmax (the tests' world). */
function world(n, k, seed) {
  const r = mulberry32(seed);
  const proba = new Float64Array(n * k);
  const predicted = new Float64Array(n);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = Array.from({ length: k }, () => r() * 2);
    const soft = (t) => {
      const e = s.map((v) => Math.exp(v / t));
      const z = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / z);
    };
    const p = soft(0.5);
    p.forEach((v, c) => (proba[i * k + c] = v));
    predicted[i] = p.indexOf(Math.max(...p));
    const t = soft(1);
    let u = r();
    let y = 0;
    while (y < k - 1 && u >= t[y]) u -= t[y++];
    labels[i] = y;
  }
  return { proba, predicted, labels };
}

function timed(fn) {
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    times.push(secondsSince(t0));
  }
  return [median(times), result];
}

const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-perf-'));
const out = { machine: machine(), load: loadavg()[0], rows, referenceRows, runs, inMemory: [], sqlite: null };
try {
  for (const k of [2, 3]) {
    const ref = world(referenceRows, k, 1);
    const win = world(rows, k, 2);
    for (const [name, a] of Object.entries({ refProba: ref.proba, refLabels: ref.labels, proba: win.proba, predicted: win.predicted, labels: win.labels })) writeFileSync(join(dir, `${name}.f64`), new Uint8Array(a.buffer));
    const classes = Array.from({ length: k }, (_, c) => `c${c}`);
    const refLabels = Int32Array.from(ref.labels);
    const predicted = Int32Array.from(win.predicted);
    const labels = Int32Array.from(win.labels);
    const [fitS, calibration] = timed(() => m.fitCbpe(ref.proba, refLabels, classes));
    const [estS, est] = timed(() => m.expectedMetrics(m.calibrate(calibration, win.proba), win.proba, predicted, k));
    const [realS, real] = timed(() => m.classificationMetrics(labels, predicted, win.proba, k));
    const peer = JSON.parse(execFileSync(python, [join(import.meta.dirname, 'peer_performance.py'), dir, String(k), String(runs)], { encoding: 'utf8' }));
    const row = { k, ours: { fitWithCrossFit: fitS, estimate: estS, realized: realS }, sklearn: { fit: peer.fit, estimate: peer.estimate, realized: peer.realized }, ratios: { fit: fitS / peer.fit, estimate: estS / peer.estimate, realized: realS / peer.realized }, agree: { estimate: [est.accuracy - peer.estimateValues[0], est.f1 - peer.estimateValues[1], est.rocAuc - peer.estimateValues[2]].map(Math.abs), realized: [real.accuracy - peer.realizedValues[0], real.f1 - peer.realizedValues[1], real.rocAuc - peer.realizedValues[2], real.brier - peer.realizedValues[3]].map(Math.abs) } };
    out.inMemory.push(row);
    console.error(`k=${k}: fit ${fitS.toFixed(3)} s (with 2-fold cross-fit) vs ${peer.fit.toFixed(3)} s; estimate ${estS.toFixed(3)} vs ${peer.estimate.toFixed(3)} s; realized ${realS.toFixed(3)} vs ${peer.realized.toFixed(3)} s`);
  }
  out.sqlite = await endToEnd();
  console.log(JSON.stringify(out, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** `logRows` predictions in the log (calls of 100 single-row requests), every one labelled; windowPerformance vs readPredictionLog. */
async function endToEnd() {
  const store = openSqlMetadataStore({ kind: 'sqlite', path: join(dir, 'metadata.sqlite') });
  await store.start();
  try {
    await store.database.migrate('monitor', m.monitorMigrations);
    await store.database.migrate(m.feedbackNamespace, m.feedbackMigrations);
    const sql = sqlHandleOf(store.database, 'bench');
    const hooks = core.createHookBus(core.silentLogger);
    const log = new m.PredictionLog(m.monitorOptions.parse({}), { sql, hooks, logger: core.silentLogger, migrate: async () => [] });
    await log.start();
    const w = world(logRows, 2, 3);
    const feedback = new m.FeedbackStore(sql);
    const labels = [];
    const t0 = Date.now() - 3_600_000;
    for (let start = 0; start < logRows; start += 100) {
      const n = Math.min(100, logRows - start);
      const requests = Array.from({ length: n }, (_, i) => ({ id: `b-${start + i}`, rows: 1, latencyMs: 1 }));
      for (const r of requests) labels.push({ requestId: r.id, row: 0, label: `c${w.labels[start + requests.indexOf(r)]}` });
      const probabilities = Float32Array.from(w.proba.subarray(start * 2, (start + n) * 2));
      log.record({ model: { name: 'bench', version: 1 }, rows: n, inputs: {}, outputs: { label: { data: BigInt64Array.from(w.predicted.subarray(start, start + n), BigInt), dims: [n] }, probabilities: { data: probabilities, dims: [n, 2] } }, servedAt: t0 + start, requests });
    }
    while (log.stats().buffered > 0) await log.flush();
    for (let i = 0; i < labels.length; i += 10_000) await feedback.record(labels.slice(i, i + 10_000));
    const signature = { task: 'binary', classes: ['c0', 'c1'] };
    const ref = world(referenceRows, 2, 1);
    const calibration = m.fitCbpe(ref.proba, Int32Array.from(ref.labels), signature.classes);
    const read = [];
    const perf = [];
    let result;
    for (let i = 0; i < runs; i++) {
      let t = process.hrtime.bigint();
      await m.readPredictionLog(sql, { model: 'bench', limit: Number.MAX_SAFE_INTEGER });
      read.push(secondsSince(t));
      t = process.hrtime.bigint();
      result = await m.windowPerformance(sql, feedback, { model: 'bench', signature, calibration });
      perf.push(secondsSince(t));
    }
    await log.close();
    console.error(`SQLite, ${logRows} rows all labelled: windowPerformance ${median(perf).toFixed(3)} s vs readPredictionLog ${median(read).toFixed(3)} s`);
    return { rows: result.rows, labelled: result.labelled, windowPerformance: median(perf), readPredictionLog: median(read), ratio: median(perf) / median(read), validity: result.validity.status };
  } finally {
    await store.close();
  }
}
