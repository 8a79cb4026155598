import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort } from '@mlops/testkit';
import { startLockMirror, type LockMirror } from './lockMirror';

/*
 * A user outside this repository, end to end: every public package is published with the release
 * command to a private registry (verdaccio on 127.0.0.1, temp storage, a htpasswd written here, no
 * uplinks), then, in a fresh folder under the OS temp dir, the README's "Install in your project"
 * lines run exactly as written, one `sh -c` each: install the CLI, `mlops init`, install, train,
 * serve, one POST to /predict; SIGTERM then stops the server.
 *
 * Offline, truly: @mlops/* come from verdaccio; every other package (zod, knex, better-sqlite3,
 * onnxruntime-node, …) from a second local registry, lockMirror, which serves exactly the versions
 * of this repo's package-lock.json from npm's own cache (filled by `npm ci`). Verdaccio keeps no
 * uplink, and npm's default registry points at the mirror, so a package missing from either fails
 * the install instead of being downloaded. (npm's `--offline` cannot do this: it would refuse
 * verdaccio too, and `--prefer-offline` silently goes to the internet on a cache miss.) The npm
 * settings live in a temp global npmrc, so the user's folder holds nothing but what the README
 * makes; the machine's ~/.npmrc (nodedir for better-sqlite3's build) still applies.
 *
 * better-sqlite3's install script (prebuild-install) gets its native binary as a user with network
 * does: a prebuilt tarball downloaded from its binary host, here the lock mirror, which serves this
 * repo's own build of the same version packed the way the project's GitHub releases pack it. Offline
 * it would otherwise compile from source, which took most of this test's several minutes on 2 cores
 * and is not what a user's install does. The host is prebuild-install's documented
 * `npm_config_better_sqlite3_binary_host`, set for the `npm install` lines only: npm 11 warns
 * "Unknown env config" about it, and a user without the setting sees no such line.
 */
const repo = path.resolve(__dirname, '../..');
let tmp: string;
let registryUrl: string;
let verdaccio: ChildProcess | undefined;
let mirror: LockMirror | undefined;
/** better-sqlite3's prebuilt tarball, as a path under the mirror's `/-/files/`. */
let prebuilt: string;
let serve: ChildProcess | undefined;
const log: string[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, ok: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}\n${log.join('\n')}`);
    await sleep(250);
  }
}
const answers = (url: string) => fetch(url).then((r) => r.ok, () => false);

/** A shell as a user has it: this process's environment without what npm put there for `npm test`. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD' && k !== 'NODE_OPTIONS'));
  return { ...env, NO_COLOR: '1', ...extra };
}

/** The fenced `sh` blocks of the README's "Install in your project" section, as command lines. */
function readmeInstallBlocks(): string[][] {
  const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
  const section = /^## Install in your project\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no "## Install in your project" section');
  return [...section.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1].split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean));
}

/** Where prebuild-install looks for better-sqlite3 under its binary host, for this Node and platform. */
function prebuiltPath(version: string): string {
  return `v${version}/better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
}

/**
 * Runs one line in a shell, asynchronously: the lock mirror answers npm from this very process, so
 * a spawnSync here would block it and hang the install.
 */
