import { createServer, request, type Server } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, HeadObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCodes } from '@mlops/core';
import { chunked, describeWithMotoServer, randomContent, sha256Digest, uniqueTestName } from '@mlops/testkit';
import { blobKey } from './lib/blobKey';
import { createS3Client } from './lib/createS3Client';
import { S3ArtifactStore } from './S3ArtifactStore';

const mib = 1024 * 1024;

/**
 * A real HTTP proxy in front of moto_server that answers the next `failNext` requests itself with
 * 503 SlowDown (S3's throttling answer) or 500, and forwards everything else. A failed request's body
 * is read to its end first, as a server does, so the client's body stream is spent.
 */
function flakyProxy(target: string) {
  // `method`: fail only requests with this method (e.g. 'PUT': the uploads, not the HEAD before them).
  // `holdHeadMs`: forwarded HEAD answers are held this long; `events` records when requests arrive
  // and when HEAD answers leave (`HEAD out`).
  const state = { failNext: 0, status: 503, code: 'SlowDown', failed: 0, forwarded: 0, method: '', holdHeadMs: 0, events: [] as string[] };
  const server: Server = createServer((req, res) => {
    state.events.push(`${req.method} ${req.url}`);
    if (state.failNext > 0 && (!state.method || req.method === state.method)) {
      state.failNext--;
      state.failed++;
      req.resume();
      req.on('end', () => res.writeHead(state.status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0"?><Error><Code>${state.code}</Code><Message>try later</Message></Error>`));
      return;
    }
    state.forwarded++;
    const url = new URL(target);
    const upstream = request({ host: url.hostname, port: url.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      const send = () => {
        if (req.method === 'HEAD') state.events.push('HEAD out');
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      };
      if (req.method === 'HEAD' && state.holdHeadMs > 0) setTimeout(send, state.holdHeadMs);
      else send();
    });
    req.pipe(upstream);
  });
  return { server, state };
}

describeWithMotoServer((moto) => {
  describe('S3ArtifactStore retries', () => {
    let proxy: ReturnType<typeof flakyProxy>;
    let endpoint: string;
    let store: S3ArtifactStore;
    let spoolDir: string;
    let client: S3Client;
    let bucket: string;
    beforeAll(async () => {
      proxy = flakyProxy(moto().endpoint);
      await new Promise<void>((r) => proxy.server.listen(0, '127.0.0.1', r));
      endpoint = `http://127.0.0.1:${(proxy.server.address() as { port: number }).port}`;
      client = createS3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 3, connectTimeoutMs: 2000, maxSockets: 8 });
      bucket = uniqueTestName('mlops-test').replace(/_/g, '-');
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      spoolDir = await mkdtemp(join(tmpdir(), 'mlops-s3-retry-'));
      store = new S3ArtifactStore({ client, bucket, prefix: 'r', endpointLabel: endpoint, spoolDir, multipartThresholdBytes: 6 * mib, partSizeBytes: 5 * mib, concurrency: 1, staleUploadMs: 3_600_000 });
    });
    afterAll(async () => {
      store?.close();
      await new Promise((r) => proxy.server.close(r));
      await rm(spoolDir, { recursive: true, force: true });
    });

    it('rides out throttling and 5xx with backoff: single puts, multipart parts and reads', async () => {
      const small = randomContent(1000);
      proxy.state.failNext = 2;
      const blob = await store.put(small);
      expect(proxy.state.failed).toBe(2);

      const large = randomContent(12 * mib);
      Object.assign(proxy.state, { failNext: 2, status: 500, code: 'InternalError' });
      const big = await store.put(chunked(large, mib)); // HEAD, create, 3 parts, complete: two of them retried
      expect(proxy.state.failed).toBe(4);
      Object.assign(proxy.state, { failNext: 2, status: 503, code: 'SlowDown' });
      expect(Buffer.from(await store.get(big.digest)).equals(large)).toBe(true);
      expect(Buffer.from(await store.get(blob.digest)).equals(small)).toBe(true);
      expect(proxy.state.failed).toBe(6);
    }, 60_000);

    it('re-sends a spooled single PutObject from a fresh read of the spool file on each retry', async () => {
      const content = randomContent(5 * mib + 12345); // over one part, under the threshold: spool + PutObject
      Object.assign(proxy.state, { failNext: 2, status: 500, code: 'InternalError', failed: 0, method: 'PUT' });
      const blob = await store.put(chunked(content, mib));
      expect(proxy.state.failed).toBe(2);
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: blobKey('r/', blob.digest) }));
      expect([head.ContentLength, head.ETag?.includes('-')]).toEqual([content.length, false]);
      expect(Buffer.from(await store.get(blob.digest)).equals(content)).toBe(true);
      expect((await readdir(spoolDir)).length).toBe(1); // kept for the next put (removed by close())
    }, 60_000);

    it('a spooled upload failing every attempt leaves no object, no pending upload and no spool file', async () => {
      for (const size of [5 * mib + 1, 12 * mib]) {
        // One PutObject (3 PUT attempts), or multipart whose first part fails 3 times.
        const content = randomContent(size);
        Object.assign(proxy.state, { failNext: 3, status: 503, code: 'SlowDown', failed: 0, method: 'PUT' });
        await expect(store.put(chunked(content, mib))).rejects.toMatchObject({ code: errorCodes.storage, message: expect.stringContaining('HTTP 503 SlowDown') });
        expect(proxy.state.failed).toBe(3);
        proxy.state.failNext = 0;
        expect(await store.has(sha256Digest(content))).toBe(false);
        const listed = (await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'r/' }))).Contents ?? [];
        expect(listed.map((o) => o.Key)).not.toContain(blobKey('r/', sha256Digest(content)));
        expect((await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: 'r/' }))).Uploads ?? []).toEqual([]);
        expect(await readdir(spoolDir)).toEqual([]);
      }
      proxy.state.method = '';
    }, 60_000);

    it('sends the HEAD of a large put together with CreateMultipartUpload, and aborts that upload unused when the blob is stored', async () => {
      const content = randomContent(12 * mib);
      Object.assign(proxy.state, { failNext: 0, method: '', holdHeadMs: 300, events: [] });
      const blob = await store.put(chunked(content, mib));
      const created = proxy.state.events.findIndex((e) => e.startsWith('POST ') && e.includes('uploads'));
      // The upload is created while the HEAD's answer is still held, not after it.
      expect(created).toBeGreaterThan(-1);
      expect(created).toBeLessThan(proxy.state.events.indexOf('HEAD out'));
      expect(Buffer.from(await store.get(blob.digest)).equals(content)).toBe(true);

      proxy.state.events = [];
      expect(await store.put(content)).toEqual(blob); // stored already: no part is sent
      expect(proxy.state.events.filter((e) => e.startsWith('PUT '))).toEqual([]);
      expect(proxy.state.events.filter((e) => e.startsWith('DELETE ') && e.includes('uploadId='))).toHaveLength(1);
      expect((await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: 'r/' }))).Uploads ?? []).toEqual([]);
      proxy.state.holdHeadMs = 0;
    }, 60_000);

    it('gives up after maxAttempts with a StorageError naming the status, endpoint and bucket', async () => {
      Object.assign(proxy.state, { failNext: 3, status: 503, code: 'SlowDown', failed: 0 });
      const started = Date.now();
      await expect(store.put(randomContent(10))).rejects.toMatchObject({
        code: errorCodes.storage,
        message: expect.stringMatching(new RegExp(`put sha256:[0-9a-f]{64} failed on s3://${store.bucket}/r/ at ${endpoint}: HTTP 503 SlowDown`)),
      });
      expect(proxy.state.failed).toBe(3); // exactly maxAttempts tries, no more
      expect(Date.now() - started).toBeLessThan(10_000);
      proxy.state.failNext = 0;
    });
  });
});
