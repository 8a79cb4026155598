import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performanceReportConformance } from '../__fixtures__/performanceReportConformance';

performanceReportConformance('performance-drop rules and the drift report on SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-monitor-perf-'));
  return { store: { use: '@mlops/storage-local', options: { path: join(dir, 'metadata.sqlite') } }, cleanup: () => rm(dir, { recursive: true, force: true }) };
});
