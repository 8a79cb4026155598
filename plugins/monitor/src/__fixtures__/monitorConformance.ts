import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tokens } from '@mlops/core';
import { sqlHandleOf } from '@mlops/sql-metadata';
import { windowProfilesTable } from '../migrations/0002_monitor_profiles';
import type { WindowReport } from '../report/buildWindowReport';
import { normals, openMonitorProject, servedCall, signature, type MonitorProject } from './monitorScenario';

const minute = 60_000;
// An hour ago, on a 10-minute boundary: recent enough for retention, aligned with the profile intervals.
const T = Math.floor(Date.now() / (10 * minute)) * 10 * minute - 60 * minute;
const options = { flushIntervalMs: 50, settleMs: 50, windowMs: 10 * minute, profileIntervalMs: minute, minRows: 100 };

/** Ten calls of 200 rows, one per minute from `start`: a ~ N(aMean, 1), b ~ N(5, bStd). */
async function serve(p: MonitorProject, start: number, aMean: number, bStd: number, seed: number, version = 1): Promise<void> {
  for (let i = 0; i < 10; i++) p.runtime.hooks.announce('predictionsServed', await servedCall(normals(200, aMean, 1, seed + 2 * i), normals(200, 5, bStd, seed + 2 * i + 1), start + i * minute + 1000, version, `r${seed}-${i}`), 200);
  await p.runtime.hooks.flush();
  await p.monitor.flush();
}

