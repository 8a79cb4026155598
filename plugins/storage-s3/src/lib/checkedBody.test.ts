import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomContent } from '@mlops/testkit';
import { checkedBody, drainBody, type BodyCheck } from './checkedBody';

const kib = 1024;

/**
 * Serves `/<n>` as n random bytes written in 16 KiB pieces, `/cut/<n>` as n bytes of a longer
 * promised body, then a closed socket, and `/slow/<n>` as `/<n>` with the body 300 ms after the headers.
 */
let server: Server;
let base: string;
const served = new Map<string, Buffer>();
beforeAll(async () => {
  server = createServer((req, res) => {
    const [, kind, n] = /^\/(?:(cut|slow)\/)?(\d+)/.exec(req.url ?? '') ?? [];
    const bytes = Buffer.from(randomContent(Number(n)));
    served.set(req.url!, bytes);
    res.writeHead(200, { 'content-length': kind === 'cut' ? bytes.length + 1000 : bytes.length });
    res.flushHeaders();
    let at = 0;
    const more = () => {
      while (at < bytes.length) {
        const piece = bytes.subarray(at, at + 16 * kib);
        at += piece.length;
        if (!res.write(piece)) return void res.once('drain', more);
      }
      if (kind === 'cut') res.socket?.destroy();
      else res.end();
    };
    if (kind === 'slow') setTimeout(more, 300);
    else more();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const fetchBody = (path: string) => new Promise<IncomingMessage>((resolve, reject) => get(`${base}${path}`, resolve).on('error', reject));

/** A CRC32 check against `expected` (and the byte count), with what it saw. */
function crcCheck(expected: Buffer): BodyCheck & { chunks: number } {
  let crc = 0;
  const check = {
    chunks: 0,
    update: (chunk: Buffer) => {
      check.chunks++;
      crc = crc32(chunk, crc);
    },
    finish: (bytes: number) => {
      if (bytes !== expected.length || crc !== crc32(expected)) throw new Error(`mismatch: ${bytes} bytes, crc ${crc}`);
    },
  };
  return check;
}
const wrap = (error: unknown) => new Error(`wrapped: ${(error as Error).message}`);

async function collect(iterator: AsyncIterable<Uint8Array>) {
  const parts: Uint8Array[] = [];
  try {
    for await (const part of iterator) parts.push(part);
  } catch (error) {
    return { bytes: Buffer.concat(parts), error: error as Error };
  }
  return { bytes: Buffer.concat(parts), error: undefined };
}

describe('checkedBody', () => {
  it.each([0, 1, 16 * kib, 64 * kib + 1, 3 * 1024 * kib + 7])('hands on a body of %i bytes, every chunk checked, and ends', async (size) => {
    const path = `/${size}`;
    const body = await fetchBody(path);
    const check = crcCheck(served.get(path)!);
    const { bytes, error } = await collect(checkedBody(body, check, wrap));
    expect([error, bytes.equals(served.get(path)!)]).toEqual([undefined, true]);
    if (size > 0) expect(check.chunks).toBeGreaterThan(0);
  });

  it('a failed final check fails the next() after the last chunk, once, through wrap', async () => {
    const body = await fetchBody('/100000');
    const iterator = checkedBody(body, crcCheck(Buffer.alloc(100000)), wrap);
    const { bytes, error } = await collect(iterator);
    expect(bytes.equals(served.get('/100000')!)).toBe(true);
    expect(error?.message).toMatch(/^wrapped: mismatch: 100000 bytes/);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('a chunk check that throws fails the read and destroys the body', async () => {
    const body = await fetchBody(`/${1024 * kib}`);
    let seen = 0;
    const check: BodyCheck = {
      update: (chunk) => {
        seen += chunk.length;
        if (seen > 100 * kib) throw new Error('bad chunk');
      },
      finish: () => undefined,
    };
    const { bytes, error } = await collect(checkedBody(body, check, wrap));
    expect(error?.message).toBe('wrapped: bad chunk');
    expect(bytes.length).toBeLessThanOrEqual(100 * kib);
    expect(body.destroyed).toBe(true);
  });

  it('a connection closed before the end of the body fails the read through wrap', async () => {
    const body = await fetchBody(`/cut/${512 * kib}`);
    const { bytes, error } = await collect(checkedBody(body, crcCheck(Buffer.alloc(0)), wrap));
    expect(error?.message).toMatch(/^wrapped: /);
    expect(bytes.length).toBeLessThanOrEqual(512 * kib);
  });

  it('pauses the body while maxQueuedBytes wait for a slow reader, and hands on everything in order', async () => {
    const path = `/${2048 * kib}`;
    const body = await fetchBody(path);
    const iterator = checkedBody(body, crcCheck(served.get(path)!), wrap, 64 * kib);
    const first = await iterator.next();
    // The reader sleeps: the body flows until 64 KiB are queued, then stops.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(body.isPaused()).toBe(true);
    expect(body.readableLength).toBeLessThan(2048 * kib);
    const rest = await collect(iterator);
    expect(rest.error).toBeUndefined();
    expect(Buffer.concat([first.value as Uint8Array, rest.bytes]).equals(served.get(path)!)).toBe(true);
  });

  it('next() calls made before the previous one settles are answered in order', async () => {
    const path = `/${512 * kib}`;
    const body = await fetchBody(path);
    const iterator = checkedBody(body, crcCheck(served.get(path)!), wrap);
    const parts: Uint8Array[] = [];
    for (;;) {
      const answers = await Promise.all([iterator.next(), iterator.next(), iterator.next()]);
      for (const answer of answers) if (!answer.done) parts.push(answer.value);
      if (answers.some((answer) => answer.done)) break;
    }
    expect(Buffer.concat(parts).equals(served.get(path)!)).toBe(true);
  });

  it('return() while a next() waits for a chunk ends that next() too', async () => {
    const body = await fetchBody(`/slow/${64 * kib}`);
    const iterator = checkedBody(body, crcCheck(Buffer.alloc(0)), wrap);
    const waiting = iterator.next();
    expect(await iterator.return!()).toEqual({ value: undefined, done: true });
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(body.destroyed).toBe(true);
  });

  it('return() destroys the body and ends the iterator without a check', async () => {
    const body = await fetchBody(`/${2048 * kib}`);
    const iterator = checkedBody(body, crcCheck(Buffer.alloc(0)), wrap);
    expect((await iterator.next()).done).toBe(false);
    expect(await iterator.return!()).toEqual({ value: undefined, done: true });
    expect(body.destroyed).toBe(true);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});

describe('drainBody', () => {
  it('feeds every chunk and resolves at the end', async () => {
    const path = `/${1024 * kib + 3}`;
    const parts: Buffer[] = [];
    await drainBody(await fetchBody(path), (chunk) => void parts.push(chunk));
    expect(Buffer.concat(parts).equals(served.get(path)!)).toBe(true);
  });

  it('rejects with what onChunk threw and destroys the body', async () => {
    const body = await fetchBody(`/${1024 * kib}`);
    await expect(
      drainBody(body, () => {
        throw new Error('no room');
      }),
    ).rejects.toThrow('no room');
    expect(body.destroyed).toBe(true);
  });

  it('rejects when the connection closes before the end of the body', async () => {
    await expect(drainBody(await fetchBody(`/cut/${256 * kib}`), () => undefined)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
