import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import { CreateBucketCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { errorCodes } from '@mlops/core';
import { describeWithMotoServer, randomContent, uniqueTestName } from '@mlops/testkit';
import { blobKey } from './lib/blobKey';
import { createS3Client } from './lib/createS3Client';
import { HashThread } from './lib/hashThread';
import { S3ArtifactStore, type S3ArtifactStoreOptions } from './S3ArtifactStore';

const kib = 1024;
const mib = 1024 * kib;
const prefix = 'v/';

function clientFor(endpoint: string, maxSockets = 8): S3Client {
  return createS3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1, connectTimeoutMs: 2000, maxSockets });
}

function storeOn(client: S3Client, bucket: string, endpoint: string, hashThread: S3ArtifactStoreOptions['hashThread'], verifyReads: S3ArtifactStoreOptions['verifyReads']) {
  return new S3ArtifactStore({ client, bucket, prefix, endpointLabel: endpoint, spoolDir: tmpdir(), multipartThresholdBytes: 64 * mib, partSizeBytes: 16 * mib, concurrency: 2, staleUploadMs: 3_600_000, hashThread, verifyReads });
}

/** How each kind of store below verifies its reads. */
const kinds = {
  'sha256 inline': { hashThread: false, verifyReads: 'sha256' },
  'sha256 thread': { hashThread: { minBytes: 0, batchBytes: 256 * kib, maxBatches: 2 }, verifyReads: 'sha256' },
  crc32: { hashThread: false, verifyReads: 'crc32' },
} as const;
type Kind = keyof typeof kinds;

/** Reads a stream to its end or its error: the bytes handed on before it ended, and the error. */
async function drain(stream: AsyncIterable<Uint8Array>): Promise<{ bytes: Buffer; error?: unknown }> {
  const parts: Uint8Array[] = [];
  try {
    for await (const part of stream) parts.push(part);
  } catch (error) {
    return { bytes: Buffer.concat(parts), error };
  }
  return { bytes: Buffer.concat(parts) };
}

const openJobs = (store: S3ArtifactStore) => (store as unknown as { hashThread: { jobs: Map<number, unknown> } }).hashThread.jobs.size;

/** A proxy in front of moto that cuts GetObject answers after `cutAfter` body bytes by closing the socket. */
function cuttingProxy(target: string, cutAfter: number) {
  const server: Server = createServer((req, res) => {
    const url = new URL(target);
    const upstream = request({ host: url.hostname, port: url.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      if (req.method !== 'GET') return void answer.pipe(res);
      let sent = 0;
      answer.on('data', (chunk: Buffer) => {
        if (sent >= cutAfter) return;
        res.write(chunk.subarray(0, cutAfter - sent));
        sent += chunk.length;
        if (sent >= cutAfter) {
          answer.destroy();
          res.socket?.destroy();
        }
      });
      answer.on('end', () => res.end());
    });
    req.pipe(upstream);
  });
  return server;
}

