import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { LocalArtifactStore } from '../LocalArtifactStore';
import { removeStaleTempFiles } from './removeStaleTempFiles';

describe('removeStaleTempFiles', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-stale-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function tempFile(root: string, name: string, ageMs: number) {
    await mkdir(join(root, 'tmp'), { recursive: true });
    const file = join(root, 'tmp', name);
    await writeFile(file, 'partial');
    const at = new Date(Date.now() - ageMs);
    await utimes(file, at, at);
  }

  it('removes files untouched for longer than the limit and keeps fresh ones', async () => {
    await tempFile(dir, '123-old', 11 * 60_000);
    await tempFile(dir, '456-fresh', 5_000);
    expect(await removeStaleTempFiles(join(dir, 'tmp'), 10 * 60_000)).toEqual(['123-old']);
    expect(await readdir(join(dir, 'tmp'))).toEqual(['456-fresh']);
  });

  it('is a no-op when the folder does not exist', async () => {
    expect(await removeStaleTempFiles(join(dir, 'missing'), 0)).toEqual([]);
  });

  it('runs on LocalArtifactStore.start(), with the configured age', async () => {
    await tempFile(dir, '1-killed-writer', 3 * 60_000);
    await tempFile(dir, '2-live-writer', 1_000);
    const infos: string[] = [];
    const logger = { debug() {}, warn() {}, error() {}, info: (m: string) => void infos.push(m) };
    await new LocalArtifactStore({ path: dir, staleTempMs: 2 * 60_000, logger }).start();
    expect(await readdir(join(dir, 'tmp'))).toEqual(['2-live-writer']);
    expect(infos).toEqual([`removed 1 stale temp file(s) from ${join(dir, 'tmp')}`]);
  });
});
