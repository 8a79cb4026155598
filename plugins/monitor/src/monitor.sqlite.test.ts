import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorConformance } from './__fixtures__/monitorConformance';

monitorConformance('monitor on SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-monitor-sqlite-'));
  return { store: { use: '@mlops/storage-local', options: { path: join(dir, 'metadata.sqlite') } }, cleanup: () => rm(dir, { recursive: true, force: true }) };
});
