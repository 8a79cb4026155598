import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tokens } from '@mlops/core';
import { Frame } from '@mlops/frame';
import { validateDriftReport } from '@mlops/report';
import { model, normals, openMonitorProject, servedCall, signature, type MonitorProject } from './monitorScenario';
import type { WithFeedback } from '../feedback/withFeedback';
import type { MonitorService } from '../MonitorService';
import { fitCbpe } from '../performance/cbpe';
import { createReferenceProfile } from '../profiles/referenceProfile';

const minute = 60_000;
const T = Math.floor(Date.now() / (10 * minute)) * 10 * minute - 60 * minute;
const rules = [
  { kind: 'performance-drop' as const, name: 'estimated-accuracy', metric: 'accuracy' as const, source: 'estimated' as const, maxDrop: 0.05 },
  { kind: 'performance-drop' as const, name: 'realized-accuracy', metric: 'accuracy' as const, source: 'realized' as const, maxDrop: 0.05, severity: 'critical' as const },
];

/** Deterministic uniforms for label draws. */
function uniforms(n: number, seed: number): Float64Array {
  const z = normals(n, 0, 1, seed);
  return z.map((x) => 0.5 * (1 + Math.tanh(x * 0.7978845608 * (1 + 0.044715 * x * x))));
}

/** P(yes) the stand-in model gives each row: the labels of a stationary stream are drawn from it. */
async function probabilities(a: Float64Array, b: Float64Array): Promise<Float64Array> {
  const out = await model.run({ a: { data: Float32Array.from(a), dims: [a.length, 1] }, b: { data: Float64Array.from(b), dims: [b.length, 1] } });
  const p = out.probabilities!.data as Float32Array;
  return Float64Array.from({ length: a.length }, (_, i) => p[2 * i + 1]!);
}

