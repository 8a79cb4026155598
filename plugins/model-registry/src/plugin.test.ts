import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRuntime, definePlugin, isPlugin, pluginsInModule, resolveConfig, silentLogger, tokens, type Alert, type DatabaseService } from '@mlops/core';
import { openSqlMetadataStore } from '@mlops/sql-metadata';
import { createTestContext, MemoryArtifactStore, memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';
import { evalOn, sampleVersion, testSet } from './__fixtures__/sampleVersion';
import * as mod from './index';
import { modelRegistry } from './plugin';
import { modelRegistryOptions } from './options';
import { SqlModelRegistry } from './SqlModelRegistry';

/** An SQLite metadata store that also provides the database, as @mlops/storage-local's does. */
const sqlitePlugin = (path: string) =>
  definePlugin({
    name: 'test-sqlite',
    provides: tokens.metadataStore,
    alsoProvides: [tokens.database],
    create: (ctx) => {
      const store = openSqlMetadataStore({ kind: 'sqlite', path });
      ctx.provide(tokens.database, store.database);
      return store;
    },
  });

describe('modelRegistry plugin', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-model-registry-plugin-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is exported by name and as the default array, providing the model registry', () => {
    expect(isPlugin(modelRegistry)).toBe(true);
    expect(modelRegistry).toMatchObject({ name: 'model-registry', provides: tokens.modelRegistry, requires: [tokens.database, tokens.artifactStore], optional: [tokens.alertSink] });
    expect(mod.default).toEqual([modelRegistry]);
    expect(mod.plugins).toBe(mod.default);
    expect(pluginsInModule(mod as unknown as Record<string, unknown>).map((p) => p.provides.id)).toEqual([tokens.modelRegistry.id]);
  });

  it('fills in documented defaults and rejects bad options by field', () => {
    expect(modelRegistryOptions.parse({})).toEqual({ gate: { metric: 'rocAuc', direction: 'higher', minImprovement: 0, guards: [] }, gates: {}, gatedAliases: ['champion'], cards: {} });
    expect(modelRegistryOptions.parse({ gate: { guards: [{ metric: 'recall' }] } }).gate.guards).toEqual([{ metric: 'recall', direction: 'higher', tolerance: 0 }]);
    const issues = (raw: unknown) => modelRegistryOptions.safeParse(raw).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ gate: { direction: 'up' } })).toEqual(['gate.direction']);
    expect(issues({ gate: { minImprovement: -1 } })).toEqual(['gate.minImprovement']);
    expect(issues({ cards: { fraud: { owner: 'x', colour: 'red' } } })).toEqual(['cards.fraud']);
    expect(issues({ gates: { fraud: { guards: [{ tolerance: 0.1 }] } } })).toEqual(['gates.fraud.guards.0.metric']);
  });

  it('refuses a database whose client is not knex, naming the stores that work', async () => {
    const notKnex: DatabaseService = { dialect: 'sqlite', schema: undefined, getClient: () => ({}), migrate: async () => [] };
    const ctx = createTestContext(modelRegistry, {}, { services: { [tokens.database.id]: notKnex, [tokens.artifactStore.id]: new MemoryArtifactStore() } });
    expect(() => modelRegistry.create(ctx)).toThrow('model-registry keeps its tables through knex, so tokens.database must come from an SQL store (@mlops/storage-local or @mlops/storage-postgres); its client is object');
  });

  it('is reported by config resolution when the metadata store provides no database', async () => {
    const config = resolveConfig({ plugins: { metadataStore: memoryMetadataStore, artifactStore: memoryArtifactStore, modelRegistry } }, join(dir, 'mlops.config.ts'));
    await expect(config).rejects.toMatchObject({ code: 'E_MISSING_DEPENDENCY', missing: [{ plugin: 'model-registry', token: tokens.database.description, candidates: ["plugins.metadataStore: '@mlops/storage-local'", "plugins.metadataStore: '@mlops/storage-postgres'"] }] });
  });

  it('starts in a runtime after the metadata store, and sends refusals to a configured alert sink', async () => {
    const alerts: Alert[] = [];
    const sqlite = sqlitePlugin(join(dir, 'runtime.sqlite'));
    const sink = definePlugin({ name: 'test-alerts', provides: tokens.alertSink, create: () => ({ send: async (a: Alert) => void alerts.push(a) }) });
    const config = await resolveConfig(
      { plugins: { metadataStore: sqlite, artifactStore: memoryArtifactStore, alertSink: sink, modelRegistry: { use: modelRegistry, options: { actor: 'runtime-test' } } } },
      join(dir, 'mlops.config.ts'),
    );
    const runtime = await createRuntime(config, { logger: silentLogger });
    try {
      const registry = runtime.get(tokens.modelRegistry);
      expect(registry).toBeInstanceOf(SqlModelRegistry);
      // Registrations and promotions reach hook subscribers; a refused promotion is not a promotion.
      const events: string[] = [];
      runtime.hooks.on('modelRegistered', (e) => void events.push(`registered ${e.version.name} v${e.version.version} created=${e.created} by ${e.actor}`));
      runtime.hooks.on('modelPromoted', (e) => void events.push(`promoted ${e.name} v${e.version} to ${e.alias} forced=${e.forced}`));
      const artifacts = runtime.get(tokens.artifactStore);
      const first = await sampleVersion(artifacts, 'fraud', evalOn(testSet, { rocAuc: 0.9 }));
      await registry.register(first);
      await registry.register(await sampleVersion(artifacts, 'fraud', evalOn(testSet, { rocAuc: 0.8 })));
      await registry.register(first);
      await registry.promote('fraud', 1);
      expect((await registry.promote('fraud', 2)).promoted).toBe(false);
      expect(events).toEqual(['registered fraud v1 created=true by runtime-test', 'registered fraud v2 created=true by runtime-test', 'registered fraud v1 created=false by runtime-test', 'promoted fraud v1 to champion forced=false']);
      expect(alerts.map((a) => [a.severity, a.title, a.labels?.actor])).toEqual([['warning', 'promotion of fraud v2 to champion refused', 'runtime-test']]);
      expect(await runtime.health()).toMatchObject({ modelRegistry: { ok: true } });
    } finally {
      await runtime.close();
    }
  });

  it('loads from its package name, as `plugins: { modelRegistry: "@mlops/model-registry" }` does', async () => {
    // Resolved from a config file inside this package, so the workspace's node_modules link is found.
    const config = await resolveConfig({ plugins: { metadataStore: sqlitePlugin(join(dir, 'by-name.sqlite')), artifactStore: memoryArtifactStore, modelRegistry: '@mlops/model-registry' } }, resolve(__dirname, '..', 'mlops.config.ts'));
    const plugin = config.plugins.find((p) => p.slot === 'modelRegistry')!;
    expect(plugin.plugin.name).toBe('model-registry');
    expect(plugin.options).toMatchObject({ gatedAliases: ['champion'] });
    const runtime = await createRuntime(config, { logger: silentLogger });
    // The dist copy's class, not this file's: check it works instead.
    expect(await runtime.get(tokens.modelRegistry).listModels()).toEqual([]);
    await runtime.close();
  });
});
