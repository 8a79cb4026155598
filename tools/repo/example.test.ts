/**
 * @jest-environment ../packages/onnx/ort-jest-environment.js
 */
// onnxruntime-node runs the champion in this test: its outputs need the main realm's typed arrays.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ModelSignature } from '@mlops/core';
import { readCsv } from '@mlops/frame';
import { readPredictionLog } from '@mlops/monitor';
import { onnxRuntime } from '@mlops/runtime-onnx';
import { openSqlMetadataStore, sqlHandleOf } from '@mlops/sql-metadata';
import { createTestContext, describeWithChromium, freePort, openOfflinePage } from '@mlops/testkit';
import { servingProbabilities } from '../../examples/breast-cancer/pipelines/lib/servingModel';

// The README's example, end to end through the built CLI, in a copy of examples/breast-cancer so
// the repository's own .mlops state is never touched.
const repo = path.resolve(__dirname, '../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
let project: string;
// The example's POST /feedback needs this token (its config reads MLOPS_ADMIN_TOKEN); 300 rows get labels.
const adminToken = 'example-admin-token-0123456789';
const labelled = 300;
// `mlops monitor report` writes here after the drifted traffic; the Chromium block below opens it.
const reportDir = () => path.join(project, 'reports', 'drift');

function mlops(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', MLOPS_ACTOR: 'example-test' }, timeout: 120_000 });
}

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-example-'));
  cpSync(path.join(repo, 'examples/breast-cancer'), project, { recursive: true, filter: (src) => !src.includes(`${path.sep}.mlops`) && !src.endsWith(`${path.sep}node_modules`) });
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the breast-cancer example', () => {
  it('trains, registers and promotes; a second run is compared with the champion on the same rows and kept out', () => {
    const first = mlops(['run', 'train', '--json']);
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.status).toBe(0);
    const run1 = JSON.parse(first.stdout);
    expect(run1.steps.map((s: { step: string }) => s.step)).toEqual(['ingest', 'validate', 'split', 'preprocess', 'train', 'train-baseline', 'export-onnx', 'register']);

    const second = mlops(['run', 'train', '--json']);
    expect(second.status).toBe(0);
    const run2 = JSON.parse(second.stdout);
    // Everything upstream is cached; registering is a side effect and runs every time.
    expect(run2.steps.map((s: { status: string }) => s.status)).toEqual(['cached', 'cached', 'cached', 'cached', 'cached', 'cached', 'cached', 'succeeded']);

    const history = JSON.parse(mlops(['models', 'history', 'breast-cancer', '--json']).stdout);
    // v1 already has an evaluation on the same test rows (same split seed), so it is not re-scored.
    expect(history.map((e: { type: string; version: number }) => `${e.type} v${e.version}`)).toEqual(['register v1', 'promote v1', 'register v2', 'promotion-refused v2']);
    const refused = history.find((e: { type: string }) => e.type === 'promotion-refused');
    expect(refused.details.decision ?? refused.details).toMatchObject({ metric: 'rocAuc', incumbentVersion: 1 });
    expect(JSON.parse(mlops(['models', 'show', 'breast-cancer@champion', '--json']).stdout).version).toBe(1);
    expect(readFileSync(path.join(project, '.mlops', 'alerts.jsonl'), 'utf8')).toContain('breast-cancer v2');

    // Both runs carry the same metrics (the second through the cache) and are tracked with their data.
    const compared = JSON.parse(mlops(['runs', 'compare', run1.run.id, run2.run.id, '--section', 'metrics,datasets', '--json']).stdout);
    expect(compared.rows.find((r: { key: string }) => r.key === 'train.rocAuc').differs).toBe(false);
    expect(compared.rows.find((r: { key: string }) => r.key === 'train/ingest/dataset').values[0]).toMatch(/^sha256:/);

    // A different split: the champion has never been scored on these rows, so it is re-scored first.
    expect(mlops(['run', 'train', '-p', 'seed=7']).status).toBe(0);
    const later = JSON.parse(mlops(['models', 'history', 'breast-cancer', '--json']).stdout).slice(4);
    expect(later.map((e: { type: string; version: number }) => `${e.type} v${e.version}`)).toEqual(['register v3', 'evaluate v1', expect.stringMatching(/^promot.* v3$/)]);

    // From the feature store: each diagnosis joined with the patient's latest measurement at or before
    // it. The derived timeline holds follow-ups measured after the diagnosis (values ×1.25): none may
    // leak, so the training set has exactly the original rows' values.
    // Training from the feature store records the applied definitions, so they are applied first.
    expect(mlops(['features', 'apply']).status).toBe(0);
    const fromFeatures = mlops(['run', 'train-from-features', '--json']);
    expect(fromFeatures.status).toBe(0);
    const outputs = JSON.parse(fromFeatures.stdout).outputs;
    expect(outputs['training-set'].dataset.metadata.datasetDigest).toBe(run1.outputs.ingest.dataset.metadata.datasetDigest);
    expect(outputs['training-set'].trainingSet.metadata.rows).toBe(569);
    const byPatient = JSON.parse(mlops(['models', 'show', 'breast-cancer-by-patient@champion', '--json']).stdout);
    expect(byPatient.version).toBe(1);
    // The version knows what it was trained on: the server derives its lookup from this.
    expect(byPatient.features).toEqual({ service: 'diagnosis_model', definitionsVersion: 1, definitionsDigest: expect.stringMatching(/^sha256:/), entityKeys: ['patient_id'] });

    const card = mlops(['models', 'card', 'breast-cancer', '1']);
    expect(card.stdout).toContain('mean_radius \\< 15');
    expect(card.stdout).toContain('Any clinical decision');
  });

  it('tunes the GBDT with pruning and registers the best trial through the gate', () => {
    const before = JSON.parse(mlops(['models', 'history', 'breast-cancer', '--json']).stdout).length;
    const tuned = mlops(['tune', 'run', 'gbdt', '--trials', '12', '--register', '--json']);
    expect(tuned.stderr).not.toMatch(/error/i);
    expect(tuned.status).toBe(0);
    const out = JSON.parse(tuned.stdout);
    // Seeded TPE in one process: the same trials every time; the median pruner stops some early.
    expect(out.counts).toMatchObject({ fail: 0, running: 0 });
    expect(out.counts.complete + out.counts.pruned).toBe(12);
    expect(out.counts.pruned).toBeGreaterThan(0);
    const trials = JSON.parse(mlops(['tune', 'show', 'gbdt', '--json']).stdout).trials as { state: string; intermediate: Record<string, number>; values: number[] }[];
    for (const t of trials.filter((x) => x.state === 'pruned')) expect(Object.keys(t.intermediate).length).toBeLessThan(200);
    expect(out.best.values[0]).toBe(Math.min(...trials.filter((t) => t.state === 'complete').map((t) => t.values[0]!)));
    // The best params ran through the whole train pipeline: registered, then judged by the gate.
    expect(out.registration).toMatchObject({ trial: out.best.number, pipeline: 'train', status: 'succeeded' });
    const events = JSON.parse(mlops(['models', 'history', 'breast-cancer', '--json']).stdout).slice(before) as { type: string }[];
    expect(events.map((e) => e.type)).toContain('register');
    expect(events.some((e) => e.type === 'promote' || e.type === 'promotion-refused')).toBe(true);
    // The example's next step: the study's offline report.
    const report = mlops(['tune', 'report', 'gbdt', '--out', '.mlops/reports', '--json']);
    expect(report.status).toBe(0);
    const written = JSON.parse(report.stdout);
    expect(written.counts).toMatchObject({ complete: out.counts.complete, pruned: out.counts.pruned });
    expect(written.best.number).toBe(out.best.number);
    expect(written.importances.map((v: { name: string }) => v.name).sort()).toEqual(Object.keys(out.best.params).sort());
  });

  it('serves the champion by patient id (2 worker processes): features from the online store, the same ONNX', async () => {
    expect(mlops(['features', 'apply']).status).toBe(0);
    const materialized = mlops(['features', 'materialize', '--start', '2023-01-01T00:00:00Z', '--end', '2025-01-01T00:00:00Z', '--json']);
    expect(materialized.status).toBe(0);
    // Two workers: each logs what it serves; /metrics shows the monitor's numbers once (see below).
    const port = await freePort();
    const server = spawn(process.execPath, [bin, 'serve', '--workers', '2', '--port', String(port), '--json'], { cwd: project, env: { ...process.env, NO_COLOR: '1', MLOPS_ADMIN_TOKEN: adminToken }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        server.stderr!.on('data', (d: Buffer) => void (err += d.toString()));
        server.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          // A worker's one-line {"url": ...}; an error is printed as indented JSON, its first line "{".
          for (const line of out.split('\n').slice(0, -1)) {
            const url = line.startsWith('{"url":') ? (JSON.parse(line) as { url: string }).url : undefined;
            if (url) return resolve(url);
          }
        });
        server.on('exit', (code) => reject(new Error(`mlops serve exited with ${code}: ${out}${err}`)));
      });
      const predict = async (body: unknown, requestId?: string) => {
        const res = await fetch(`${url}/predict`, { method: 'POST', headers: { 'content-type': 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}) }, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as { predictions?: { label: string }[]; error?: { code: string } } };
      };
      // P0002 is malignant and P0569 benign in the data; both have one measurement, so online = training value.
      const byId = await predict({ entities: [{ patient_id: 'P0002' }, { patient_id: 'P0569' }] });
      expect(byId.status).toBe(200);
      expect(byId.body.predictions!.map((p) => p.label)).toEqual(['malignant', 'benign']);
      const unknown = await predict({ entities: [{ patient_id: 'P9999' }] });
      expect(unknown.status).toBeGreaterThanOrEqual(400);
      expect(unknown.status).toBeLessThan(500);
      expect((await fetch(`${url}/health`)).status).toBe(200);

      // The promotion gate scores through the runtime plugin and @mlops/serving's feeds: on every row
      // of the example, its probabilities are exactly what /predict answers.
      const champion = JSON.parse(mlops(['models', 'show', 'breast-cancer@champion', '--json']).stdout) as { version: number; artifacts: { onnx: string }; signature: ModelSignature };
      const hex = champion.artifacts.onnx.slice('sha256:'.length);
      const bytes = readFileSync(path.join(project, '.mlops', 'artifacts', 'sha256', hex.slice(0, 2), hex.slice(2)));
      const { frame } = await readCsv(path.join(project, 'data', 'breast_cancer.csv'));
      const runtime = await onnxRuntime.create(createTestContext(onnxRuntime));
      const gate = await servingProbabilities(runtime, bytes, champion.signature, frame);
      const inputs = champion.signature.inputs.map((c) => c.name);
      const rows = Array.from({ length: frame.rowCount }, (_, i) => Object.fromEntries(inputs.map((n) => [n, (frame.column(n).data as Float64Array)[i]])));
      const served = (await predict({ rows }, 'example-clean')).body.predictions as unknown as { probabilities: Record<string, number> }[];
      const classes = champion.signature.classes!;
      expect(served).toHaveLength(569);
      expect(served.map((p) => classes.map((c) => p.probabilities[c]))).toEqual(Array.from({ length: frame.rowCount }, (_, i) => Array.from(gate.subarray(i * classes.length, (i + 1) * classes.length))));

      // Clean traffic: once the server's log has flushed it, the monitor judges it against the
      // champion's reference profile (its training rows) and stays quiet.
      type Evaluation = { models: { model: string; version: number; rows: number; driftedFeatures: string[] }[]; fired: { id: number; rule: string; column: string | null; delivered: { retrainRequestId: number | null } }[] };
      const evaluate = () => JSON.parse(mlops(['monitor', '--once', '--json']).stdout) as Evaluation;
      let clean = evaluate();
      for (let i = 0; i < 20 && clean.models[0]?.rows !== 571; i++) {
        await new Promise((r) => setTimeout(r, 500));
        clean = evaluate();
      }
      expect(clean.models).toEqual([expect.objectContaining({ model: 'breast-cancer', version: champion.version, rows: 571, driftedFeatures: [] })]);
      expect(clean.fired).toEqual([]);

      // /metrics with 2 workers: every monitor series once; the log's rows written are both workers'
      // (571), drift comes from one background refresh of the window (the clean traffic: nothing drifted).
      const scrape = async () => (await fetch(`${url}/metrics`)).text();
      const lines = (text: string, prefix: string) => text.split('\n').filter((l) => l.startsWith(prefix));
      let metrics = await scrape();
      // A refresh records a window's performance, then its drift: wait for both (as both workers' log rows).
      const refreshed = () => lines(metrics, 'mlops_monitor_log_rows_written_total 571').length && lines(metrics, 'mlops_monitor_drifted{').length && lines(metrics, 'mlops_monitor_performance{kind="estimated"').length;
      for (let i = 0; i < 40 && !refreshed(); i++) {
        await new Promise((r) => setTimeout(r, 250));
        metrics = await scrape();
      }
      expect(lines(metrics, 'mlops_monitor_log_rows_written_total')).toEqual(['mlops_monitor_log_rows_written_total 571']);
      expect(lines(metrics, 'mlops_monitor_log_rows_dropped_total')).toEqual(['mlops_monitor_log_rows_dropped_total 0']);
      expect(lines(metrics, 'mlops_monitor_drifted{column="mean_radius",')).toEqual([`mlops_monitor_drifted{column="mean_radius",model="breast-cancer",role="feature",version="${champion.version}"} 0`]);
      expect(lines(metrics, 'mlops_monitor_drifted{column="output.label",')).toHaveLength(1);
      expect(lines(metrics, '# TYPE mlops_monitor_drift_share ')).toHaveLength(1);
      expect(lines(metrics, 'mlops_monitor_performance{kind="estimated",metric="accuracy",')).toHaveLength(1);
      if (spawnSync('promtool', ['--version']).status === 0) {
        const check = spawnSync('promtool', ['check', 'metrics'], { input: metrics, encoding: 'utf8' });
        expect({ status: check.status, problems: `${check.stdout}${check.stderr}` }).toEqual({ status: 0, problems: '' });
      }

      // Labels arrive late: the true diagnosis of the first 300 clean rows, after the monitor already
      // judged them. They join the logged predictions when performance is read (the report below).
      const diagnosis = frame.column('diagnosis');
      const labelOf = (i: number) => String(diagnosis.dtype === 'category' ? diagnosis.dictionary[diagnosis.data[i]!] : (diagnosis.data as ArrayLike<unknown>)[i]);
      const labels = Array.from({ length: labelled }, (_, row) => ({ requestId: 'example-clean', row, label: labelOf(row) }));
      const feedback = await fetch(`${url}/feedback`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ labels }) });
      expect([feedback.status, await feedback.json()]).toEqual([200, expect.objectContaining({ received: labelled, inserted: labelled })]);
      // Drifted traffic: every measurement tripled, twice.
      const tripled = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v * 3])));
      expect((await predict({ rows: tripled })).status).toBe(200);
      expect((await predict({ rows: tripled })).status).toBe(200);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    // The monitor logged both served requests (the unknown patient was never served): the looked-up
    // features of the two patients and the 569 rows, with the champion's name and version.
    const store = openSqlMetadataStore({ kind: 'sqlite', path: path.join(project, '.mlops', 'metadata.sqlite') });
    await store.start();
    try {
      const calls = await readPredictionLog(sqlHandleOf(store.database, 'example-test'));
      expect(calls.reduce((n, c) => n + c.rows, 0)).toBe(571 + 2 * 569);
      expect(calls.flatMap((c) => c.requests!.map((r) => r.rows))).toEqual([2, 569, 569, 569]);
      expect(new Set(calls.map((c) => c.model))).toEqual(new Set(['breast-cancer']));
      const first = Object.values(calls[0]!.inputs)[0]!.data as ArrayLike<number>;
      expect(first.length).toBe(calls[0]!.rows);
    } finally {
      await store.close();
    }
    // The drifted window fires the example's rules: the 2σ rule on shifted features, dataset drift
    // (which submits a retraining run to the embedded default orchestrator, `mlops scheduler` runs it)
    // and the prediction mix.
    const drifted = JSON.parse(mlops(['monitor', '--once', '--json']).stdout) as { models: { version: number; rows: number; driftedFeatures: string[] }[]; fired: { id: number; rule: string; column: string | null; delivered: { retrainRequestId: number | null } }[] };
    expect(drifted.models[0]).toMatchObject({ rows: 571 + 2 * 569 });
    expect(drifted.models[0]!.driftedFeatures).toContain('mean_radius');
    expect(drifted.fired.map((a) => `${a.rule}:${a.column}`)).toEqual(expect.arrayContaining(['baseline-shift:mean_radius', 'dataset-drift:null']));
    const datasetAlert = drifted.fired.find((a) => a.rule === 'dataset-drift')!;
    const requests = JSON.parse(mlops(['alerts', 'retrain-requests', '--json']).stdout) as { id: number; status: string; alertId: number }[];
    expect(requests).toEqual([expect.objectContaining({ id: datasetAlert.delivered.retrainRequestId, status: 'submitted', alertId: datasetAlert.id })]);
    expect((JSON.parse(mlops(['alerts', 'ls', '--json']).stdout) as unknown[]).length).toBe(drifted.fired.length);
    // Within the cooldown the same alerts stay quiet.
    expect(JSON.parse(mlops(['monitor', '--once', '--json']).stdout).fired).toEqual([]);

    // The report of the last hour: HTML + JSON, the drifted features marked, the window's alerts, and
    // CBPE's estimate (from the calibration stored at registration) next to the realized accuracy (no labels yet).
    const report = mlops(['monitor', 'report', '--model', 'breast-cancer@champion', '--window', '1h', '--out', reportDir(), '--json']);
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    const written = JSON.parse(report.stdout) as { html: string; htmlBytes: number; currentRows: number; drifted: string[] };
    expect(written).toMatchObject({ html: path.join(reportDir(), 'drift-report.html'), currentRows: 571 + 2 * 569 });
    expect(written.drifted).toEqual(expect.arrayContaining(drifted.models[0]!.driftedFeatures));
    expect(written.htmlBytes).toBeLessThan(2_000_000);
    const data = JSON.parse(readFileSync(path.join(reportDir(), 'drift-report.json'), 'utf8')) as { summary: { model: unknown }; outputs: { name: string; drifted: boolean }[]; alerts: { rule: string }[]; performance: { method: string; metrics: { name: string; estimated: number | null; realized: number | null; flags?: string[] }[] } };
    expect(data.summary.model).toEqual({ name: 'breast-cancer', alias: 'champion', version: drifted.models[0]!.version });
    expect(data.alerts.map((a) => a.rule).sort()).toEqual(drifted.fired.map((a) => a.rule).sort());
    // CBPE's estimate (from the calibration stored at registration) next to the realized accuracy of the 300 labelled rows.
    expect(data.performance.method).toMatch(new RegExp(`^CBPE from prediction confidences, calibrated on \\d+ reference rows; ${labelled} of 1709 window rows labelled so far$`));
    const accuracy = data.performance.metrics.find((m) => m.name === 'accuracy')!;
    expect(accuracy).toEqual({ name: 'accuracy', reference: expect.any(Number), estimated: expect.any(Number), realized: expect.any(Number), flags: expect.arrayContaining(['estimate']) });
    // The labelled rows are training-distribution rows the champion fits well.
    expect(accuracy.realized).toBeGreaterThan(0.9);
    // Output drift is reported as rows of its own: the prediction mix of the tripled traffic moved.
    expect(data.outputs.map((o) => o.name)).toEqual(expect.arrayContaining(['output.label']));
    // The tripled traffic moved the prediction mix: drifted in the report, and the example's prediction-mix rule fired on it.
    expect(data.outputs.find((o) => o.name === 'output.label')!.drifted).toBe(true);
    expect(drifted.fired.map((a) => `${a.rule}:${a.column}`)).toContain('prediction-mix:output.label');
    // Bad flags are named: an alias nobody set, a window that is not a length.
    const unknown = mlops(['monitor', 'report', '--model', 'breast-cancer@nope', '--window', '1h', '--out', reportDir()]);
    expect([unknown.status, unknown.stderr]).toEqual([2, expect.stringMatching(/^error: --model: .*nope/)]);
    const badWindow = mlops(['monitor', 'report', '--model', 'breast-cancer@champion', '--window', 'an hour', '--out', reportDir()]);
    expect([badWindow.status, badWindow.stderr]).toEqual([2, 'error: --window: expected a positive length like 30m, 1h, 24h or 7d, received "an hour"\n']);
    // About 30 s on a quiet machine, 73 s at load 18 (a dozen CLI processes, two servers).
  }, 240_000);
});

