import { beforeAll, describe, expect, it } from '@jest/globals';
import { runTrackerChildren } from '../runTrackerChildren';
import { experimentName } from '../useTracker';
import type { TrackerSubject } from '../trackerSubjects';

const runCount = 10_000;
const teams = ['risk', 'growth', 'ops'];

/** A deterministic value in [0, 1) for run `i`, metric `k` (no Math.random: expectations are recomputed). */
export const metricOf = (i: number, k: number) => ((i * 7919 + k * 104729) % 10007) / 10007;

/** Ten params, ten metrics (m3 missing on every seventh run) and two tags per run. */
export function syntheticRun(i: number) {
  return {
    params: Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`p${k}`, k === 9 ? `model-${i % 5}` : i % (k + 2)])),
    metrics: Array.from({ length: 10 }, (_, k) => k).filter((k) => k !== 3 || i % 7 !== 0).map((k) => ({ key: `m${k}`, value: metricOf(i, k), step: 0 })),
    tags: { team: teams[i % 3]!, batch: String(i % 10) },
  };
}

/** 10k runs searched by metric and param; several processes logging to one run at once. */
export function scaleCases(subject: () => TrackerSubject, options: { writers: number }): void {
  const tracker = () => subject().tracker;

  describe('10k runs', () => {
    const experiment = experimentName('scale');
    const ids: string[] = [];

    beforeAll(async () => {
      let next = 0;
      const writer = async () => {
        for (let i = next++; i < runCount; i = next++) {
          const run = syntheticRun(i);
          const started = await tracker().startRun({ experiment, name: `r${i}`, startedAt: 1_650_000_000_000 + i, params: run.params, tags: run.tags });
          await tracker().logMetrics(started.id, run.metrics);
          ids[i] = started.id;
        }
      };
      await Promise.all(Array.from({ length: options.writers }, writer));
    }, 600_000);

    it('filters on a metric and a param, orders by a metric with missing values last, and counts all matches', async () => {
      const matches = Array.from({ length: runCount }, (_, i) => i).filter((i) => metricOf(i, 0) > 0.5 && i % 5 === 2);
      const withM3 = matches.filter((i) => i % 7 !== 0).sort((a, b) => metricOf(b, 3) - metricOf(a, 3) || b - a);
      const order = [...withM3, ...matches.filter((i) => i % 7 === 0).sort((a, b) => b - a)];
      const page = await tracker().searchRuns({ experiment, filter: 'metrics.m0 > 0.5 and params.p3 = 2', orderBy: 'metrics.m3 desc', limit: 50, offset: 0 });
      expect(page.total).toBe(matches.length);
      expect(page.runs.map((r) => r.name)).toEqual(order.slice(0, 50).map((i) => `r${i}`));
      const last = await tracker().searchRuns({ experiment, filter: 'metrics.m0 > 0.5 and params.p3 = 2', orderBy: 'metrics.m3 desc', limit: 50, offset: order.length - 10 });
      expect(last.runs.map((r) => r.name)).toEqual(order.slice(-10).map((i) => `r${i}`));
      expect(last.runs.every((r) => r.metrics.m3 === undefined)).toBe(true);
    });

    it('lists the newest page with full details of every run', async () => {
      const page = await tracker().searchRuns({ experiment, limit: 50, filter: 'tags.team = "ops" and params.p9 like "model-1"' });
      const matching = Array.from({ length: runCount }, (_, i) => i).filter((i) => i % 3 === 2 && i % 5 === 1).reverse();
      expect(page.total).toBe(matching.length);
      expect(page.runs.map((r) => r.name)).toEqual(matching.slice(0, 50).map((i) => `r${i}`));
      const i = matching[0]!;
      const expected = syntheticRun(i);
      expect(page.runs[0]).toMatchObject({ id: ids[i], params: expected.params, tags: expected.tags, metrics: Object.fromEntries(expected.metrics.map((m) => [m.key, m.value])) });
    });
  });

  describe('several processes', () => {
    it('logging to the same run at once leave every point, param, tag and nested run', async () => {
      const processes = 3;
      const job = { batches: 10, perBatch: 100, childRuns: 5 };
      const run = await tracker().startRun({ experiment: experimentName('concurrent') });
      await runTrackerChildren(subject().description, processes, { runId: run.id, ...job });

      const perChild = job.batches * job.perBatch;
      const loss = await tracker().metricHistory(run.id, 'loss');
      expect(loss.map((p) => p.step)).toEqual(Array.from({ length: processes * perChild }, (_, s) => s));
      for (let c = 0; c < processes; c++) expect(await tracker().metricHistory(run.id, `child${c}`)).toHaveLength(perChild);
      const found = await tracker().getRun(run.id);
      expect(found?.metrics.loss).toBe((processes * perChild - 1) / 1000);
      expect(found?.params).toEqual({ shared: 'same value', from0: 1, from1: 1, from2: 1 });
      expect(found?.tags).toEqual({ child0: '9', child1: '9', child2: '9' });
      const nested = await tracker().searchRuns({ parentId: run.id, limit: 1000 });
      expect(nested.total).toBe(processes * job.childRuns);
    }, 180_000);
  });
}
