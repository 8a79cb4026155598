import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort } from '@mlops/testkit';

// `npx mlops serve` is npx → sh → node. Stopping what the user started (SIGTERM to npx, npx killed,
// Ctrl-C to the group) must leave nothing listening, or the next `serve` fails with EADDRINUSE.
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
let project: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Pids of every `mlops serve` process whose command line names this test's project. */
const servePids = () => spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l.includes(project) && l.includes('serve')).map((l) => Number(l.trim().split(/\s+/)[0]));
const listening = async (port: number) => fetch(`http://127.0.0.1:${port}/health`).then(() => true, () => false);

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-serve-signals-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  for (const args of [['init'], ['run', 'train']]) {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
    if (r.status !== 0) throw new Error(`mlops ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
  }
}, 180_000);
afterAll(() => {
  for (const pid of servePids()) process.kill(pid, 'SIGKILL');
  rmSync(project, { recursive: true, force: true });
});

/** `npx mlops serve` through a shell, as a terminal runs it, in its own process group; resolves once it answers. */
async function startServe(port: number): Promise<{ npx: ChildProcess; output: () => string }> {
  let output = '';
  // exec: the shell becomes npx, so the pid we signal is npx's (the shell npx starts is the `sh` in npx → sh → node).
  const npx = spawn('sh', ['-c', `exec npx mlops serve --port ${port} --workers 2`], { cwd: project, detached: true, env: { ...process.env, NO_COLOR: '1' } });
  npx.stdout!.on('data', (d) => (output += d));
  npx.stderr!.on('data', (d) => (output += d));
  await until(`serve on ${port}\n${output}`, () => listening(port));
  expect(servePids().length).toBeGreaterThanOrEqual(1);
  return { npx, output: () => output };
}

async function expectAllStopped(port: number, output: () => string): Promise<void> {
  await until(`every serve process of the test to exit (left: ${servePids().join(', ')})\n${output()}`, () => servePids().length === 0, 20_000);
  expect(await listening(port)).toBe(false);
  // The port is free for the next `serve`.
  await new Promise<void>((resolve, reject) => { const s = createServer().listen(port, '127.0.0.1', () => s.close(() => resolve())).on('error', reject); });
}

describe('npx mlops serve stops with what started it', () => {
  it('SIGTERM to npx stops the node server and its workers', async () => {
    const port = await freePort();
    const { npx, output } = await startServe(port);
    process.kill(npx.pid!, 'SIGTERM');
    await expectAllStopped(port, output);
  });

  it('npx killed outright (SIGKILL, nothing forwarded) still stops the server', async () => {
    const port = await freePort();
    const { npx, output } = await startServe(port);
    process.kill(npx.pid!, 'SIGKILL');
    await expectAllStopped(port, output);
  });

  it('Ctrl-C (SIGINT to the foreground process group) stops everything', async () => {
    const port = await freePort();
    const { npx, output } = await startServe(port);
    const exited = new Promise((resolve) => npx.once('exit', (code, signal) => resolve(signal ?? code)));
    process.kill(-npx.pid!, 'SIGINT');
    await expectAllStopped(port, output);
    expect(await exited).not.toBeUndefined();
  });

  it('a node parent answers for its server: the shell that launched the parent exiting stops nothing', async () => {
    const port = await freePort();
    // sh → node (a bench, say) → mlops serve; the shell exits once the server answers, the node parent lives on.
    const parent = `const c = require('child_process').spawn(process.execPath, [${JSON.stringify(path.join(project, 'node_modules/.bin/mlops'))}, 'serve', '--port', '${port}', '--workers', '1'], { stdio: 'ignore' }); setTimeout(() => { c.kill('SIGTERM'); }, 60000);`;
    const shell = spawn('sh', ['-c', `node -e "${parent.replace(/"/g, '\\"')}" & until curl -s http://127.0.0.1:${port}/health > /dev/null; do sleep 0.2; done`], { cwd: project, detached: true });
    await new Promise((resolve) => shell.once('exit', resolve));
    await sleep(1500);
    // Several 200 ms checks after the shell left: still serving.
    expect(await listening(port)).toBe(true);
    for (const pid of servePids()) process.kill(pid, 'SIGTERM');
    await expectAllStopped(port, () => '');
  });
});