// The README shows this screenshot: every run of the example test makes it again from the served traffic.
const screenshot = path.join(repo, 'docs/images/monitor-report.png');
describeWithChromium((browser) => {
  it('the drift report opens offline in Chromium and shows the drifted features as drifted', async () => {
    const expected = (JSON.parse(readFileSync(path.join(reportDir(), 'drift-report.json'), 'utf8')) as { features: { name: string; drifted: boolean }[] }).features;
    const opened = await openOfflinePage(browser(), pathToFileURL(path.join(reportDir(), 'drift-report.html')).href, { width: 1100, height: 1900 });
    try {
      expect(opened.attemptedRequests).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
      const shown = await opened.page.locator('#summary tbody tr.drifted td:first-child').allInnerTexts();
      expect(shown).toContain('mean_radius');
      expect(new Set(shown)).toEqual(new Set(expected.filter((f) => f.drifted).map((f) => f.name)));
      expect(await opened.page.locator('#dataset-verdict').innerText()).toMatch(/^Dataset drift: \d+ of \d+ features drifted/);
      // Outputs (the prediction distribution) are rows of their own table, and the performance panel
      // shows the realized accuracy of the labelled rows next to the estimate.
      expect(await opened.page.locator('#outputs tbody tr td:first-child').allInnerTexts()).toContain('output.label');
      const accuracyRow = await opened.page.locator('#performance tbody tr', { hasText: 'accuracy' }).first().locator('td').allInnerTexts();
      expect(accuracyRow.slice(2, 4).map(Number).every((v) => v > 0.5 && v <= 1)).toBe(true);
      mkdirSync(path.dirname(screenshot), { recursive: true });
      await opened.page.screenshot({ path: screenshot });
    } finally {
      await opened.close();
    }
  }, 60_000);
});
