import { createServer, request, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCodes } from '@mlops/core';
import { chunked, describeWithMotoServer, randomContent, uniqueTestName } from '@mlops/testkit';
import { createS3Client } from './lib/createS3Client';
import { S3ArtifactStore } from './S3ArtifactStore';

const mib = 1024 * 1024;

/**
 * A real HTTP proxy in front of moto_server that answers the next `failNext` requests itself with
 * 503 SlowDown (S3's throttling answer) or 500, and forwards everything else.
 */
function flakyProxy(target: string) {
  const state = { failNext: 0, status: 503, code: 'SlowDown', failed: 0, forwarded: 0 };
  const server: Server = createServer((req, res) => {
    if (state.failNext > 0) {
      state.failNext--;
      state.failed++;
      req.resume();
      req.on('end', () => res.writeHead(state.status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0"?><Error><Code>${state.code}</Code><Message>try later</Message></Error>`));
      return;
    }
    state.forwarded++;
    const url = new URL(target);
    const upstream = request({ host: url.hostname, port: url.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
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
    beforeAll(async () => {
      proxy = flakyProxy(moto().endpoint);
      await new Promise<void>((r) => proxy.server.listen(0, '127.0.0.1', r));
      endpoint = `http://127.0.0.1:${(proxy.server.address() as { port: number }).port}`;
      const client = createS3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 3, connectTimeoutMs: 2000, maxSockets: 8 });
      const bucket = uniqueTestName('mlops-test').replace(/_/g, '-');
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
