import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCodes } from '@mlops/core';
import { artifactStoreConformance, chunked, randomContent, sha256Digest } from '@mlops/testkit';
import { blobPath } from './lib/blobLayout';
import { LocalArtifactStore } from './LocalArtifactStore';

artifactStoreConformance('LocalArtifactStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-local-artifacts-'));
  return {
    store: new LocalArtifactStore({ path: join(dir, 'artifacts') }),
    corrupt: (digest) => writeFile(blobPath(join(dir, 'artifacts'), digest), 'not what was stored'),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('LocalArtifactStore layout', () => {
  let dir: string;
  let store: LocalArtifactStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-local-layout-'));
    store = new LocalArtifactStore({ path: dir });
    await store.start();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('stores a blob at sha256/<2 hex>/<62 hex>, returns a file:// uri, and leaves tmp/ empty', async () => {
    const content = randomContent(100);
    const blob = await store.put(chunked(content, 10));
    const hex = sha256Digest(content).slice('sha256:'.length);
    const file = join(dir, 'sha256', hex.slice(0, 2), hex.slice(2));
    expect((await stat(file)).size).toBe(100);
    expect(blob.uri).toBe(`file://${file}`);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });

  it('does not rewrite a blob that exists', async () => {
    const content = randomContent(100);
    const blob = await store.put(content);
    const file = blobPath(dir, blob.digest);
    const before = await stat(file);
    await new Promise((r) => setTimeout(r, 20));
    await store.put(content);
    const after = await stat(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });

  it('treats a malformed digest as missing, so it can never reach outside the folder', async () => {
    for (const bad of ['sha256:../../etc/passwd', 'md5:abc', sha256Digest(randomContent(4)).toUpperCase()]) {
      await expect(store.get(bad)).rejects.toMatchObject({ code: errorCodes.artifactNotFound });
      expect(await store.has(bad)).toBe(false);
      await expect(store.delete(bad)).resolves.toBeUndefined();
    }
  });

  it('lets an error thrown by the caller’s stream through and leaves no temp file', async () => {
    async function* failing() {
      yield randomContent(10);
      throw new Error('source broke');
    }
    await expect(store.put(failing())).rejects.toThrow('source broke');
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });

  it('reports file-system failures as StorageError, and health() says the folder is not writable', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const broken = new LocalArtifactStore({ path: join(file, 'store') });
    await expect(broken.put(randomContent(1))).rejects.toMatchObject({ code: errorCodes.storage, message: expect.stringContaining('create folders failed') });
    expect(await broken.health()).toMatchObject({ ok: false, detail: expect.stringContaining('is not writable') });
    expect(await store.health()).toEqual({ ok: true });
  });
});
