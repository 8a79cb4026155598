import type { Worker } from 'node:cluster';
import type { Socket } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { silentLogger } from '@mlops/core';
import { rawExchange } from '../__fixtures__/rawHttp';
import { connectionHandoff, distributeConnections } from './distributeConnections';

/** A stand-in worker in this process: answers every handed connection with its name. */
function fakeWorker(name: string, pid: number) {
  const got: string[] = [];
  const worker = {
    process: { pid },
    isDead: () => false,
    isConnected: () => true,
    send(msg: { type: string }, socket: Socket, done: (err: Error | null) => void) {
      got.push(msg.type);
      socket.end(`HTTP/1.1 200 OK\r\ncontent-length: ${name.length}\r\nconnection: close\r\n\r\n${name}`);
      done(null);
      return true;
    },
  };
  return { worker: worker as unknown as Worker, got };
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('distributeConnections (the cluster primary)', () => {
  it('hands connections round-robin to ready workers; one that arrives before any is ready waits for it', async () => {
    const port = await freePort();
    const d = distributeConnections('127.0.0.1', port, 5000, silentLogger);
    await d.listening;
    const a = fakeWorker('a', 1);
    const b = fakeWorker('b', 2);
    const early = rawExchange(port, ['GET /health HTTP/1.1\r\nHost: x\r\n\r\n']);
    await new Promise((r) => setTimeout(r, 100));
    d.ready(a.worker);
    d.ready(b.worker);
    const bodies = [(await early).text.split('\r\n\r\n')[1]];
    for (let i = 0; i < 4; i++) bodies.push((await rawExchange(port, ['GET / HTTP/1.1\r\n\r\n'])).text.split('\r\n\r\n')[1]);
    expect(bodies).toEqual(['a', 'b', 'a', 'b', 'a']);
    expect(a.got).toEqual([connectionHandoff, connectionHandoff, connectionHandoff]);
    d.gone(a.worker);
    expect((await rawExchange(port, ['GET / HTTP/1.1\r\n\r\n'])).text).toMatch(/\r\n\r\nb$/);
    await d.close();
    await expect(rawExchange(port, ['GET / HTTP/1.1\r\n\r\n'])).resolves.toMatchObject({ status: null, text: '' });
  });

  it('with no ready worker, a connection gets 503 not_ready after waitMs, or at close', async () => {
    const port = await freePort();
    const d = distributeConnections('127.0.0.1', port, 200, silentLogger);
    await d.listening;
    const waited = await rawExchange(port, ['GET /health HTTP/1.1\r\nHost: x\r\n\r\n']);
    expect([waited.status, waited.json.error.code]).toEqual([503, 'not_ready']);
    expect(waited.ms).toBeGreaterThanOrEqual(190);
    const pending = rawExchange(port, ['GET /health HTTP/1.1\r\nHost: x\r\n\r\n']);
    await new Promise((r) => setTimeout(r, 50));
    await d.close();
    const atClose = await pending;
    expect(atClose.status).toBe(503);
    expect(atClose.ms).toBeLessThan(190);
  });

  it('reports a port in use', async () => {
    const port = await freePort();
    const first = distributeConnections('127.0.0.1', port, 100, silentLogger);
    await first.listening;
    await expect(distributeConnections('127.0.0.1', port, 100, silentLogger).listening).rejects.toThrow(/EADDRINUSE/);
    await first.close();
  });
});
