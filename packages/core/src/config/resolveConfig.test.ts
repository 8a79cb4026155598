import * as path from 'node:path';
import { z } from 'zod';
import { memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';
import { definePlugin } from '../plugins/definePlugin';
import { ConfigError, MissingDependencyError } from '../errors/errors';
import { tokens } from '../tokens/tokens';
import { env } from './env';
import { resolveConfig } from './resolveConfig';

const file = path.join(process.cwd(), 'mlops.config.ts');
const storage = { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore };
const featureStore = definePlugin({
  name: 'feature-store-test',
  provides: tokens.featureStore,
  options: z.object({ ttlSeconds: z.number().int().positive(), url: z.string().optional() }).strict(),
  create: () => ({}) as never,
});

async function configError(raw: unknown): Promise<ConfigError> {
  const err = await resolveConfig(raw, file, {}).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ConfigError);
  return err as ConfigError;
}

describe('resolveConfig', () => {
  it('names the file, the field path, what was expected and what was found', async () => {
    const err = await configError({ plugins: { ...storage, featureStore: { use: featureStore, options: { ttlSeconds: 'ten' } } } });
    expect(err.message).toMatchInlineSnapshot(`"mlops.config.ts: plugins.featureStore.options.ttlSeconds: expected a number, received "ten""`);
    expect(err.issues).toEqual([{ path: 'plugins.featureStore.options.ttlSeconds', expected: 'a number', received: '"ten"' }]);
    expect(err.code).toBe('E_CONFIG');
  });

  it('reports every issue at once, with suggestions for misspelt fields', async () => {
    const err = await configError({ pipline: {}, maxParallelSteps: 0, plugins: { ...storage, featureStore: { use: featureStore, options: { ttlSeconds: -1, ttl: 3 } } } });
    expect(err.message.split('\n')).toEqual([
      'mlops.config.ts: maxParallelSteps: expected a positive number, received 0',
      'mlops.config.ts: pipline: expected no field "pipline" (did you mean "pipelines"?), received an empty object',
    ]);
    const second = await configError({ plugins: { ...storage, featureStore: { use: featureStore, options: { ttlSeconds: -1, ttl: 3 } } } });
    expect(second.issues.map((i) => `${i.path}: ${i.expected}`)).toEqual([
      'plugins.featureStore.options.ttlSeconds: a positive number',
      'plugins.featureStore.options.ttl: no field "ttl" (did you mean "ttlSeconds"?)',
    ]);
  });

  it('suggests the nearest slot name for an unknown slot', async () => {
    const err = await configError({ plugins: { ...storage, featurestore: featureStore } });
    expect(err.issues[0]).toMatchObject({ path: 'plugins.featurestore', expected: 'no field "featurestore" (did you mean "featureStore"?)' });
  });

  it('suggests the nearest known package for a misspelt plugin name', async () => {
    const err = await configError({ plugins: { artifactStore: '@mlops/storage-locl', metadataStore: memoryMetadataStore } });
    expect(err.issues[0].path).toBe('plugins.artifactStore');
    expect(err.issues[0].expected).toContain('did you mean "@mlops/storage-local"?');
    expect(err.issues[0].received).toBe('"@mlops/storage-locl"');
  });

  it('resolves env() references and reports unset variables by field', async () => {
    const ok = await resolveConfig({ plugins: { ...storage, featureStore: { use: featureStore, options: { ttlSeconds: 5, url: env('FS_URL') } } } }, file, { FS_URL: 'redis://x' });
    expect(ok.plugins.find((p) => p.slot === 'featureStore')?.options).toEqual({ ttlSeconds: 5, url: 'redis://x' });
    const err = await configError({ plugins: { ...storage, featureStore: { use: featureStore, options: { ttlSeconds: 5, url: env('FS_URL') } } } });
    expect(err.message).toBe('mlops.config.ts: plugins.featureStore.options.url: expected environment variable FS_URL to be set, received nothing');
    const withDefault = await resolveConfig({ plugins: { ...storage, featureStore: { use: featureStore, options: { ttlSeconds: 5, url: env('FS_URL', { default: 'redis://d' }) } } } }, file, {});
    expect((withDefault.plugins.find((p) => p.slot === 'featureStore')?.options as { url: string }).url).toBe('redis://d');
  });

  it("reads the dashboard's token from ui.token (an env reference), empty as unset, and keeps it out of the digest", async () => {
    const raw = { plugins: storage, ui: { token: env('UI_TOKEN', { default: '' }) } };
    const set = await resolveConfig(raw, file, { UI_TOKEN: 's3cret' });
    expect(set.ui).toEqual({ token: 's3cret' });
    const unset = await resolveConfig(raw, file, {});
    expect(unset.ui).toEqual({ token: null });
    expect(set.digest).toBe(unset.digest);
    expect((await resolveConfig({ plugins: storage }, file, {})).ui).toEqual({ token: null });
    const err = await configError({ plugins: storage, ui: { token: 'x', port: 4000 } });
    expect(err.issues.map((i) => i.path)).toEqual(['ui.port']);
  });

  it('rejects a plugin configured for a slot it does not provide', async () => {
    const err = await configError({ plugins: { artifactStore: memoryMetadataStore, metadataStore: memoryMetadataStore } });
    expect(err.message).toBe('mlops.config.ts: plugins.artifactStore: expected a plugin providing the artifact store, received plugin "memory-metadata-store" providing the metadata store');
  });

  it('checks that what a plugin requires is provided, naming candidates', async () => {
    const needsRegistry = definePlugin({ name: 'needs-registry', provides: tokens.server, requires: [tokens.modelRegistry], create: () => ({}) as never });
    const needsMetadata = definePlugin({ name: 'needs-metadata', provides: tokens.tracker, requires: [tokens.metadataStore], create: () => ({}) as never });
    const err = await resolveConfig({ plugins: { ...storage, server: needsRegistry } }, file, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingDependencyError);
    expect((err as Error).message).toBe("plugin \"needs-registry\" requires the model registry, but no configured plugin provides it; configure one of: plugins.modelRegistry: '@mlops/model-registry'");
    const resolved = await resolveConfig({ plugins: { ...storage, tracker: needsMetadata } }, file, {});
    expect(resolved.plugins.map((p) => [p.slot, p.plugin.name, p.source])).toEqual([
      ['artifactStore', 'memory-artifact-store', 'inline'],
      ['metadataStore', 'memory-metadata-store', 'inline'],
      ['tracker', 'needs-metadata', 'inline'],
    ]);
  });

  it('reports every missing dependency at once, each with its plugin, token and candidates', async () => {
    const needsRegistry = definePlugin({ name: 'needs-registry', provides: tokens.server, requires: [tokens.modelRegistry], create: () => ({}) as never });
    const needsTwo = definePlugin({ name: 'needs-two', provides: tokens.alertSink, requires: [tokens.tracker, tokens.featureStore], create: () => ({}) as never });
    const err = (await resolveConfig({ plugins: { ...storage, server: needsRegistry, alertSink: needsTwo } }, file, {}).catch((e: unknown) => e)) as MissingDependencyError;
    expect(err).toBeInstanceOf(MissingDependencyError);
    expect(err.missing.map((m) => [m.plugin, m.token])).toEqual([['needs-registry', 'the model registry'], ['needs-two', 'the experiment tracker'], ['needs-two', 'the feature store']]);
    expect(err.badInput).toBe(true);
    expect(err.message).toMatchInlineSnapshot(`
"plugin "needs-registry" requires the model registry, but no configured plugin provides it; configure one of: plugins.modelRegistry: '@mlops/model-registry'
plugin "needs-two" requires the experiment tracker, but no configured plugin provides it; configure one of: plugins.tracker: '@mlops/tracker'
plugin "needs-two" requires the feature store, but no configured plugin provides it; configure one of: plugins.featureStore: '@mlops/feature-store'"
`);
  });

  it('fills defaults and computes a stable digest', async () => {
    const a = await resolveConfig({ plugins: storage }, file, {});
    const b = await resolveConfig({ plugins: storage }, file, {});
    expect(a).toMatchObject({ project: path.basename(process.cwd()), stateDir: path.join(process.cwd(), '.mlops'), maxParallelSteps: 4, logLevel: 'info' });
    expect(a.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.digest).toBe(b.digest);
    const c = await resolveConfig({ plugins: storage, stateDir: 'elsewhere' }, file, {});
    expect(c.digest).not.toBe(a.digest);
  });

  it("puts a plugin's cache identity (never the secret itself) into its service digest", async () => {
    const keyed = definePlugin({
      name: 'keyed',
      provides: tokens.validator,
      options: z.object({ keyEnv: z.string().default('KEY') }),
      cacheIdentity: (options, environment) => ({ key: environment[options.keyEnv] ? `fp-${environment[options.keyEnv]!.length}` : null }),
      create: () => ({}) as never,
    });
    const digest = async (environment: NodeJS.ProcessEnv) => (await resolveConfig({ plugins: { ...storage, validator: keyed } }, file, environment)).serviceDigests[tokens.validator.id];
    const a = await digest({ KEY: 'abc' });
    expect(await digest({ KEY: 'xyz' })).toBe(a);
    expect(await digest({ KEY: 'abcd' })).not.toBe(a);
    expect(await digest({})).not.toBe(a);
    // Plugins without one keep the digest of their name, source and options alone.
    const plain = await resolveConfig({ plugins: storage }, file, { KEY: 'abcd' });
    expect(plain.serviceDigests[tokens.artifactStore.id]).toBe((await resolveConfig({ plugins: storage }, file, {})).serviceDigests[tokens.artifactStore.id]);
  });

  it('with slots, loads only those plugins and what they require or optionally use', async () => {
    const registry = definePlugin({ name: 'registry-test', provides: tokens.modelRegistry, requires: [tokens.metadataStore], optional: [tokens.alertSink], create: () => ({}) as never });
    const alerts = definePlugin({ name: 'alerts-test', provides: tokens.alertSink, create: () => ({}) as never });
    // The trainer's package is not installed: only a command that needs the trainer may fail on it.
    const raw = { plugins: { ...storage, modelRegistry: registry, alertSink: alerts, trainer: '@mlops/trainer-not-installed' } };
    expect((await configError(raw)).issues.map((i) => i.path)).toEqual(['plugins.trainer']);
    const slotsOf = async (slots: Parameters<typeof resolveConfig>[3]) => (await resolveConfig(raw, file, {}, slots)).plugins.map((p) => p.slot).sort();
    expect(await slotsOf({ slots: ['metadataStore'] })).toEqual(['metadataStore']);
    expect(await slotsOf({ slots: ['modelRegistry'] })).toEqual(['alertSink', 'metadataStore', 'modelRegistry']);
    await expect(resolveConfig(raw, file, {}, { slots: ['trainer'] })).rejects.toThrow('plugins.trainer');
  });
});

