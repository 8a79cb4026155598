import { connect } from 'node:net';
import { rm } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { call } from './__fixtures__/http';
import { modelFiles, startServer } from './__fixtures__/startServer';
import { prng, randomBody, valid } from './__fixtures__/randomBodies';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A raw HTTP exchange, for malformed requests no HTTP client would send. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let out = '';
    socket.on('data', (d) => (out += d.toString('latin1')));
    socket.on('close', () => resolve(out));
    socket.on('error', () => resolve(out));
    socket.end(bytes);
    setTimeout(() => socket.destroy(), 2000).unref();
  });
}

// A full collection on demand, without starting node with --expose-gc.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
function liveHeap(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

describe('fuzzing /predict', () => {
  it('answers thousands of random and malformed bodies with 4xx only, stays up, and keeps its memory flat', async () => {
    const files = await modelFiles();
    const server = await startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile, bodyLimitBytes: 64 * 1024 });
    const url = server.url!;
    const r = prng(20261125);
    const statuses = new Map<number, number>();
    const run = async (n: number) => {
      for (let i = 0; i < n; i += 16) {
        await Promise.all(
          Array.from({ length: 16 }, async () => {
            const { raw, type } = randomBody(r);
            const res = await call(url, 'POST', '/predict', { raw, headers: type ? { 'content-type': type } : {} });
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status >= 500) throw new Error(`${res.status} for ${String(raw).slice(0, 200)}: ${res.text}`);
            if (res.status !== 200) expect(res.json?.error?.code).toEqual(expect.any(String));
          }),
        );
      }
    };
    try {
      await run(1000);
      const before = liveHeap();
      await run(4000);
      const growth = liveHeap() - before;
      // Live heap after a full GC, not RSS: RSS in a shared jest worker moves with whatever else ran.
      // 4000 requests leaking even 2.5 KB each would be 10 MB.
      expect(growth).toBeLessThan(10 * 1024 * 1024);
      const port = Number(new URL(url).port);
      for (const garbage of ['GARBAGE\r\n\r\n', 'POST /predict HTTP/1.1\r\nContent-Length: -5\r\n\r\n', 'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n', '\u0000\u0001\u0002']) {
        expect(await rawExchange(port, garbage)).toMatch(/^HTTP\/1\.1 400/);
      }
      expect((await call(url, 'GET', '/health')).status).toBe(200);
      expect((await call(url, 'POST', '/predict', { body: { row: valid } })).status).toBe(200);
      expect([...statuses.keys()].every((s) => s === 200 || (s >= 400 && s < 500))).toBe(true);
      expect(statuses.get(422)).toBeGreaterThan(100);
      expect(statuses.get(400)).toBeGreaterThan(100);
    } finally {
      await server.close();
      await rm(files.dir, { recursive: true, force: true });
    }
  });
});
