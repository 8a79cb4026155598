import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { CreateBucketCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCodes } from '@mlops/core';
import { artifactStoreConformance, chunked, describeWithMotoServer, randomContent, sha256Digest, startMotoServer, uniqueTestName } from '@mlops/testkit';
import { blobKey } from './lib/blobKey';
import { createS3Client } from './lib/createS3Client';
import { S3ArtifactStore } from './S3ArtifactStore';

const mib = 1024 * 1024;
/** The CRC32 every put records in the object's metadata, as 8 hex digits. */
const crcHex = (content: Uint8Array) => crc32(content).toString(16).padStart(8, '0');

function clientFor(endpoint: string, settings: { maxAttempts?: number; connectTimeoutMs?: number } = {}): S3Client {
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  return createS3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials, maxAttempts: 3, connectTimeoutMs: 2000, maxSockets: 8, ...settings });
}

async function newStore(endpoint: string, overrides: Partial<{ bucket: string; thresholdMiB: number; create: boolean }> = {}) {
  const client = clientFor(endpoint);
  const bucket = overrides.bucket ?? uniqueTestName('mlops-test').replace(/_/g, '-');
  if (overrides.create !== false) await client.send(new CreateBucketCommand({ Bucket: bucket }));
  const spoolDir = await mkdtemp(join(tmpdir(), 'mlops-s3-spool-'));
  const threshold = (overrides.thresholdMiB ?? 6) * mib;
  const store = new S3ArtifactStore({ client, bucket, prefix: 'team/artifacts', endpointLabel: endpoint, spoolDir, multipartThresholdBytes: threshold, partSizeBytes: 5 * mib, concurrency: 3, staleUploadMs: 3_600_000 });
  return { client, bucket, spoolDir, store, cleanup: () => rm(spoolDir, { recursive: true, force: true }) };
}

/** The spool folder's files and their modification times. */
async function spoolState(dir: string): Promise<Record<string, number>> {
  const names = await readdir(dir);
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, (await stat(join(dir, name))).mtimeMs] as const)));
}

/** Chunks of `bytes` in ONE buffer that is overwritten for each chunk, as socket readers and parsers do. */
async function* reusingChunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  const buffer = Buffer.allocUnsafe(size);
  for (let at = 0; at < bytes.length; at += size) {
    const n = Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(size, bytes.length - at)).copy(buffer);
    yield buffer.subarray(0, n);
    buffer.fill(0xee); // what the store still holds of the last chunk must be its own copy
  }
}

