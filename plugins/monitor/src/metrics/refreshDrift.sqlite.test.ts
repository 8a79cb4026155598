import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MetricFamily } from '@mlops/core';
import { normals, openMonitorProject, servedCall, type MonitorProject } from '../__fixtures__/monitorScenario';
import type { WindowReport } from '../report/buildWindowReport';

type Scraped = { collectMetrics(): MetricFamily[]; metricsRefresh(): Promise<void> | undefined };
const minute = 60_000;

describe('a scraped monitor that never evaluates (as in `mlops serve`), on SQLite', () => {
  let dir: string;
  let p: MonitorProject;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-monitor-refresh-'));
    p = await openMonitorProject({ use: '@mlops/storage-local', options: { path: join(dir, 'metadata.sqlite') } }, { flushIntervalMs: 50, settleMs: 50, windowMs: 10 * minute, profileIntervalMs: minute, minRows: 100 });
    await p.registerChurn();
  });
  afterAll(async () => {
    await p?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers the first scrape from the cache, computes drift once in the background, fires no alert, and shows what the window report says', async () => {
    const start = Date.now() - 5 * minute;
    for (let i = 0; i < 4; i++) p.runtime.hooks.announce('predictionsServed', await servedCall(normals(100, 3, 1, 900 + i), normals(100, 5, 2, 950 + i), start + i * minute, 1, `s-${i}`), 100);
    await p.runtime.hooks.flush();
    await p.monitor.flush();
    const source = p.monitor as unknown as Scraped;
    const first = source.collectMetrics();
    expect(first.some((f) => f.name.startsWith('mlops_monitor_drift'))).toBe(false);
    const refresh = source.metricsRefresh();
    expect(refresh).toBeInstanceOf(Promise);
    await refresh;
    const families = source.collectMetrics();
    // Fresh now: no second refresh until evaluateEveryMs has passed.
    expect(source.metricsRefresh()).toBeUndefined();
    const at = families.find((f) => f.name === 'mlops_monitor_last_evaluation_timestamp_seconds')!.samples[0]!.value * 1000;
    expect(at).toBeGreaterThan(start);
    const report = (await p.monitor.windowReport('churn:1', { since: at - 10 * minute, until: at })) as unknown as WindowReport;
    const sample = (name: string, column: string) => families.find((f) => f.name === name)!.samples.find((s) => s.labels!.column === column)!;
    expect(families.find((f) => f.name === 'mlops_monitor_window_rows')!.samples).toEqual([{ labels: { model: 'churn', version: '1' }, value: 400 }]);
    for (const c of report.features) {
      expect([c.column, sample('mlops_monitor_drift_statistic', c.column).value, sample('mlops_monitor_drifted', c.column).value]).toEqual([c.column, c.statistic, c.drifted ? 1 : 0]);
    }
    expect(sample('mlops_monitor_drifted', 'a').value).toBe(1);
    expect(await p.monitor.listAlerts()).toEqual([]);
    expect(p.sent).toEqual([]);
  });
});
