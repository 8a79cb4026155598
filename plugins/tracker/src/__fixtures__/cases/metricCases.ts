import { describe, expect, it } from '@jest/globals';
import { experimentName } from '../useTracker';
import type { TrackerSubject } from '../trackerSubjects';

/** Metric batches, curves in step order, the latest value per key, NaN and ±Infinity. */
export function metricCases(subject: () => TrackerSubject): void {
  const tracker = () => subject().tracker;

  describe('metrics', () => {
    it('stores a batch larger than one INSERT and returns the curve by step then timestamp', async () => {
      const run = await tracker().startRun({ experiment: experimentName('curve') });
      const steps = Array.from({ length: 3000 }, (_, i) => i);
      // Logged out of order, with a second point at step 5 logged later.
      const points = [...steps].reverse().map((step) => ({ key: 'loss', value: 1 / (step + 1), step, timestamp: 1_000 + step }));
      await tracker().logMetrics(run.id, [...points, { key: 'loss', value: 0.5, step: 5, timestamp: 999 }]);
      const history = await tracker().metricHistory(run.id, 'loss');
      expect(history).toHaveLength(3001);
      expect(history.slice(0, 7).map((p) => [p.step, p.timestamp])).toEqual([[0, 1000], [1, 1001], [2, 1002], [3, 1003], [4, 1004], [5, 999], [5, 1005]]);
      expect(history[3000]).toEqual({ key: 'loss', value: 1 / 3000, step: 2999, timestamp: 3999 });
      expect((await tracker().getRun(run.id))?.metrics).toEqual({ loss: 1 / 3000 });
      expect(await tracker().metricHistory(run.id, 'other')).toEqual([]);
    });

    it('summarises the curves of many runs in one call: min, max and points per key, NaN ignored', async () => {
      const a = await tracker().startRun({ experiment: experimentName('summaries') });
      const b = await tracker().startRun({ experiment: experimentName('summaries') });
      const c = await tracker().startRun({ experiment: experimentName('summaries') });
      await tracker().logMetrics(a.id, [0.9, 0.2, 0.4].map((value, step) => ({ key: 'loss', value, step })).concat([{ key: 'auc', value: 0.7, step: 0 }]));
      await tracker().logMetrics(b.id, [{ key: 'loss', value: NaN, step: 0 }, { key: 'loss', value: -Infinity, step: 1 }, { key: 'loss', value: 3, step: 2 }]);
      await tracker().logMetrics(c.id, [{ key: 'loss', value: NaN, step: 0 }]);
      const summaries = await tracker().metricSummaries!([a.id, b.id, c.id, 'no-such-run'], ['loss', 'missing']);
      expect(summaries).toEqual({
        [a.id]: { loss: { min: 0.2, max: 0.9, points: 3 } },
        [b.id]: { loss: { min: -Infinity, max: 3, points: 3 } },
        [c.id]: { loss: { min: null, max: null, points: 1 } },
      });
      expect(await tracker().metricSummaries!([], ['loss'])).toEqual({});
    });

    it('orders runs by the min or max over a curve, kept across batches, with runs lacking it (or all NaN) last', async () => {
      const experiment = experimentName('order-by-curve');
      const curves: Record<string, number[][]> = {
        // Batches of loss values; the extremes arrive in the second batch for some runs.
        a: [[0.9, 0.5], [0.1, 0.6]],
        b: [[0.8, 0.3], [0.4]],
        c: [[2.0], [0.2, 3.0]],
        nan: [[NaN], [NaN]],
        none: [],
      };
      for (const [name, batches] of Object.entries(curves)) {
        const run = await tracker().startRun({ experiment, name });
        let step = 0;
        for (const batch of batches) await tracker().logMetrics(run.id, batch.map((value) => ({ key: 'loss', value, step: step++ })));
        if (!batches.length) await tracker().logMetrics(run.id, [{ key: 'other', value: 1 }]);
      }
      const names = async (orderBy: string) => (await tracker().searchRuns({ experiment, orderBy })).runs.map((r) => r.name);
      // min: a 0.1, c 0.2, b 0.3; max: c 3.0, a 0.9, b 0.8
      expect((await names('min(metrics.loss)')).slice(0, 3)).toEqual(['a', 'c', 'b']);
      expect((await names('min(metrics.loss) desc')).slice(0, 3)).toEqual(['b', 'c', 'a']);
      expect((await names('MAX(metrics.loss) desc')).slice(0, 3)).toEqual(['c', 'a', 'b']);
      expect((await names('max(metrics.loss)')).slice(3).sort()).toEqual(['nan', 'none']);
      await expect(tracker().searchRuns({ orderBy: 'min(params.depth)' })).rejects.toMatchObject({ code: 'E_TRACKER_QUERY', message: 'invalid orderBy "min(params.depth)" at column 5: expected metrics.<key> inside min(…), found "params.depth"' });
      await expect(tracker().searchRuns({ orderBy: 'min(metrics.loss' })).rejects.toMatchObject({ code: 'E_TRACKER_QUERY' });
      const ids = (await tracker().searchRuns({ experiment, orderBy: 'name' })).runs.map((r) => r.id);
      const summaries = await tracker().metricSummaries!(ids, ['loss']);
      expect(Object.values(summaries).map((s) => s.loss)).toEqual([
        { min: 0.1, max: 0.9, points: 4 },
        { min: 0.3, max: 0.8, points: 3 },
        { min: 0.2, max: 3, points: 3 },
        { min: null, max: null, points: 2 },
      ]);
    });

    it('keeps the point with the highest step (then latest timestamp) as the latest value across batches', async () => {
      const run = await tracker().startRun({ experiment: experimentName('latest-metric') });
      await tracker().logMetrics(run.id, [{ key: 'auc', value: 0.8, step: 10, timestamp: 100 }]);
      await tracker().logMetrics(run.id, [{ key: 'auc', value: 0.7, step: 3, timestamp: 500 }]);
      expect((await tracker().getRun(run.id))?.metrics.auc).toBe(0.8);
      await tracker().logMetrics(run.id, [{ key: 'auc', value: 0.85, step: 10, timestamp: 200 }]);
      expect((await tracker().getRun(run.id))?.metrics.auc).toBe(0.85);
      await tracker().logMetrics(run.id, [{ key: 'auc', value: 0.9, step: 11, timestamp: 0 }, { key: 'f1', value: 0.4 }]);
      expect((await tracker().getRun(run.id))?.metrics).toEqual({ auc: 0.9, f1: 0.4 });
    });

    it('defaults step to 0 and timestamp to now', async () => {
      const run = await tracker().startRun({ experiment: experimentName('defaults') });
      const before = Date.now();
      await tracker().logMetrics(run.id, [{ key: 'acc', value: 0.5 }]);
      const [point] = await tracker().metricHistory(run.id, 'acc');
      expect(point).toMatchObject({ key: 'acc', value: 0.5, step: 0 });
      expect(point!.timestamp).toBeGreaterThanOrEqual(before);
      expect(point!.timestamp).toBeLessThanOrEqual(Date.now());
    });

    it('round-trips NaN, Infinity and -Infinity in curves and latest values', async () => {
      const run = await tracker().startRun({ experiment: experimentName('nan') });
      await tracker().logMetrics(run.id, [
        { key: 'loss', value: NaN, step: 1 },
        { key: 'loss', value: Infinity, step: 2 },
        { key: 'loss', value: -Infinity, step: 3 },
        { key: 'grad', value: NaN, step: 0 },
      ]);
      expect((await tracker().metricHistory(run.id, 'loss')).map((p) => p.value)).toEqual([NaN, Infinity, -Infinity]);
      expect((await tracker().getRun(run.id))?.metrics).toEqual({ loss: -Infinity, grad: NaN });
    });

    it('rejects malformed points naming the point, and writes nothing of the batch', async () => {
      const run = await tracker().startRun({ experiment: experimentName('bad-metrics') });
      await expect(tracker().logMetrics(run.id, [{ key: 'ok', value: 1 }, { key: 'acc', value: '0.9' as never }])).rejects.toMatchObject({
        code: 'E_TRACKER_INPUT',
        message: `run ${run.id}: metric point #1: "acc" value: expected a number, received "0.9"`,
      });
      await expect(tracker().logMetrics(run.id, [{ key: '', value: 1 }])).rejects.toMatchObject({ code: 'E_TRACKER_INPUT' });
      await expect(tracker().logMetrics(run.id, [{ key: 'a', value: 1, step: Infinity }])).rejects.toMatchObject({ code: 'E_TRACKER_INPUT' });
      expect(await tracker().metricHistory(run.id, 'ok')).toEqual([]);
      await expect(tracker().logMetrics('ghost', [{ key: 'a', value: 1 }])).rejects.toMatchObject({ code: 'E_NOT_FOUND', message: 'tracked run ghost not found' });
      await expect(tracker().logMetrics('ghost', [])).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    });
  });
}