describeWithMotoServer((moto) => {
  artifactStoreConformance('S3ArtifactStore on moto_server', async () => {
    const s = await newStore(moto().endpoint);
    return {
      store: s.store,
      corrupt: async (digest) => {
        await s.client.send(new PutObjectCommand({ Bucket: s.bucket, Key: blobKey('team/artifacts/', digest), Body: 'not what was stored' }));
      },
      cleanup: s.cleanup,
    };
  });

  describe('S3ArtifactStore layout and writes', () => {
    let s: Awaited<ReturnType<typeof newStore>>;
    beforeAll(async () => {
      s = await newStore(moto().endpoint);
      await s.store.start();
    });
    afterAll(async () => {
      s.store.close();
      await s.cleanup();
    });

    it('keys a blob as <prefix>/sha256/<2 hex>/<62 hex> and returns its s3:// uri', async () => {
      const content = randomContent(100);
      const hex = sha256Digest(content).slice('sha256:'.length);
      const blob = await s.store.put(content);
      expect(blob.uri).toBe(`s3://${s.bucket}/team/artifacts/sha256/${hex.slice(0, 2)}/${hex.slice(2)}`);
      const head = await s.client.send(new HeadObjectCommand({ Bucket: s.bucket, Key: `team/artifacts/sha256/${hex.slice(0, 2)}/${hex.slice(2)}` }));
      expect(head.ContentLength).toBe(100);
      expect(head.Metadata).toEqual({ 'mlops-crc32': crcHex(content) });
    });

    it('does not rewrite an object that exists (conditional put), for small and multipart blobs', async () => {
      for (const size of [1000, 13 * mib]) {
        const content = randomContent(size);
        const blob = await s.store.put(content);
        const key = blobKey('team/artifacts/', blob.digest);
        const before = await s.client.send(new HeadObjectCommand({ Bucket: s.bucket, Key: key }));
        expect(before.Metadata).toEqual({ 'mlops-crc32': crcHex(content) });
        await new Promise((r) => setTimeout(r, 1100)); // LastModified has 1 s resolution
        expect(await s.store.put(chunked(content, 3 * mib))).toEqual(blob);
        expect(await s.store.put(content)).toEqual(blob);
        const after = await s.client.send(new HeadObjectCommand({ Bucket: s.bucket, Key: key }));
        expect([after.ETag, after.LastModified]).toEqual([before.ETag, before.LastModified]);
      }
    }, 60_000);

    it('sends a stream that fits in one part as one PutObject from memory, without a spool file', async () => {
      const content = randomContent(3 * mib + 7);
      const before = await spoolState(s.spoolDir);
      const blob = await s.store.put(reusingChunks(content, mib));
      expect(blob).toMatchObject({ digest: sha256Digest(content), size: content.length });
      const head = await s.client.send(new HeadObjectCommand({ Bucket: s.bucket, Key: blobKey('team/artifacts/', blob.digest) }));
      expect(head.ETag).toMatch(/^"[0-9a-f]{32}"$/); // a single PutObject: plain MD5 ETag, no -<parts>
      expect(head.Metadata).toEqual({ 'mlops-crc32': crcHex(content) });
      expect(await spoolState(s.spoolDir)).toEqual(before); // no spool file made, none written (a kept one keeps its mtime)
      expect(sha256Digest(await s.store.get(blob.digest))).toBe(blob.digest);
    });

    it('spools a stream longer than one part but under the threshold and sends it as one PutObject', async () => {
      const content = randomContent(5 * mib + mib / 2 + 1); // part 5 MiB < size ≤ threshold 6 MiB
      const blob = await s.store.put(reusingChunks(content, 256 * 1024));
      expect(blob).toMatchObject({ digest: sha256Digest(content), size: content.length });
      const head = await s.client.send(new HeadObjectCommand({ Bucket: s.bucket, Key: blobKey('team/artifacts/', blob.digest) }));
      expect([head.ETag?.match(/^"[0-9a-f]{32}"$/) !== null, head.ContentLength]).toEqual([true, content.length]);
      expect(head.Metadata).toEqual({ 'mlops-crc32': crcHex(content) });
      expect((await readdir(s.spoolDir)).length).toBeLessThanOrEqual(1); // the spool file kept for the next put
      expect(Buffer.from(await s.store.get(blob.digest)).equals(content)).toBe(true);
    }, 60_000);

    it('uploads a stream past the threshold as multipart via a spool file', async () => {
      const content = randomContent(17 * mib + 3);
      const blob = await s.store.put(chunked(content, mib));
      expect(blob).toMatchObject({ digest: sha256Digest(content), size: content.length });
      const head = await s.client.send(new HeadObjectCommand({ Bucket: s.bucket, Key: blobKey('team/artifacts/', blob.digest) }));
      expect(head.ETag).toMatch(/-4"$/); // 4 parts of 5 MiB: a multipart ETag ends in -<parts>
      expect(head.Metadata).toEqual({ 'mlops-crc32': crcHex(content) });
      // Each part went up with its CRC32: the server holds the composite checksum of the 4 (the CRC32
      // of the parts' CRC32s; AWS appends -4, moto's HEAD does not).
      const partCrcs = Buffer.alloc(16);
      for (let i = 0; i < 4; i++) partCrcs.writeUInt32BE(crc32(content.subarray(i * 5 * mib, (i + 1) * 5 * mib)), 4 * i);
      const composite = Buffer.from(crcHex(partCrcs), 'hex').toString('base64');
      const checked = await s.client.send(new HeadObjectCommand({ Bucket: s.bucket, Key: blobKey('team/artifacts/', blob.digest), ChecksumMode: 'ENABLED' }));
      expect(checked.ChecksumCRC32?.replace(/-4$/, '')).toBe(composite);
      expect((await readdir(s.spoolDir)).length).toBeLessThanOrEqual(1);
      expect(Buffer.from(await s.store.get(blob.digest)).equals(content)).toBe(true);
    }, 60_000);

    it('keeps one spool file for the next streamed put, overwrites it in place (a shorter blob sends only its own bytes), and close() removes it', async () => {
      const t = await newStore(moto().endpoint);
      const long = randomContent(17 * mib + 5); // multipart from the spool file
      const short = randomContent(5 * mib + 77); // one PutObject from the same, longer file
      const shorter = randomContent(5 * mib + 1); // multipart threshold 6 MiB: one PutObject too
      await t.store.put(chunked(long, mib));
      const [kept] = await readdir(t.spoolDir);
      expect(kept).toMatch(new RegExp(`^${process.pid}-[0-9a-f]{16}$`));
      for (const content of [short, shorter]) {
        const blob = await t.store.put(reusingChunks(content, 256 * 1024));
        expect(await readdir(t.spoolDir)).toEqual([kept]);
        const head = await t.client.send(new HeadObjectCommand({ Bucket: t.bucket, Key: blobKey('team/artifacts/', blob.digest) }));
        expect([head.ContentLength, head.Metadata]).toEqual([content.length, { 'mlops-crc32': crcHex(content) }]);
        expect(Buffer.from(await t.store.get(blob.digest)).equals(content)).toBe(true);
      }
      expect(Buffer.from(await t.store.get(sha256Digest(long))).equals(long)).toBe(true);
      await t.store.close();
      expect(await readdir(t.spoolDir)).toEqual([]);
      await t.cleanup();
    }, 60_000);

    it('a spool file removed by another process’s stale-file sweep while kept still serves the next put', async () => {
      const t = await newStore(moto().endpoint);
      await t.store.put(chunked(randomContent(7 * mib), mib));
      for (const name of await readdir(t.spoolDir)) await rm(join(t.spoolDir, name));
      const content = randomContent(9 * mib + 3);
      const blob = await t.store.put(chunked(content, mib));
      expect(Buffer.from(await t.store.get(blob.digest)).equals(content)).toBe(true);
      await t.store.close();
      expect(await readdir(t.spoolDir)).toEqual([]);
      await t.cleanup();
    }, 60_000);

    it('lets an error thrown by the caller’s stream through, leaving no object and no spool file', async () => {
      async function* failing() {
        yield randomContent(7 * mib);
        throw new Error('source broke');
      }
      await expect(s.store.put(failing())).rejects.toThrow('source broke');
      expect(await readdir(s.spoolDir)).toEqual([]);
    });

    it('treats a malformed digest as missing, so no key outside the prefix is ever read', async () => {
      for (const bad of ['sha256:../../x', 'md5:abc', sha256Digest(randomContent(4)).toUpperCase()]) {
        await expect(s.store.get(bad)).rejects.toMatchObject({ code: errorCodes.artifactNotFound });
        expect(await s.store.stat(bad)).toBeUndefined();
        await expect(s.store.delete(bad)).resolves.toBeUndefined();
      }
    });

    it('a truncated object fails reads with a size or digest error naming the artifact', async () => {
      const content = randomContent(4096);
      const blob = await s.store.put(content);
      await s.client.send(new PutObjectCommand({ Bucket: s.bucket, Key: blobKey('team/artifacts/', blob.digest), Body: Buffer.from(content.subarray(0, 100)) }));
      await expect(s.store.get(blob.digest)).rejects.toMatchObject({ code: errorCodes.storage, message: expect.stringContaining(`artifact ${blob.digest} is corrupt`) });
    });
  });

  describe('S3ArtifactStore failures that must be clear', () => {
    it('a missing bucket: start() and health() name the bucket and the endpoint', async () => {
      const s = await newStore(moto().endpoint, { bucket: 'mlops-no-such-bucket', create: false });
      const message = `bucket "mlops-no-such-bucket" does not exist at ${moto().endpoint}`;
      await expect(s.store.start()).rejects.toMatchObject({ code: errorCodes.storage, message: expect.stringContaining(message) });
      expect(await s.store.health()).toEqual({ ok: false, detail: expect.stringContaining(message) });
      s.store.close();
      await s.cleanup();
    });

    it('wrong credentials: start() and put() say the endpoint rejected them, naming the bucket', async () => {
      const strict = await startMotoServer({ env: { INITIAL_NO_AUTH_ACTION_COUNT: '0' } });
      try {
        const s = await newStore(strict.endpoint, { bucket: 'team-bucket', create: false });
        const rejected = `${strict.endpoint} rejected the credentials for bucket "team-bucket"`;
        await expect(s.store.start()).rejects.toMatchObject({ code: errorCodes.storage, message: expect.stringContaining(`open bucket failed: ${rejected}: HTTP 403`) });
        await expect(s.store.put(randomContent(5))).rejects.toMatchObject({ message: expect.stringContaining(`${rejected}: InvalidAccessKeyId`) });
        s.store.close();
        await s.cleanup();
      } finally {
        await strict.stop();
      }
    }, 60_000);
  });
});

describe('S3ArtifactStore with an unreachable endpoint', () => {
  it('fails fast with a StorageError naming the endpoint and bucket', async () => {
    // Port 9 (discard) on localhost: nothing listens, so connections are refused at once.
    const s = await newStore('http://127.0.0.1:9', { bucket: 'some-bucket', create: false });
    const started = Date.now();
    await expect(s.store.start()).rejects.toMatchObject({
      code: errorCodes.storage,
      message: expect.stringMatching(/^s3 artifact store: open bucket failed: cannot reach http:\/\/127\.0\.0\.1:9 \(bucket "some-bucket"\): ECONNREFUSED/),
    });
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(s.store.put(randomContent(10))).rejects.toMatchObject({ message: expect.stringContaining('cannot reach http://127.0.0.1:9') });
    s.store.close();
    await s.cleanup();
  });
});
