import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRuntime, isPlugin, pluginsInModule, resolveConfig, silentLogger, tokens, type DatabaseService } from '@mlops/core';
import { openSqlMetadataStore } from '@mlops/sql-metadata';
import { createTestContext, memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';
import * as mod from './index';
import { tracker } from './plugin';
import { SqlTracker } from './SqlTracker';

describe('tracker plugin', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-tracker-plugin-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('provides the tracker and requires the database', () => {
    expect(isPlugin(tracker)).toBe(true);
    expect(tracker.name).toBe('tracker');
    expect(tracker.provides).toBe(tokens.tracker);
    expect(tracker.requires).toEqual([tokens.database]);
  });

  it('is found in the package module by the runtime (named export, plugins array and default)', () => {
    expect(mod.default).toEqual([mod.tracker]);
    expect(mod.plugins).toBe(mod.default);
    expect(pluginsInModule(mod as unknown as Record<string, unknown>)).toEqual([tracker]);
  });

  it('creates its tables in the SQL store on start, beside the store’s own', async () => {
    const store = openSqlMetadataStore({ kind: 'sqlite', path: join(dir, 'direct.sqlite') });
    await store.start();
    const service = await tracker.create(createTestContext(tracker, {}, { services: { [tokens.database.id]: store.database } }));
    expect(service).toBeInstanceOf(SqlTracker);
    await service.start?.();
    await service.start?.();
    const db = store.database.getClient();
    expect(await db('mlops_tracker_migrations').pluck('name')).toEqual(['0001_tracker', '0002_metric_summaries']);
    expect(await db.schema.hasTable('tracker_latest_metrics')).toBe(true);
    const run = await service.startRun({ experiment: 'e' });
    expect((await service.getRun('latest'))?.id).toBe(run.id);
    await service.close?.();
    expect(await store.health()).toEqual({ ok: true });
    await store.close();
  });

  it('is reported by config resolution when the metadata store provides no database', async () => {
    const config = resolveConfig({ plugins: { metadataStore: memoryMetadataStore, artifactStore: memoryArtifactStore, tracker } }, join(dir, 'mlops.config.ts'));
    await expect(config).rejects.toMatchObject({ code: 'E_MISSING_DEPENDENCY', missing: [{ plugin: 'tracker', token: tokens.database.description, candidates: ["plugins.metadataStore: '@mlops/storage-local'", "plugins.metadataStore: '@mlops/storage-postgres'"] }] });
  });

  it('refuses a database whose client is not knex, naming what it needs', async () => {
    const notKnex: DatabaseService = { dialect: 'sqlite', schema: undefined, getClient: () => 42, migrate: async () => [] };
    const ctx = createTestContext(tracker, {}, { services: { [tokens.database.id]: notKnex } });
    expect(() => tracker.create(ctx)).toThrow('tracker keeps its tables through knex, so tokens.database must come from an SQL store (@mlops/storage-local or @mlops/storage-postgres); its client is number');
    let error: unknown;
    try {
      await tracker.create(ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'E_PLUGIN', plugin: 'tracker' });
  });

  it('rejects options it does not know', () => {
    expect(() => tracker.options!.parse({ path: 'x' })).toThrow('Unrecognized key: \\"path\\"');
    expect(tracker.options!.parse({})).toEqual({});
  });

  it('runs from a config next to the SQLite metadata store', async () => {
    // Packages resolve from the config's folder, so the (never written) config sits in this package;
    // state goes to the temp folder. `@mlops/tracker` loads the built dist/, as a user's project would.
    const config = await resolveConfig(
      {
        stateDir: dir,
        plugins: { artifactStore: memoryArtifactStore, metadataStore: { use: '@mlops/storage-local', options: { path: join(dir, 'config.sqlite') } }, tracker: '@mlops/tracker' },
      },
      join(__dirname, 'mlops.config.ts'),
      {},
    );
    const runtime = await createRuntime(config, { logger: silentLogger });
    try {
      const t = runtime.get(tokens.tracker);
      const run = await t.startRun({ experiment: 'from-config', params: { lr: 0.1 } });
      await t.logMetrics(run.id, [{ key: 'auc', value: 0.9 }]);
      expect((await t.searchRuns({ filter: 'metrics.auc > 0.5' })).runs.map((r) => r.id)).toEqual([run.id]);
      expect(await runtime.health()).toMatchObject({ tracker: { ok: true } });
    } finally {
      await runtime.close();
    }
  });
});
