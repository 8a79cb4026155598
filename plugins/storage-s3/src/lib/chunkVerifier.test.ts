import { afterAll, describe, expect, it } from '@jest/globals';
import { errorCodes } from '@mlops/core';
import { randomContent, sha256Digest } from '@mlops/testkit';
import { inlineVerifier, threadVerifier, type ChunkVerifier } from './chunkVerifier';
import { HashThread } from './hashThread';

const thread = new HashThread();
afterAll(() => thread.close());

/** Feeds `chunks` through the verifier; returns what it handed on, concatenated, and the digest. */
async function run(verifier: ChunkVerifier, chunks: Uint8Array[]) {
  const out: Uint8Array[] = [];
  for (const chunk of chunks) out.push(...(await verifier.add(chunk)));
  const { rest, digest } = await verifier.end();
  out.push(...rest);
  return { bytes: Buffer.concat(out), digest };
}

/** Each chunk in a buffer of its own, as node's HTTP parser delivers a body. */
const ownChunks = (bytes: Uint8Array, sizes: number[]) => {
  const chunks: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = Math.min(sizes[i % sizes.length]!, bytes.length - at);
    chunks.push(new Uint8Array(bytes.subarray(at, at + n)));
    at += n;
  }
  return chunks;
};

describe('threadVerifier', () => {
  const batchBytes = 1000;
  // Sizes around the batch boundary, with chunks that end exactly on it, just before and just after.
  it.each([0, 1, 999, 1000, 1001, 2999, 3000, 3001, 64 * 1024 + 3])('hands on %i bytes in order and hashes them', async (size) => {
    const content = randomContent(size);
    for (const sizes of [[1000], [999], [1001], [7, 500, 1993], [100_000]]) {
      for (const maxBatches of [1, 4]) {
        const { bytes, digest } = await run(threadVerifier(thread, { batchBytes, maxBatches }, true), ownChunks(content, sizes));
        expect([bytes.equals(content), digest]).toEqual([true, sha256Digest(content)]);
      }
    }
  });

  it('holds at most maxBatches + 1 batches: add waits for the thread past that', async () => {
    const verifier = threadVerifier(thread, { batchBytes: 10, maxBatches: 2 }, true);
    const handedOn: number[] = [];
    let sent = 0;
    for (let i = 0; i < 50; i++) {
      sent += 10;
      const ready = await verifier.add(new Uint8Array(10).fill(i));
      handedOn.push(ready.reduce((n, c) => n + c.length, 0));
      expect(sent - handedOn.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(30);
    }
    const { rest } = await verifier.end();
    expect(handedOn.reduce((a, b) => a + b, 0) + rest.reduce((n, c) => n + c.length, 0)).toBe(500);
  });

  it('copies a chunk that shares its buffer instead of taking the buffer away from the caller', async () => {
    const content = Buffer.from(randomContent(5000));
    const views = [content.subarray(0, 1500), content.subarray(1500, 4000), content.subarray(4000)];
    const small = Buffer.from('pooled'); // node's Buffer pool: 8 KiB shared by many small Buffers
    const { bytes, digest } = await run(threadVerifier(thread, { batchBytes: 1000, maxBatches: 4 }, true), [...views, small]);
    const expected = Buffer.concat([content, Buffer.from('pooled')]);
    expect([bytes.equals(expected), digest]).toEqual([true, sha256Digest(expected)]);
    expect([content.length, small.toString()]).toEqual([5000, 'pooled']);
  });

  it('without giveBack hands nothing on and still hashes everything', async () => {
    const content = randomContent(10_000);
    const { bytes, digest } = await run(threadVerifier(thread, { batchBytes: 1000, maxBatches: 2 }, false), ownChunks(content, [700]));
    expect([bytes.length, digest]).toEqual([0, sha256Digest(content)]);
  });

  it('runs several jobs at once on the one thread, each with its own hash', async () => {
    const contents = [randomContent(7000), randomContent(3), randomContent(12_345)];
    const results = await Promise.all(contents.map((c, i) => run(threadVerifier(thread, { batchBytes: 500 + i, maxBatches: 1 }, true), ownChunks(c, [333]))));
    expect(results.map((r) => r.digest)).toEqual(contents.map(sha256Digest));
  });

  it('fails open jobs with a StorageError when the thread is closed, and starts a new thread after', async () => {
    const own = new HashThread();
    const verifier = threadVerifier(own, { batchBytes: 10, maxBatches: 100 }, true);
    await verifier.add(new Uint8Array(10));
    await own.close();
    await expect(verifier.end()).rejects.toMatchObject({ code: errorCodes.storage, message: 's3 artifact store: the thread verifying a read failed: the store was closed' });
    const content = randomContent(100);
    expect((await run(threadVerifier(own, { batchBytes: 10, maxBatches: 1 }, true), ownChunks(content, [30]))).digest).toBe(sha256Digest(content));
    await own.close();
  });

  it('an aborted job is dropped: the thread no longer keeps the process alive for it', async () => {
    const own = new HashThread();
    const jobs = (own as unknown as { jobs: Map<number, unknown> }).jobs;
    const verifier = threadVerifier(own, { batchBytes: 10, maxBatches: 100 }, true);
    await verifier.add(new Uint8Array(25));
    expect(jobs.size).toBe(1);
    verifier.abort();
    expect(jobs.size).toBe(0);
    await own.close();
  });
});

describe('inlineVerifier', () => {
  it('hands each chunk on at once, as given', async () => {
    const content = randomContent(3001);
    const verifier = inlineVerifier();
    const chunk = content.subarray(0, 1000);
    expect(await verifier.add(chunk)).toEqual([chunk]);
    await verifier.add(content.subarray(1000));
    expect(await verifier.end()).toEqual({ rest: [], digest: sha256Digest(content) });
  });
});