describeWithMotoServer((moto) => {
  // Thread batches of 256 KiB, two in flight: small enough that a few MiB cross many batch boundaries.
  const threaded = kinds['sha256 thread'].hashThread;
  let client: S3Client;
  let bucket: string;
  let stores: Record<Kind, S3ArtifactStore>;
  const storeOf = (kind: Kind, on = client, endpoint = moto().endpoint) => storeOn(on, bucket, endpoint, kinds[kind].hashThread, kinds[kind].verifyReads);
  beforeAll(async () => {
    client = clientFor(moto().endpoint);
    bucket = uniqueTestName('mlops-verify').replace(/_/g, '-');
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    stores = { 'sha256 inline': storeOf('sha256 inline'), 'sha256 thread': storeOf('sha256 thread'), crc32: storeOf('crc32') };
  });
  afterAll(async () => {
    for (const store of Object.values(stores)) await store.close();
  });
  const key = (digest: string) => ({ Bucket: bucket, Key: blobKey(prefix, digest) });
  /** Replaces a blob's object by `body`, with the given metadata (none: as a foreign writer would). */
  const overwrite = (digest: string, body: Uint8Array, Metadata?: Record<string, string>) => client.send(new PutObjectCommand({ ...key(digest), Body: Buffer.from(body), Metadata }));
  const recorded = async (digest: string) => (await client.send(new HeadObjectCommand(key(digest)))).Metadata;

  describe.each(Object.keys(kinds) as Kind[])('S3ArtifactStore reads, %s', (kind) => {
    // Around node's 64 KiB socket reads and the 256 KiB thread batches, and a few MiB.
    it.each([0, 1, 64 * kib - 1, 64 * kib, 64 * kib + 1, 256 * kib - 1, 256 * kib, 256 * kib + 1, 3 * mib + 17])('get and read return %i bytes as stored', async (size) => {
      const content = randomContent(size);
      const { digest } = await stores[kind].put(content);
      expect(Buffer.from(await stores[kind].get(digest)).equals(content)).toBe(true);
      // The chunks are kept until the end: each must stay the caller's (not emptied or reused later).
      const { bytes, error } = await drain(stores[kind].read(digest));
      expect([error, bytes.equals(content)]).toEqual([undefined, true]);
      expect(openJobs(stores[kind])).toBe(0);
    });

    it.each([
      ['one byte changed', (c: Uint8Array) => Buffer.from(c).fill(c[mib]! ^ 1, mib, mib + 1)],
      ['truncated to half', (c: Uint8Array) => c.subarray(0, c.length / 2)],
      ['truncated by one byte', (c: Uint8Array) => c.subarray(0, c.length - 1)],
    ])('an object %s fails get, and read at its end, with StorageError naming the artifact', async (_, damage) => {
      const content = randomContent(2 * mib);
      const { digest } = await stores[kind].put(content);
      const damaged = damage(content);
      // The metadata stays: the CRC32 recorded at upload is what a crc32 store checks the body against.
      await overwrite(digest, damaged, await recorded(digest));
      const corrupt = { code: errorCodes.storage, message: expect.stringContaining(`artifact ${digest} is corrupt`) };
      await expect(stores[kind].get(digest)).rejects.toMatchObject(corrupt);
      const { bytes, error } = await drain(stores[kind].read(digest));
      expect(error).toMatchObject(corrupt);
      expect(bytes.equals(damaged)).toBe(true); // every byte was handed on first: the error comes at the end
      expect(openJobs(stores[kind])).toBe(0);
    });

    it('a connection cut mid-body fails get and read with StorageError, and the next read works', async () => {
      const content = randomContent(3 * mib);
      const { digest } = await stores[kind].put(content);
      const proxy = cuttingProxy(moto().endpoint, mib + 5);
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
      const endpoint = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
      const viaProxy = storeOf(kind, clientFor(endpoint), endpoint);
      try {
        const failed = { code: errorCodes.storage, message: expect.stringContaining(`read ${digest} failed`) };
        await expect(viaProxy.get(digest)).rejects.toMatchObject(failed);
        const { bytes, error } = await drain(viaProxy.read(digest));
        expect(error).toMatchObject(failed);
        expect(bytes.length).toBeLessThan(content.length);
        expect(openJobs(viaProxy)).toBe(0);
        expect(Buffer.from(await stores[kind].get(digest)).equals(content)).toBe(true);
      } finally {
        await viaProxy.close();
        await new Promise((r) => proxy.close(r));
      }
    });

    it('a reader that stops early releases the connection: the next request gets the only socket', async () => {
      const single = storeOf(kind, clientFor(moto().endpoint, 1));
      try {
        const content = randomContent(4 * mib);
        const { digest } = await single.put(content);
        let seen = 0;
        for await (const chunk of single.read(digest)) {
          seen += chunk.length;
          if (seen > 300 * kib) break;
        }
        expect(openJobs(single)).toBe(0);
        // With maxSockets 1, this waits forever if the abandoned body still holds the socket.
        const small = randomContent(10);
        const next = single.put(small).then((blob) => single.get(blob.digest));
        const deadline = new Promise((_, reject) => setTimeout(() => reject(new Error('the socket was not released')), 20_000).unref());
        expect(Buffer.from((await Promise.race([next, deadline])) as Uint8Array).equals(small)).toBe(true);
      } finally {
        await single.close();
      }
    });
  });

  describe('S3ArtifactStore default verification', () => {
    const corrupt = (digest: string) => ({ code: errorCodes.storage, message: expect.stringContaining(`artifact ${digest} is corrupt`) });

    it('checks the recorded CRC32 inline; objects without one by sha256, on the thread from 8 MiB', async () => {
      const store = storeOn(client, bucket, moto().endpoint, undefined, undefined);
      const open = jest.spyOn(HashThread.prototype, 'open');
      try {
        for (const [size, threads] of [[8 * mib - 1, 0], [8 * mib, 1]] as const) {
          const content = randomContent(size);
          const { digest } = await store.put(content);
          for (const [metadata, opened] of [[await recorded(digest), 0], [undefined, threads]] as const) {
            await overwrite(digest, content, metadata);
            open.mockClear();
            expect(Buffer.from(await store.get(digest)).equals(content)).toBe(true);
            expect((await drain(store.read(digest))).bytes.equals(content)).toBe(true);
            expect([size, metadata !== undefined, open.mock.calls.length]).toEqual([size, metadata !== undefined, 2 * opened]);
          }
        }
      } finally {
        open.mockRestore();
        await store.close();
      }
    });

    it('an object rewritten without the recorded CRC32 (a foreign writer) is checked by sha256', async () => {
      const content = randomContent(mib);
      const { digest } = await stores.crc32.put(content);
      await overwrite(digest, Buffer.from(content).fill(7, 10, 11));
      await expect(stores.crc32.get(digest)).rejects.toMatchObject({ message: expect.stringContaining(`artifact ${digest} is corrupt: its content hashes to sha256:`) });
      expect((await drain(stores.crc32.read(digest))).error).toMatchObject(corrupt(digest));
    });

    it('the CRC32 check is what a crc32 store runs, and a sha256 store ignores it', async () => {
      const content = randomContent(mib + 3);
      const { digest } = await stores.crc32.put(content);
      // The right bytes under a wrong recorded CRC32: only the CRC32 check can fail.
      const wrong = (crc32(content) ^ 1) >>> 0;
      await overwrite(digest, content, { 'mlops-crc32': wrong.toString(16).padStart(8, '0') });
      const message = `artifact ${digest} is corrupt: its content's checksum is crc32:${crc32(content).toString(16).padStart(8, '0')} where crc32:${wrong.toString(16).padStart(8, '0')} was recorded at upload`;
      await expect(stores.crc32.get(digest)).rejects.toMatchObject({ code: errorCodes.storage, message: expect.stringContaining(message) });
      expect((await drain(stores.crc32.read(digest))).error).toMatchObject({ message: expect.stringContaining(message) });
      expect(Buffer.from(await stores['sha256 inline'].get(digest)).equals(content)).toBe(true);
      expect((await drain(stores['sha256 thread'].read(digest))).bytes.equals(content)).toBe(true);
      // A malformed recorded value is no CRC32: the read falls back to sha256 and passes.
      await overwrite(digest, content, { 'mlops-crc32': 'not-hex' });
      expect(Buffer.from(await stores.crc32.get(digest)).equals(content)).toBe(true);
    });

    it('close() during a read fails it with StorageError', async () => {
      const store = storeOn(clientFor(moto().endpoint), bucket, moto().endpoint, threaded, 'sha256');
      const { digest } = await store.put(randomContent(4 * mib));
      const reader = store.read(digest)[Symbol.asyncIterator]();
      expect((await reader.next()).done).toBe(false);
      await store.close();
      const reading = drain({ [Symbol.asyncIterator]: () => reader });
      expect((await reading).error).toMatchObject({ code: errorCodes.storage });
    });
  });
});