function sh(line: string, cwd: string, env: NodeJS.ProcessEnv, timeout: number): Promise<{ stdout: string; stderr: string }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', line], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      log.push(`$ ${line}  (${((Date.now() - started) / 1000).toFixed(1)} s, exit ${code ?? signal})\n${stdout}${stderr}`);
      if (code === 0) return resolve({ stdout, stderr });
      reject(new Error(`"${line}" failed (exit ${code ?? signal}) in ${cwd}\n${log.join('\n')}\nnot in the lock mirror: ${[...(mirror?.misses ?? [])].join(', ') || 'none'}`));
    });
  });
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'mlops-registry-'));
  const port = await freePort();
  registryUrl = `http://127.0.0.1:${port}/`;
  const password = createHash('sha256').update(tmp).digest('hex').slice(0, 16);
  // verdaccio's htpasswd plugin reads {SHA} entries; the user exists before the first publish.
  writeFileSync(path.join(tmp, 'htpasswd'), `mlops-release:{SHA}${createHash('sha1').update(password).digest('base64')}:autocreated ${new Date().toISOString()}\n`);
  writeFileSync(
    path.join(tmp, 'verdaccio.yaml'),
    [
      `storage: ${JSON.stringify(path.join(tmp, 'storage'))}`,
      `auth:\n  htpasswd:\n    file: ${JSON.stringify(path.join(tmp, 'htpasswd'))}\n    max_users: -1`,
      'uplinks: {}',
      "packages:\n  '@mlops/*':\n    access: $all\n    publish: $authenticated\n  '**':\n    access: $all",
      'log: { type: stdout, format: pretty, level: error }',
      '',
    ].join('\n'),
  );
  verdaccio = spawn(process.execPath, [path.join(repo, 'node_modules/verdaccio/bin/verdaccio'), '--config', path.join(tmp, 'verdaccio.yaml'), '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  verdaccio.stdout!.on('data', (d) => log.push(`verdaccio: ${d}`));
  verdaccio.stderr!.on('data', (d) => log.push(`verdaccio: ${d}`));
  await until('verdaccio to answer /-/ping', () => answers(`${registryUrl}-/ping`), 60_000);

  const cacheDir = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8', env: userEnv({}) }).stdout.trim();
  const addon = path.join(repo, 'node_modules/better-sqlite3');
  const packed = spawnSync('tar', ['-czf', path.join(tmp, 'better-sqlite3.tar.gz'), '-C', addon, 'build/Release/better_sqlite3.node'], { encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`packing better-sqlite3's prebuilt binary failed: ${packed.stderr}`);
  prebuilt = prebuiltPath(JSON.parse(readFileSync(path.join(addon, 'package.json'), 'utf8')).version);
  const files = { [prebuilt]: path.join(tmp, 'better-sqlite3.tar.gz') };
  mirror = await startLockMirror({ lockFile: path.join(repo, 'package-lock.json'), cacheDir, exclude: (name) => name.startsWith('@mlops/'), files });
  writeFileSync(path.join(tmp, 'publish.npmrc'), `//127.0.0.1:${port}/:_auth=${Buffer.from(`mlops-release:${password}`).toString('base64')}\nupdate-notifier=false\n`);
  writeFileSync(path.join(tmp, 'user.npmrc'), `registry=${mirror.url}\n@mlops:registry=${registryUrl}\nupdate-notifier=false\nfund=false\naudit=false\n`);
}, 120_000);

afterAll(async () => {
  serve?.kill('SIGKILL');
  verdaccio?.kill('SIGTERM');
  await mirror?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('installing from a registry, as the README says', () => {
  it('publishes every package with the release command, then install → init → install → train → serve → /predict 200 → SIGTERM', async () => {
    // The release: build, publish in dependency order, to the URL given.
    const publishEnv = userEnv({ NPM_CONFIG_USERCONFIG: path.join(tmp, 'publish.npmrc') });
    const released = await sh(`npm run release -- --registry ${registryUrl}`, repo, publishEnv, 600_000);
    const order = /in this order: (.*)/.exec(released.stdout)?.[1].split(', ') ?? [];
    expect(order.length).toBeGreaterThanOrEqual(20);
    expect(released.stdout.match(/^published @mlops\/\S+@0\.1\.0$/gm)).toHaveLength(order.length);
    // Again: everything is there, nothing is published twice.
    const again = await sh(`npm run release -- --registry ${registryUrl} --skip-build`, repo, publishEnv, 300_000);
    expect(again.stdout.match(/^skipped @mlops\/\S+@0\.1\.0: already on /gm)).toHaveLength(order.length);

    const [commands, requests] = readmeInstallBlocks();
    expect(commands).toEqual(['npm init -y', 'npm install @mlops/cli', 'npx mlops init', 'npm install', 'npx mlops run train', 'npx mlops serve']);
    const project = mkdtempSync(path.join(tmpdir(), 'mlops-user-'));
    const port = await freePort();
    // PORT: the scaffolded config's `port: Number(process.env.PORT ?? 8080)`, so parallel CI jobs do not collide on 8080.
    const env = userEnv({ NPM_CONFIG_GLOBALCONFIG: path.join(tmp, 'user.npmrc'), npm_config_cache: path.join(tmp, 'npm-cache'), PORT: String(port) });
    try {
      const binaryHost = { ...env, npm_config_better_sqlite3_binary_host: `${mirror!.url}-/files` };
      for (const line of commands.slice(0, -1)) {
        const r = await sh(line, project, line.startsWith('npm install') ? binaryHost : env, 1_200_000);
        // Quiet: no npm config warning on every call, no stray error lines from a working install.
        expect(r.stderr).not.toMatch(/Unknown (project|user|global) config/);
        expect(r.stderr).not.toMatch(/npm (error|ERR)/);
        // After init, package.json's allowScripts covers every install script: npm names none left to review.
        if (line === 'npm install') expect(r.stderr).not.toMatch(/install-scripts/);
      }
      // The prebuilt binary was downloaded (better-sqlite3 was not compiled), and it loads: training used it.
      expect([...mirror!.served]).toEqual([prebuilt]);
      const pkg = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8'));
      expect(pkg.dependencies['@mlops/cli']).toBe('^0.1.0');
      expect(pkg.allowScripts['onnxruntime-node']).toBe(false);
      // The registered champion, from the scaffolded pipeline.
      expect(log.join('\n')).toMatch(/register\s+succeeded/);
      // The installed ONNX runtime finds onnxruntime-node's native session where npm put it (no silent fallback to the public API).
      const plugins = JSON.parse((await sh('npx mlops plugins ls --health --json', project, env, 180_000)).stdout) as { slot: string; health: { detail?: string } | null }[];
      expect(plugins.find((p) => p.slot === 'modelRuntime')?.health?.detail).toMatch(/^onnxruntime-node 1\.\d+\.\d+, native run$/);

      // exec: the pid signalled below is npx's, as when a user stops what they started (npx → sh → node).
      serve = spawn('sh', ['-c', `exec ${commands[commands.length - 1]}`], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
      serve.stdout!.on('data', (d) => log.push(`serve: ${d}`));
      serve.stderr!.on('data', (d) => log.push(`serve: ${d}`));
      await until(`npx mlops serve on port ${port}`, () => answers(`http://127.0.0.1:${port}/ready`), 180_000);

      expect(requests).toHaveLength(1);
      const curl = requests[0].replace('localhost:8080', `localhost:${port}`);
      expect(curl).not.toBe(requests[0]);
      const answer = JSON.parse((await sh(curl, project, env, 60_000)).stdout);
      expect(answer.predictions[0].label).toBe('setosa');
      // The same request, to see its status: 200.
      const body = /-d '([^']*)'/.exec(requests[0])![1];
      const res = await fetch(`http://127.0.0.1:${port}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(200);

      const exited = new Promise<unknown>((resolve) => serve!.once('exit', (code, signal) => resolve(signal ?? code)));
      serve.kill('SIGTERM');
      await exited;
      await until('the port to be free after SIGTERM', async () => !(await answers(`http://127.0.0.1:${port}/health`)), 20_000);
      expect(mirror!.misses.size === 0 || [...mirror!.misses].every((n) => !n.startsWith('@mlops/'))).toBe(true);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 1_800_000);
});
