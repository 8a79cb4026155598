import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isPlugin, tokens } from '@mlops/core';
import { createTestContext, randomContent } from '@mlops/testkit';
import { LocalArtifactStore } from './LocalArtifactStore';
import { localArtifactStore } from './localArtifactStorePlugin';
import { localArtifactStoreOptions } from './options';

describe('localArtifactStore plugin', () => {
  let dir: string;
  let dirs: { projectRoot: string; stateDir: string };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-local-plugin-'));
    dirs = { projectRoot: join(dir, 'project'), stateDir: join(dir, 'project', '.mlops') };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is a plugin providing the artifact store', () => {
    expect(isPlugin(localArtifactStore)).toBe(true);
    expect(localArtifactStore.provides).toBe(tokens.artifactStore);
    expect(localArtifactStore.name).toBe('storage-local');
  });

  it('defaults to <stateDir>/artifacts and stores blobs there once started', async () => {
    const store = (await localArtifactStore.create(createTestContext(localArtifactStore, {}, dirs))) as LocalArtifactStore;
    expect(store).toBeInstanceOf(LocalArtifactStore);
    expect(store.root).toBe(join(dirs.stateDir, 'artifacts'));
    await store.start();
    const blob = await store.put(randomContent(10));
    expect(blob.uri.startsWith(`file://${join(dirs.stateDir, 'artifacts', 'sha256')}/`)).toBe(true);
    expect((await stat(join(dirs.stateDir, 'artifacts', 'tmp'))).isDirectory()).toBe(true);
  });

  it('resolves a relative path against the project root and keeps an absolute one', async () => {
    const relative = (await localArtifactStore.create(createTestContext(localArtifactStore, { path: 'data/blobs' }, dirs))) as LocalArtifactStore;
    expect(relative.root).toBe(join(dirs.projectRoot, 'data', 'blobs'));
    const absolute = (await localArtifactStore.create(createTestContext(localArtifactStore, { path: join(dir, 'abs') }, dirs))) as LocalArtifactStore;
    expect(absolute.root).toBe(join(dir, 'abs'));
  });

  it('validates options with zod: wrong types, empty path, unknown keys', () => {
    const schema = localArtifactStoreOptions;
    expect(schema.parse({})).toEqual({ staleTempMinutes: 10 });
    const issues = (raw: unknown) => schema.safeParse(raw).error?.issues.map((i) => ({ code: i.code, path: i.path }));
    expect(issues({ path: 5 })).toEqual([{ code: 'invalid_type', path: ['path'] }]);
    expect(issues({ path: '' })).toEqual([{ code: 'too_small', path: ['path'] }]);
    expect(issues({ staleTempMinutes: -1 })).toEqual([{ code: 'too_small', path: ['staleTempMinutes'] }]);
    expect(issues({ pth: 'x' })).toEqual([{ code: 'unrecognized_keys', path: [] }]);
  });
});
