import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { contentPath, startLockMirror, type LockMirror } from './lockMirror';

// The registry test's offline npm registry, on a made-up lock and cache: what it lists, what it
// serves, and that it answers 404 (never a guess) for anything else.
let dir: string;
let mirror: LockMirror;
type Packument = { 'dist-tags': Record<string, string>; versions: Record<string, { scripts?: Record<string, string>; dist: { tarball: string } }> };
const packument = async (name: string) => (await (await fetch(`${mirror.url}${name}`)).json()) as Packument;
const tarball = Buffer.from('not really a tarball, but bytes with a known digest');
const prebuilt = Buffer.from('a prebuilt binary, as an install script downloads it');
const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mlops-lock-mirror-'));
  const file = contentPath(path.join(dir, 'cache'), integrity)!;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, tarball);
  mkdirSync(path.join(dir, 'node_modules/native'), { recursive: true });
  writeFileSync(path.join(dir, 'node_modules/native/package.json'), JSON.stringify({ name: 'native', version: '2.0.0', scripts: { install: 'node-gyp rebuild', test: 'x' } }));
  writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({
    packages: {
      '': { name: 'root' },
      'node_modules/@mlops/core': { resolved: 'packages/core', link: true },
      'node_modules/left-pad': { version: '1.3.0', integrity, dependencies: { native: '^2.0.0' }, engines: { node: '>=20' } },
      'node_modules/a/node_modules/left-pad': { version: '1.1.0', integrity },
      'node_modules/native': { version: '2.0.0', integrity, hasInstallScript: true },
      'node_modules/only-elsewhere': { version: '1.0.0', integrity: 'sha512-AAAA', os: ['darwin'] },
    },
  }));
  // semver is resolved from the lock's folder: give it this repo's.
  mkdirSync(path.join(dir, 'node_modules/semver'), { recursive: true });
  writeFileSync(path.join(dir, 'node_modules/semver/index.js'), `module.exports = require(${JSON.stringify(require.resolve('semver'))});`);
  writeFileSync(path.join(dir, 'addon.tar.gz'), prebuilt);
  mirror = await startLockMirror({ lockFile: path.join(dir, 'package-lock.json'), cacheDir: path.join(dir, 'cache'), exclude: (n) => n.startsWith('@mlops/'), files: { 'v2.0.0/native-v2.0.0-node-v115-linux-x64.tar.gz': path.join(dir, 'addon.tar.gz') } });
});
afterAll(async () => {
  await mirror.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('lockMirror', () => {
  it('serves every locked version whose tarball is cached, latest = the highest, tarball URLs on itself', async () => {
    const doc = await packument('left-pad');
    expect(Object.keys(doc.versions).sort()).toEqual(['1.1.0', '1.3.0']);
    expect(doc['dist-tags']).toEqual({ latest: '1.3.0' });
    expect(doc.versions['1.3.0']).toMatchObject({ dependencies: { native: '^2.0.0' }, engines: { node: '>=20' }, dist: { integrity } });
    const res = await fetch(doc.versions['1.3.0'].dist.tarball);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(tarball)).toBe(true);
  });

  it('gives a package with an install script the scripts of its installed copy (the lock keeps only a flag)', async () => {
    const doc = await packument('native');
    expect(doc.versions['2.0.0'].scripts).toEqual({ install: 'node-gyp rebuild' });
  });

  it('answers 404 for excluded, uncached and unknown packages, and records the misses', async () => {
    for (const name of ['@mlops%2fcore', 'only-elsewhere', 'left-pad-2']) expect((await fetch(`${mirror.url}${name}`)).status).toBe(404);
    expect([...mirror.misses].sort()).toEqual(['@mlops/core', 'left-pad-2', 'only-elsewhere']);
    expect((await fetch(`${mirror.url}-/0000.tgz`)).status).toBe(404);
  });

  it('serves the extra files it was given under /-/files/, records which were downloaded, and 404 for others', async () => {
    expect(mirror.served.size).toBe(0);
    const res = await fetch(`${mirror.url}-/files/v2.0.0/native-v2.0.0-node-v115-linux-x64.tar.gz`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(prebuilt)).toBe(true);
    expect([...mirror.served]).toEqual(['v2.0.0/native-v2.0.0-node-v115-linux-x64.tar.gz']);
    for (const other of ['v2.0.0/native-v2.0.0-node-v115-linux-arm64.tar.gz', 'toString', '']) expect((await fetch(`${mirror.url}-/files/${other}`)).status).toBe(404);
    expect(mirror.served.size).toBe(1);
  });
});
