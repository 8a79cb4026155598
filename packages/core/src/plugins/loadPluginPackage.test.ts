import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { resolveConfig } from '../config/resolveConfig';
import { createRuntime } from './createRuntime';
import { loadPluginPackage } from './loadPluginPackage';

let project: string;
function writePackage(name: string, files: Record<string, string>, pkg: Record<string, unknown> = {}) {
  const dir = path.join(project, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js', ...pkg }));
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
}

// A third-party plugin as published to npm: plain JS, no import of @mlops/core needed (tokens are
// matched by id, so a plugin built against another copy of core works too).
const memoryStoragePlugin = (provides: string, name: string) => `
module.exports.${name} = {
  name: '${name}',
  provides: { id: 'mlops:${provides}', description: '${provides}' },
  create: (ctx) => ({ kind: '${name}', options: ctx.options, close: async () => { module.exports.closed = (module.exports.closed || 0) + 1; } }),
};`;

beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-plugins-'));
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', dependencies: { 'mlops-plugin-acme': '1.0.0' } }));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

describe('loadPluginPackage', () => {
  it('resolves a plugin package from the user project node_modules', async () => {
    writePackage('mlops-plugin-acme', { 'index.js': memoryStoragePlugin('artifactStore', 'acmeArtifacts') + memoryStoragePlugin('metadataStore', 'acmeMetadata') });
    const plugins = await loadPluginPackage('mlops-plugin-acme', project);
    expect(plugins.map((p) => p.name).sort()).toEqual(['acmeArtifacts', 'acmeMetadata']);
  });

  it('loads ESM-only packages', async () => {
    writePackage('mlops-plugin-esm', { 'index.mjs': `export default [{ name: 'esm', provides: { id: 'mlops:tracker', description: 'tracker' }, create: () => ({}) }];` }, { type: 'module', main: 'index.mjs', exports: './index.mjs' });
    const plugins = await loadPluginPackage('mlops-plugin-esm', project);
    expect(plugins.map((p) => p.name)).toEqual(['esm']);
  });

  it('suggests a dependency of the project for a misspelt name', async () => {
    await expect(loadPluginPackage('mlops-plugin-acm', project)).rejects.toMatchObject({ code: 'E_PLUGIN_NOT_FOUND', message: expect.stringContaining('did you mean "mlops-plugin-acme"?') });
  });

  it('swaps a stage by config alone: the same slot filled by packages named in the config', async () => {
    writePackage('mlops-plugin-acme', { 'index.js': memoryStoragePlugin('artifactStore', 'acmeArtifacts') + memoryStoragePlugin('metadataStore', 'acmeMetadata') });
    writePackage('mlops-plugin-other', { 'index.js': memoryStoragePlugin('artifactStore', 'otherArtifacts') });
    const file = path.join(project, 'mlops.config.ts');
    const make = async (artifactStore: string) => {
      const config = await resolveConfig({ plugins: { artifactStore: { use: artifactStore, options: { bucket: 'b' } }, metadataStore: 'mlops-plugin-acme' } }, file, {});
      const runtime = await createRuntime(config);
      const service = runtime.get({ id: 'mlops:artifactStore', description: 'a' }) as unknown as { kind: string; options: unknown };
      await runtime.close();
      return service;
    };
    expect(await make('mlops-plugin-acme')).toMatchObject({ kind: 'acmeArtifacts', options: { bucket: 'b' } });
    expect(await make('mlops-plugin-other')).toMatchObject({ kind: 'otherArtifacts', options: { bucket: 'b' } });
  });

  it('says which slots a package does provide when it lacks the configured one', async () => {
    writePackage('mlops-plugin-other', { 'index.js': memoryStoragePlugin('artifactStore', 'otherArtifacts') });
    const err = await resolveConfig({ plugins: { artifactStore: 'mlops-plugin-other', metadataStore: 'mlops-plugin-other' } }, path.join(project, 'mlops.config.ts'), {}).catch((e: Error) => e);
    expect((err as Error).message).toContain('plugins.metadataStore: expected a package with a plugin providing the metadata store, received "mlops-plugin-other", which exports plugins for: artifactStore');
  });
});