/** Performance-drop rules and `driftReport` on one SQL store (the prediction log, labels and alerts in its database). */
export function performanceReportConformance(title: string, metadataStore: () => Promise<{ store: unknown; cleanup: () => Promise<void> }>): void {
  describe(title, () => {
    let cleanup: () => Promise<void>;
    let p: MonitorProject;
    let monitor: WithFeedback<MonitorService>;
    let referenceAccuracy: number;

    /** Ten calls of 200 rows from `start`; labels (when `label`) drawn from the model's own probability, flipped when `flip`. */
    async function serve(start: number, aStd: number, bStd: number, seed: number, label: { flip: boolean } | null): Promise<void> {
      for (let i = 0; i < 10; i++) {
        const [a, b] = [normals(200, 0, aStd, seed + 2 * i), normals(200, 5, bStd, seed + 2 * i + 1)];
        p.runtime.hooks.announce('predictionsServed', await servedCall(a, b, start + i * minute + 1000, 1, `r${seed}-${i}`), 200);
        if (!label) continue;
        const [pr, u] = [await probabilities(a, b), uniforms(200, seed + 1000 + i)];
        await monitor.recordFeedback(Array.from(pr, (q, j) => ({ requestId: `r${seed}-${i}-${j}`, row: 0, label: (u[j]! < q) !== label.flip ? 'yes' : 'no' })));
      }
      await p.runtime.hooks.flush();
      await p.monitor.flush();
    }

    beforeAll(async () => {
      const made = await metadataStore();
      cleanup = made.cleanup;
      p = await openMonitorProject(made.store, { flushIntervalMs: 50, settleMs: 50, windowMs: 10 * minute, profileIntervalMs: minute, minRows: 100, rules });
      monitor = p.monitor as WithFeedback<MonitorService>;
      // Version 1 with its reference profile, its held-out accuracy and CBPE's calibration, all from 5000 training rows.
      const [a, b] = [normals(5000, 0, 1, 1), normals(5000, 5, 2, 2)];
      const pr = await probabilities(a, b);
      const u = uniforms(5000, 3);
      const labels = Int32Array.from(pr, (q, i) => (u[i]! < q ? 1 : 0));
      referenceAccuracy = labels.reduce((n, y, i) => n + (y === (pr[i]! >= 0.5 ? 1 : 0) ? 1 : 0), 0) / labels.length;
      const proba = new Float64Array(10_000);
      pr.forEach((q, i) => proba.set([1 - q, q], 2 * i));
      const store = p.runtime.get(tokens.artifactStore);
      const put = async (value: unknown) => (await store.put(new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)))).digest;
      const training = Frame.fromRows(Array.from(a, (x, i) => ({ a: x, b: b[i] })), { a: 'float64', b: 'float64' });
      const registry = p.runtime.get(tokens.modelRegistry);
      const v = await registry.register({
        name: 'churn',
        artifacts: { onnx: await put('a stand-in for the serving graph'), reference: await put(await createReferenceProfile(model, signature, training)), cbpe: await put(fitCbpe(proba, labels, ['no', 'yes'])) },
        signature,
        evaluation: { datasetDigest: 'sha256:training', metrics: { accuracy: referenceAccuracy } },
      });
      await registry.promote('churn', v.version, { to: 'champion', force: true, reason: 'test' });
    });
    afterAll(async () => {
      await p?.close();
      await cleanup?.();
    });

    it('stays quiet while estimated and realized accuracy hold, fires realized under concept drift and estimated on uncertain traffic', async () => {
      expect(referenceAccuracy).toBeGreaterThan(0.65);
      await serve(T, 1, 2, 100, { flip: false });
      const clean = await p.monitor.evaluate({ now: T + 10 * minute });
      expect(clean.models).toEqual([expect.objectContaining({ model: 'churn', version: 1, rows: 2000 })]);
      expect(clean.models[0]!.notes).toBeUndefined();
      expect(clean.fired).toEqual([]);

      // Concept drift: the same inputs, labels flipped. The estimate cannot see it; the realized accuracy does.
      await serve(T + 20 * minute, 1, 2, 200, { flip: true });
      const concept = await p.monitor.evaluate({ now: T + 30 * minute });
      expect(concept.fired.map((a) => [a.rule, a.column, a.severity])).toEqual([['realized-accuracy', 'performance.accuracy', 'critical']]);
      expect(concept.fired[0]!.value!).toBeGreaterThan(0.3);
      expect(concept.fired[0]!.threshold).toBe(0.05);

      // Inputs near the decision boundary, no labels yet: the estimate drops; realized has nothing to say.
      await serve(T + 40 * minute, 0.05, 0.1, 300, null);
      const uncertain = await p.monitor.evaluate({ now: T + 50 * minute });
      expect(uncertain.fired.map((a) => a.rule)).toEqual(['estimated-accuracy']);
      expect(uncertain.fired[0]!.title).toMatch(/^churn:1: estimated accuracy 0\.\d+ is 0\.\d+ below the reference 0\.\d+ \(limit 0\.05\)$/);
      expect(uncertain.models[0]!.notes).toEqual(['realized-accuracy: 0 labelled rows, fewer than minLabels (100)']);
    });

    it('builds the drift report of a window: features with their tests, the performance panel with the estimate labelled and flagged, the window\'s alerts', async () => {
      const data = validateDriftReport(await p.monitor.driftReport('churn@champion', { since: T + 20 * minute, until: T + 30 * minute }));
      expect(data.summary).toMatchObject({ model: { name: 'churn', alias: 'champion', version: 1 }, currentRows: 2000, referenceRows: 5000, window: { start: new Date(T + 20 * minute).toISOString(), end: new Date(T + 30 * minute).toISOString() } });
      // The features (outputs are judged by the output-drift rule); 5000 reference rows make the default numeric test the normalised Wasserstein distance.
      expect(data.features.map((f) => [f.name, f.test, f.drifted])).toEqual([['a', 'wasserstein_norm', false], ['b', 'wasserstein_norm', false]]);
      const a = data.features.find((f) => f.name === 'a')!;
      expect(a.histogram.kind).toBe('numeric');
      expect(a.histogram.reference.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
      const accuracy = data.performance!.metrics.find((m) => m.name === 'accuracy')!;
      expect(accuracy.reference).toBeCloseTo(referenceAccuracy, 12);
      expect(accuracy.estimated! - accuracy.realized!).toBeGreaterThan(0.3);
      expect(accuracy.flags).toEqual(['estimate', 'estimate invalid']);
      expect(data.performance!.warning).toMatch(/^Concept drift: the estimate is NOT valid for this window\. realized accuracy/);
      expect(data.performance!.method).toBe('CBPE from prediction confidences, calibrated on 5000 reference rows; 2000 of 2000 window rows labelled so far');
      expect(data.alerts!.map((x) => x.rule)).toEqual(['realized-accuracy']);
      // The uncertain window: only the estimate, no realized value.
      const later = validateDriftReport(await p.monitor.driftReport('churn', { since: T + 40 * minute, until: T + 50 * minute }));
      expect(later.summary.model).toEqual({ name: 'churn', version: 1 });
      expect(later.performance!.metrics.find((m) => m.name === 'accuracy')).toMatchObject({ realized: null, flags: ['estimate'] });
      expect(later.alerts!.map((x) => x.rule)).toEqual(['estimated-accuracy']);
    });

    it('names what is missing for an unknown model or alias', async () => {
      await expect(p.monitor.driftReport('nope@champion', { since: T, until: T + minute })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
      await expect(p.monitor.driftReport('churn@staging', { since: T, until: T + minute })).rejects.toThrow(/staging/);
    });
  });
}