/** The monitor end to end on one SQL store: served traffic → window profiles → drift → alerts, cooldown, retraining. */
export function monitorConformance(title: string, metadataStore: () => Promise<{ store: unknown; cleanup: () => Promise<void> }>): void {
  describe(title, () => {
    let p: MonitorProject;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const made = await metadataStore();
      cleanup = made.cleanup;
      p = await openMonitorProject(made.store, options);
      expect(await p.registerChurn()).toBe(1);
    });
    afterAll(async () => {
      await p?.close();
      await cleanup?.();
    });

    it('stays quiet on clean traffic, and a window merges stored interval profiles into what the raw rows give', async () => {
      await serve(p, T, 0, 2, 100);
      const clean = await p.monitor.evaluate({ now: T + 10 * minute });
      expect(clean.models).toEqual([{ model: 'churn', version: 1, rows: 2000, driftedFeatures: [], driftShare: 0 }]);
      expect(clean.fired).toEqual([]);
      expect(p.sent).toEqual([]);
      // Nine closed intervals were profiled once and stored; the tenth (not settled) came from raw rows.
      const sql = sqlHandleOf(p.runtime.get(tokens.database), 'test');
      const table = sql.schema ? `${sql.schema}.${windowProfilesTable}` : windowProfilesTable;
      const stored = (await sql.knex(table).select('interval_start', 'row_count').orderBy('interval_start')) as { interval_start: unknown; row_count: unknown }[];
      expect(stored.map((r) => [Number(r.interval_start) - T, Number(r.row_count)])).toEqual(Array.from({ length: 9 }, (_, i) => [i * minute, 200]));
      const merged = await p.monitor.windows.window('churn', 1, { since: T, until: T + 10 * minute }, T + 10 * minute);
      const raw = await p.monitor.windows.profileRaw('churn', 1, T, T + 10 * minute);
      expect(merged.rowCount).toBe(2000);
      for (const column of ['a', 'b', 'output.probabilities[1]']) {
        const [m, r] = [merged.columns.get(column), raw.columns.get(column)];
        if (m?.kind !== 'numeric' || r?.kind !== 'numeric') throw new Error(`${column} is not numeric`);
        expect(m.count).toBe(r.count);
        expect(m.mean).toBeCloseTo(r.mean, 9);
        expect(m.std).toBeCloseTo(r.std, 9);
      }
    });

    it('fires the 2σ rule and dataset drift on drifted traffic, delivers to the alert sink and records a retraining request', async () => {
      await serve(p, T + 20 * minute, 3, 8, 200);
      const drifted = await p.monitor.evaluate({ now: T + 30 * minute });
      expect(drifted.models).toEqual([{ model: 'churn', version: 1, rows: 2000, driftedFeatures: ['a', 'b'], driftShare: 1 }]);
      expect(drifted.fired.map((a) => [a.rule, a.column, a.severity])).toEqual([
        ['baseline-shift', 'a', 'warning'],
        ['baseline-shift', 'b', 'warning'],
        ['dataset-drift', null, 'critical'],
      ]);
      const [a, b, dataset] = drifted.fired;
      expect(a!.value).toBeGreaterThan(2.8);
      expect(a!.value).toBeLessThan(3.2);
      expect(a!.threshold).toBe(2);
      expect(b!.detail).toMatch(/std \d+\.\d+ \(baseline 2\.\d+, shift 2\.\d+|std \d+\.\d+ \(baseline 1\.9\d+, shift 3\.\d+/);
      expect(dataset!.title).toBe('churn:1: dataset drift, 2 of 2 features drifted (share 1 ≥ 0.5)');
      expect(p.sent.map((s) => [s.severity, s.labels?.rule, s.labels?.column])).toEqual([['warning', 'baseline-shift', 'a'], ['warning', 'baseline-shift', 'b'], ['critical', 'dataset-drift', undefined]]);
      const requests = await p.monitor.listRetrainRequests();
      expect(requests).toEqual([{ id: expect.any(Number), model: 'churn', version: 1, reason: dataset!.title, alertId: dataset!.id, requestedAt: T + 30 * minute, status: 'recorded', job: { kind: 'retrain', model: 'churn', version: 1, reason: dataset!.title, alertId: dataset!.id, requestedAt: T + 30 * minute } }]);
      expect(dataset!.delivered).toEqual({ alertSink: 'sent', retrainRequestId: requests[0]!.id });
      expect((await p.monitor.listAlerts()).map((x) => x.id)).toEqual([dataset!.id, b!.id, a!.id]);
    });

    it('keeps a fired alert quiet for its cooldown', async () => {
      const again = await p.monitor.evaluate({ now: T + 31 * minute });
      expect(again.fired).toEqual([]);
      expect(again.suppressed).toBe(3);
      expect(await p.monitor.listAlerts()).toHaveLength(3);
      expect(await p.monitor.listRetrainRequests()).toHaveLength(1);
    });

    it('reports a window as plain JSON: summary, verdicts, and both histograms on the same bins', async () => {
      const report = (await p.monitor.windowReport('churn@champion', { since: T + 20 * minute, until: T + 30 * minute })) as unknown as WindowReport;
      expect(report.summary).toEqual({ referenceRows: 5000, windowRows: 2000, features: 2, driftedFeatures: 2, driftShare: 1, driftShareThreshold: 0.5, datasetDrift: true, outputsDrifted: expect.any(Number) });
      const a = report.features.find((f) => f.column === 'a')!;
      expect(a).toMatchObject({ role: 'feature', kind: 'numeric', test: 'wasserstein_norm', thresholdSource: 'default', threshold: 0.1, drifted: true, method: 'sketch' });
      expect(a.statistic).toBeGreaterThan(2.5);
      if (a.histogram.kind !== 'numeric') throw new Error('expected a numeric histogram');
      expect(a.histogram.edges).toHaveLength(21);
      expect(a.histogram.reference.reduce((s, x) => s + x, 0)).toBeCloseTo(5000, 6);
      expect(a.histogram.current.reduce((s, x) => s + x, 0)).toBeCloseTo(2000, 6);
      expect(report.outputs.map((o) => o.column)).toEqual(['output.label', 'output.probabilities[0]', 'output.probabilities[1]']);
      expect(report.outputs.find((o) => o.column === 'output.label')).toMatchObject({ kind: 'binary', drifted: true });
      await expect(p.monitor.windowReport('churn@nope', { since: T, until: T + minute })).rejects.toThrow(/nope/);
    });

    it('skips versions it has no reference for, saying why', async () => {
      await serve(p, T + 40 * minute, 0, 2, 300, 7);
      const result = await p.monitor.evaluate({ now: T + 50 * minute });
      expect(result.models).toEqual([{ model: 'churn', version: 7, rows: 2000, driftedFeatures: [], driftShare: null, skipped: 'churn:7 is not registered' }]);
    });

    it('reports a version whose reference cannot be read, and still judges the others', async () => {
      const store = p.runtime.get(tokens.artifactStore);
      const onnx = await store.put(new TextEncoder().encode('another stand-in'));
      const broken = await store.put(new TextEncoder().encode(JSON.stringify({ version: 2, rowCount: 0, columns: {} })));
      const v2 = await p.runtime.get(tokens.modelRegistry).register({ name: 'churn', artifacts: { onnx: onnx.digest, reference: broken.digest }, signature });
      await serve(p, T + 60 * minute, 0, 2, 500, v2.version);
      await serve(p, T + 60 * minute, 0, 2, 600, 1);
      await p.runtime.hooks.flush();
      expect(p.warnings).toContain(`monitor: the reference profile of churn:${v2.version} cannot be read (profile.version: expected 1, received 2); its served traffic will not be judged`);
      const result = await p.monitor.evaluate({ now: T + 70 * minute });
      expect(result.models).toEqual([
        { model: 'churn', version: 1, rows: 2000, driftedFeatures: [], driftShare: 0 },
        { model: 'churn', version: v2.version, rows: 2000, driftedFeatures: [], driftShare: null, skipped: 'evaluation failed: profile.version: expected 1, received 2' },
      ]);
    });

    it('deletes interval profiles past retention with the log rows', async () => {
      const sql = sqlHandleOf(p.runtime.get(tokens.database), 'test');
      const table = sql.schema ? `${sql.schema}.${windowProfilesTable}` : windowProfilesTable;
      const before = Number((await sql.knex(table).count({ n: '*' }))[0]!.n);
      expect(before).toBeGreaterThan(9);
      expect(await p.monitor.windows.expire(T + 5 * minute)).toBe(5);
      expect(Number((await sql.knex(table).count({ n: '*' }))[0]!.n)).toBe(before - 5);
    });
  });

  describe(`${title}: retraining through the orchestrator`, () => {
    it('hands the job to tokens.orchestrator and records it as submitted; a threshold rule fires on a window statistic', async () => {
      const made = await metadataStore();
      const p = await openMonitorProject(made.store, { ...options, rules: [{ kind: 'threshold', column: 'b', statistic: 'std', above: 4, retrain: true }, { kind: 'feature-drift', columns: ['a'] }] }, { withOrchestrator: true });
      try {
        await p.registerChurn();
        await serve(p, T, 0, 8, 400);
        const result = await p.monitor.evaluate({ now: T + 10 * minute });
        expect(result.fired.map((f) => [f.rule, f.column])).toEqual([['threshold', 'b']]);
        expect(result.fired[0]!.value).toBeGreaterThan(7);
        const alert = result.fired[0]!;
        expect(p.submitted).toEqual([{ pipeline: 'train', idempotencyKey: `monitor-alert-${alert.id}`, trigger: { kind: 'alert', source: 'monitor', detail: { alertId: alert.id, reason: alert.title } }, tags: { model: 'churn', version: '1', reason: alert.title } }]);
        expect(await p.monitor.listRetrainRequests()).toMatchObject([{ status: 'submitted', job: { alertId: alert.id, orchestrator: { pipeline: 'train', runId: 'run-1', status: 'queued', created: true } } }]);
      } finally {
        await p.close();
        await made.cleanup();
      }
    });
  });
}
