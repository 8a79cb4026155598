import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { waitUntil } from '@mlops/testkit';
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
const row = { a: 1, b: 0, c: null };

/**
 * Clients that keep POSTing until told to stop: half over one keep-alive connection each, half on
 * a fresh connection per request. A refused connection (ECONNREFUSED) was never accepted and is
 * fine once the server stops listening; any other failure is a request on an accepted connection
 * that got no complete answer.
 */
function load(url: string, clients: number) {
  let stopped = false;
  const seen = { ok: 0, refused: 0, otherStatus: [] as number[], broken: [] as string[] };
  const loop = async (keepAlive: boolean) => {
    const agent = new Agent({ keepAlive, maxSockets: 1 });
    while (!stopped) {
      try {
        const res = await call(url, 'POST', '/predict', { body: { row }, agent, timeoutMs: 20_000 });
        if (res.status === 200) seen.ok++;
        else seen.otherStatus.push(res.status);
      } catch (err) {
        const e = err as Error & { code?: string };
        if (e.code === 'ECONNREFUSED') {
          seen.refused++;
          await sleep(5);
        } else seen.broken.push(`${keepAlive ? 'keep-alive' : 'fresh'}: ${e.code ?? ''} ${e.message}`);
      }
    }
    agent.destroy();
  };
  const loops = Array.from({ length: clients }, () => loop(true));
  return {
    seen,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      return seen;
    },
  };
}

async function drainUnderLoad(workers: number): Promise<void> {
  const files = await modelFiles();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(__dirname, '__fixtures__/clusterMain.js'), files.modelFile, files.signatureFile, String(port), String(workers)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    for (let i = 0; i < 200; i++) {
      const up = await predict(url, { row }).then((r) => r.status === 200, () => false);
      if (up) break;
      await sleep(100);
    }
    // Every worker must be up, or connections would only reach the first one.
    if (workers > 1) await sleep(1500);
    const traffic = load(url, 8);
    // Under load when SIGTERM comes: at least 50 answered (about 0.7 s on a quiet machine).
    const before = await waitUntil(() => traffic.seen.ok, (n) => n > 50, { timeoutMs: 20_000 });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await sleep(300);
    const seen = await traffic.stop();
    expect({ broken: seen.broken, otherStatus: seen.otherStatus, log: seen.broken.length ? log : '' }).toEqual({ broken: [], otherStatus: [], log: '' });
    expect(before).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(0);
    await expect(call(url, 'GET', '/health', { agent: new Agent() })).rejects.toThrow(/ECONNREFUSED/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(files.dir, { recursive: true, force: true });
  }
}

describe('SIGTERM under load', () => {
  it('one process: stops accepting, then answers every request on every accepted connection', async () => {
    for (let round = 0; round < 3; round++) await drainUnderLoad(1);
  }, 90_000);

  it('node:cluster workers: the same', async () => {
    for (let round = 0; round < 2; round++) await drainUnderLoad(2);
  }, 120_000);
});
