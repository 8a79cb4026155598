import * as path from 'node:path';
import { z } from 'zod';
import { memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';
import { resolveConfig } from '../config/resolveConfig';
import type { Token } from '../tokens/createToken';
import { tokens } from '../tokens/tokens';
import { silentLogger } from '../util/logger';
import { PluginCloseError, SlotNotConfiguredError } from '../errors/errors';
import { createRuntime } from './createRuntime';
import { definePlugin } from './definePlugin';

const file = path.join(process.cwd(), 'mlops.config.ts');
const storage = { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore };

function tracing(log: string[]) {
  const registry = definePlugin({
    name: 'registry',
    provides: tokens.modelRegistry,
    requires: [tokens.metadataStore],
    create: (ctx) => {
      log.push('create registry');
      const metadata = ctx.resolve(tokens.metadataStore);
      return { metadata, start: () => void log.push('start registry'), close: () => void log.push('close registry') } as never;
    },
  });
  const server = definePlugin({
    name: 'server',
    provides: tokens.server,
    requires: [tokens.modelRegistry],
    options: z.object({ port: z.number().default(8080) }),
    create: (ctx) => {
      log.push(`create server on ${ctx.options.port}`);
      return { registry: ctx.resolve(tokens.modelRegistry), close: () => void log.push('close server'), health: () => ({ ok: false, detail: 'no model' }) } as never;
    },
  });
  return { registry, server };
}

describe('createRuntime', () => {
  it('starts plugins after what they require and closes them in reverse order', async () => {
    const log: string[] = [];
    const { registry, server } = tracing(log);
    // Listed server-first on purpose: order comes from `requires`, not from the config.
    const config = await resolveConfig({ plugins: { server, modelRegistry: registry, ...storage } }, file, {});
    const runtime = await createRuntime(config, { logger: silentLogger });
    expect(log).toEqual(['create registry', 'start registry', 'create server on 8080']);
    expect((runtime.get(tokens.server) as unknown as { registry: unknown }).registry).toBe(runtime.get(tokens.modelRegistry));
    expect(await runtime.health()).toMatchObject({ server: { ok: false, detail: 'no model' }, modelRegistry: { ok: true } });
    await runtime.close();
    await runtime.close();
    expect(log.slice(3)).toEqual(['close server', 'close registry']);
  });

  it('hands out its started services through a tsyringe container made on first access', async () => {
    const { registry, server } = tracing([]);
    const config = await resolveConfig({ plugins: { server, modelRegistry: registry, ...storage } }, file, {});
    const runtime = await createRuntime(config, { logger: silentLogger });
    expect(runtime.container).toBe(runtime.container);
    expect(runtime.container.resolve(tokens.modelRegistry.id)).toBe(runtime.get(tokens.modelRegistry));
    expect(runtime.container.isRegistered(tokens.tuner.id)).toBe(false);
    await runtime.close();
  });

  it('starts only the requested slots and what they need', async () => {
    const log: string[] = [];
    const { registry, server } = tracing(log);
    const config = await resolveConfig({ plugins: { server, modelRegistry: registry, ...storage } }, file, {});
    const runtime = await createRuntime(config, { slots: ['modelRegistry'], logger: silentLogger });
    expect(runtime.has(tokens.modelRegistry)).toBe(true);
    expect(runtime.has(tokens.metadataStore)).toBe(true);
    expect(runtime.has(tokens.server)).toBe(false);
    expect(() => runtime.get(tokens.server)).toThrow('no started plugin provides the model server');
    // A slot with a known package names it, so the message says what to write.
    expect(() => runtime.get(tokens.server)).toThrow("(e.g. plugins.server: '@mlops/server')");
    // A slot the config leaves empty is the user's to fill: a usage error naming the slot and its package.
    const empty = (() => {
      try {
        runtime.get(tokens.tuner);
      } catch (err) {
        return err as SlotNotConfiguredError;
      }
    })();
    expect(empty).toBeInstanceOf(SlotNotConfiguredError);
    expect({ code: empty?.code, badInput: empty?.badInput, slot: empty?.slot, message: empty?.message }).toEqual({
      code: 'E_SLOT_NOT_CONFIGURED',
      badInput: true,
      slot: 'tuner',
      message: `no started plugin provides the tuner: plugins.tuner is not configured in ${file} (e.g. plugins.tuner: '@mlops/tuner')`,
    });
    await runtime.close();
  });

  it('closes already-started plugins when one fails to start, and names the plugin', async () => {
    const log: string[] = [];
    const { registry } = tracing(log);
    const broken = definePlugin({ name: 'broken-server', provides: tokens.server, requires: [tokens.modelRegistry], create: () => { throw new Error('port 80 in use'); } });
    const config = await resolveConfig({ plugins: { server: broken, modelRegistry: registry, ...storage } }, file, {});
    await expect(createRuntime(config, { logger: silentLogger })).rejects.toMatchObject({ code: 'E_PLUGIN', plugin: 'broken-server', message: 'plugin "broken-server" failed to start: port 80 in use' });
    expect(log).toEqual(['create registry', 'start registry', 'close registry']);
  });

  it('reports every plugin that fails to close, after closing all of them', async () => {
    const log: string[] = [];
    const closing = <T>(name: string, provides: Token<T>, error?: string) =>
      definePlugin({ name, provides, create: () => ({ close: () => { log.push(`close ${name}`); if (error) throw new Error(error); } }) as never });
    const config = await resolveConfig({ plugins: { ...storage, tracker: closing('tracker-a', tokens.tracker, 'disk full'), server: closing('server-b', tokens.server), alertSink: closing('alerts-c', tokens.alertSink, 'socket hang up') } }, file, {});
    const runtime = await createRuntime(config, { logger: silentLogger });
    const error = await runtime.close().catch((e: unknown) => e);
    expect(log.sort()).toEqual(['close alerts-c', 'close server-b', 'close tracker-a']);
    expect(error).toBeInstanceOf(PluginCloseError);
    const closeError = error as PluginCloseError;
    expect(closeError.code).toBe('E_PLUGIN_CLOSE');
    expect(closeError.failures.map((f) => [f.plugin, (f.error as Error).message]).sort()).toEqual([['alerts-c', 'socket hang up'], ['tracker-a', 'disk full']]);
    expect(closeError.errors).toHaveLength(2);
    expect(closeError.message.split('\n').sort()).toEqual(['  plugin "alerts-c": socket hang up', '  plugin "tracker-a": disk full', '2 plugins failed to close:']);
    expect(closeError.toJSON().failures).toEqual(expect.arrayContaining([{ plugin: 'tracker-a', error: { name: 'MlopsError', code: 'E_INTERNAL', message: 'disk full' } }]));
  });

  it('rethrows the error of the one plugin that fails to close as it is', async () => {
    const failing = definePlugin({ name: 'tracker-a', provides: tokens.tracker, create: () => ({ close: () => { throw new Error('disk full'); } }) as never });
    const runtime = await createRuntime(await resolveConfig({ plugins: { ...storage, tracker: failing } }, file, {}), { logger: silentLogger });
    await expect(runtime.close()).rejects.toThrow(/^disk full$/);
  });

  it('refuses to resolve a token the plugin did not declare in requires', async () => {
    const sneaky = definePlugin({ name: 'sneaky', provides: tokens.tracker, create: (ctx) => ({ m: (ctx.resolve as (t: unknown) => unknown)(tokens.metadataStore) }) as never });
    const config = await resolveConfig({ plugins: { tracker: sneaky, ...storage } }, file, {});
    await expect(createRuntime(config, { logger: silentLogger })).rejects.toThrow('plugin "sneaky" resolved the metadata store without listing it in `requires`');
  });

  it('gives each runtime its own child container', async () => {
    const config = await resolveConfig({ plugins: storage }, file, {});
    const a = await createRuntime(config, { logger: silentLogger });
    const b = await createRuntime(config, { logger: silentLogger });
    expect(a.get(tokens.metadataStore)).not.toBe(b.get(tokens.metadataStore));
    await Promise.all([a.close(), b.close()]);
  });
});
