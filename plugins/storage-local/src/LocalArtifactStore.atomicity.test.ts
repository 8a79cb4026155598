import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomContent } from '@mlops/testkit';
import { LocalArtifactStore } from './LocalArtifactStore';

// The child runs plain node on the built package, like a real pipeline process would.
const builtEntry = resolve(__dirname, '..', 'dist', 'index.js');

const childScript = String.raw`
const { randomBytes } = require('node:crypto');
const { LocalArtifactStore } = require(process.env.ENTRY);
const store = new LocalArtifactStore({ path: process.env.ROOT });
const killAfter = Number(process.env.KILL_AFTER_CHUNKS);
async function* source() {
  for (let i = 0; ; i++) {
    if (i === killAfter) process.kill(process.pid, 'SIGKILL');
    yield randomBytes(1024 * 1024);
    if (i === 63) return;
  }
}
if (process.env.KILL_AFTER_MS) setTimeout(() => process.kill(process.pid, 'SIGKILL'), Number(process.env.KILL_AFTER_MS));
store.put(source()).then(() => setTimeout(() => {}, 60000));
`;

function runChild(root: string, env: Record<string, string>): Promise<NodeJS.Signals | number | null> {
  const child = spawn(process.execPath, ['-e', childScript], { env: { ...process.env, ENTRY: builtEntry, ROOT: root, ...env }, stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
}

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('LocalArtifactStore: a writer killed mid-write', () => {
  let root: string;
  beforeAll(async () => {
    if (!existsSync(builtEntry)) throw new Error(`${builtEntry} is missing; run \`npx tsc -b tsconfig.build.json\` first`);
    root = await mkdtemp(join(tmpdir(), 'mlops-atomic-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('leaves no partial or wrong blob, and the store keeps working', async () => {
    // Killed after 1 and after 5 chunks (surely mid-write), and on a timer that may land anywhere,
    // including the fsync and rename at the end.
    expect(await runChild(root, { KILL_AFTER_CHUNKS: '1' })).toBe('SIGKILL');
    expect(await runChild(root, { KILL_AFTER_CHUNKS: '5' })).toBe('SIGKILL');
    for (const ms of [30, 80, 150]) expect(await runChild(root, { KILL_AFTER_CHUNKS: '-1', KILL_AFTER_MS: String(ms) })).toBe('SIGKILL');

    // Every blob that exists holds exactly the content its path names.
    for (const file of await filesUnder(join(root, 'sha256'))) {
      const hex = relative(join(root, 'sha256'), file).replace(/[/\\]/g, '');
      expect(createHash('sha256').update(await readFile(file)).digest('hex')).toBe(hex);
    }
    // The killed writers' partial files are in tmp/, where no reader looks…
    const leftovers = await filesUnder(join(root, 'tmp'));
    expect(leftovers.length).toBeGreaterThanOrEqual(2);
    for (const file of leftovers) {
      const partial = await readFile(file);
      const store = new LocalArtifactStore({ path: root });
      expect(await store.has(`sha256:${createHash('sha256').update(partial).digest('hex')}`)).toBe(false);
    }

    // …and start() clears them once stale (age 0 here), after which the store works as before.
    const store = new LocalArtifactStore({ path: root, staleTempMs: 0 });
    await store.start();
    expect(await filesUnder(join(root, 'tmp'))).toEqual([]);
    const content = randomContent(1 << 20);
    const blob = await store.put(content);
    expect(Buffer.from(await store.get(blob.digest)).equals(content)).toBe(true);
  }, 60_000);
});
