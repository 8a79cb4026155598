import { spawn, spawnSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call } from './__fixtures__/http';
import { hammer } from './__fixtures__/hammer';
import { registryProject, type RegistryProject } from './__fixtures__/registryProject';

// `mlops serve` end to end: the CLI (from source) in a child process, on a project whose registry the
// test writes to, with two workers, a shadow and a short reload interval.
const cliMain = join(__dirname, '__fixtures__/cliMain.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/** `GET /model` over fresh connections, so both workers get asked. */
async function versions(url: string, n = 6): Promise<Set<number>> {
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    try {
      seen.add((await call(url, 'GET', '/model', { agent: new Agent(), timeoutMs: 1000 })).json.version);
    } catch {
      // not listening yet
    }
  }
  return seen;
}

describe('mlops serve', () => {
  let project: RegistryProject;
  beforeAll(async () => {
    project = await registryProject();
    symlinkSync(resolve(__dirname, '../../../node_modules'), join(project.dir, 'node_modules'), 'dir');
    writeFileSync(
      join(project.dir, 'mlops.config.ts'),
      `export default { logLevel: 'warn', plugins: { artifactStore: '@mlops/storage-local', metadataStore: '@mlops/storage-local', modelRegistry: '@mlops/model-registry', modelRuntime: '@mlops/runtime-onnx', server: { use: '@mlops/server', options: { reloadIntervalMs: 100 } } } };\n`,
    );
    await project.promote('churn', await project.register('churn', 0));
    await project.promote('churn', await project.register('churn', 1), 'challenger');
  });
  afterAll(() => project.close());

  it('refuses bad flags with a one-line error and exit code 2', () => {
    const run = spawnSync(process.execPath, [cliMain, 'serve', '--model-file', 'm.onnx'], { cwd: project.dir, encoding: 'utf8' });
    expect([run.status, run.stderr.trim()]).toEqual([2, 'error: --model-file needs --signature S.json (the model’s inputs, outputs and classes)']);
    const workers = spawnSync(process.execPath, [cliMain, 'serve', '--model', 'churn@champion', '--workers', 'lots'], { cwd: project.dir, encoding: 'utf8' });
    expect(workers.status).toBe(2);
    expect(workers.stderr).toMatch(/option .--workers <n>. argument .lots. is invalid. expected a whole number ≥ 1, found "lots"/);
  });

  it('serves the alias with a shadow from two workers, follows a promotion in both under load without a failed request, and drains on SIGTERM', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [cliMain, 'serve', '--model', 'churn@champion', '--shadow', 'churn@challenger', '--port', String(port), '--workers', '2'], { cwd: project.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    try {
      for (let i = 0; i < 300 && !(await versions(url, 1)).has(1); i++) await sleep(100);
      const model = (await call(url, 'GET', '/model')).json;
      expect({ model, out }).toMatchObject({ model: { name: 'churn', version: 1, alias: 'champion', shadow: { version: 2, alias: 'challenger' } } });
      expect((await call(url, 'POST', '/predict', { body: { row: { a: 1, b: 1, c: null } } })).status).toBe(200);

      // Clients keep calling through the switch: no request may fail in either worker.
      const load = hammer(url, 4, { a: 0.2, b: 0.1, c: 0.5 });
      await sleep(200);
      await project.promote('churn', await project.register('churn', 3));
      let seen = new Set<number>();
      for (let i = 0; i < 100; i++) {
        seen = await versions(url);
        if (seen.size === 1 && seen.has(3)) break;
        await sleep(100);
      }
      expect([...seen]).toEqual([3]);
      await sleep(200);
      const result = await load.stop();
      expect(result.failed).toEqual([]);
      expect(new Set(result.probes.map((p) => p.toFixed(6))).size).toBe(2);
      expect(out).toMatch(/serving churn v1 \(@champion\) on http:\/\/127\.0\.0\.1:\d+/);

      child.kill('SIGTERM');
      // closeOnSignals exits with 128 + SIGTERM.
      expect(await exited).toBe(143);
      await expect(call(url, 'GET', '/health', { agent: new Agent() })).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
