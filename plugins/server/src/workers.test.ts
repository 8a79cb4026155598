import { spawn, spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { call, predict } from './__fixtures__/http';
import { modelFiles } from './__fixtures__/startServer';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Worker pids answering on the port now (fresh connections spread over workers round-robin). */
async function workerPids(url: string, tries = 20): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < tries; i++) {
    try {
      pids.add((await call(url, 'GET', '/health', { agent: new Agent({ keepAlive: false }), timeoutMs: 1000 })).json.pid);
    } catch {
      // A worker that is being replaced refuses for a moment.
    }
  }
  return pids;
}

describe('worker processes (node:cluster)', () => {
  it('serves from several workers, replaces a killed one, and drains all on SIGTERM', async () => {
    const files = await modelFiles();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [join(__dirname, '__fixtures__/clusterMain.js'), files.modelFile, files.signatureFile, String(port), '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let pids = new Set<number>();
      for (let i = 0; i < 100 && pids.size < 2; i++) {
        pids = await workerPids(url, 4);
        if (pids.size < 2) await sleep(100);
      }
      expect({ pids: pids.size, log }).toMatchObject({ pids: 2 });
      expect(pids.has(child.pid!)).toBe(false);
      expect((await predict(url, { row: { a: 1, b: 0, c: null } })).status).toBe(200);

      const [victim] = [...pids];
      process.kill(victim!, 'SIGKILL');
      let now = new Set<number>();
      for (let i = 0; i < 300; i++) {
        now = await workerPids(url, 6);
        if (now.size === 2 && !now.has(victim!)) break;
        await sleep(100);
      }
      expect(now.size).toBe(2);
      expect(now.has(victim!)).toBe(false);
      expect(log).toMatch(new RegExp(`worker ${victim} exited \\(SIGKILL\\); starting a new one`));

      // Metrics are aggregated over both workers by the primary.
      const metrics = (await call(url, 'GET', '/metrics')).text;
      expect(metrics).toMatch(/mlops_http_request_duration_seconds_count\{route="\/health",status="200"\} \d+/);
      expect(metrics).toMatch(/mlops_model_info\{role="primary",name="model"/);
      // The workers' process metrics (the primary collects none of its own).
      expect(metrics).toMatch(/^mlops_server_process_cpu_user_seconds_total [\d.e+-]+$/m);
      if (spawnSync('promtool', ['--version']).status === 0) {
        const check = spawnSync('promtool', ['check', 'metrics'], { input: metrics, encoding: 'utf8' });
        expect(`${check.stdout}${check.stderr}`).toBe('');
      }

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await expect(call(url, 'GET', '/health', { agent: new Agent() })).rejects.toThrow(/ECONNREFUSED/);
      for (const pid of now) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(files.dir, { recursive: true, force: true });
    }
  }, 60_000);
});
