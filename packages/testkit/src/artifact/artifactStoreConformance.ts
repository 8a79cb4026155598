import { createHash } from 'node:crypto';
import { jestGlobals } from '../lib/jestGlobals';
import { errorCodes } from '@mlops/core';
import { chunked, collect, randomContent, sha256Digest } from '../lib/bytes';
import { useSubject } from '../lib/useSubject';
import type { ArtifactStoreConformanceOptions, ArtifactStoreFactory } from './ArtifactStoreSubject';

const mib = 1024 * 1024;

/**
 * Registers jest tests that check an {@link ArtifactStore} meets the contract. Call it at the top
 * level of a test file; `factory` is called once for the whole suite and must return an empty store.
 * Errors are matched by `code`, so a store built against another copy of @mlops/core passes too.
 */
export function artifactStoreConformance(name: string, factory: ArtifactStoreFactory, options: ArtifactStoreConformanceOptions = {}): void {
  const { describe, expect, it } = jestGlobals();
  const largeBytes = options.largeBlobBytes ?? 20 * mib;
  const slow = options.timeoutMs ?? 120_000;

  describe(`${name}: ArtifactStore conformance`, () => {
    const subject = useSubject(factory);
    const store = () => subject().store;

    it('put(bytes) returns the sha256 address, size and a uri; get returns the same bytes', async () => {
      const content = randomContent(1000);
      const blob = await store().put(content);
      expect(blob).toEqual({ digest: sha256Digest(content), size: 1000, uri: expect.any(String) });
      expect(blob.uri.length).toBeGreaterThan(0);
      expect(Buffer.from(await store().get(blob.digest)).equals(content)).toBe(true);
    });

    it('put(async iterable) stores the concatenated chunks, also with empty and Buffer chunks', async () => {
      const content = randomContent(300_000);
      async function* source() {
        yield new Uint8Array(0);
        yield* chunked(content.subarray(0, 100_000), 7_777);
        yield Buffer.from(content.subarray(100_000));
      }
      const blob = await store().put(source());
      expect(blob.digest).toBe(sha256Digest(content));
      expect(blob.size).toBe(content.length);
      expect(Buffer.from(await store().get(blob.digest)).equals(content)).toBe(true);
    });

    it('stores empty content', async () => {
      const blob = await store().put(new Uint8Array(0));
      expect(blob).toMatchObject({ digest: sha256Digest(new Uint8Array(0)), size: 0 });
      expect((await store().get(blob.digest)).length).toBe(0);
    });

    it('gives the same digest for the same content, and a second put is a no-op', async () => {
      const content = randomContent(4096);
      const first = await store().put(content);
      const second = await store().put(chunked(content, 1000));
      expect(second).toEqual(first);
      expect(await store().stat(first.digest)).toEqual(first);
      expect(Buffer.from(await store().get(first.digest)).equals(content)).toBe(true);
    });

    it('gives different digests for different content', async () => {
      const a = await store().put(randomContent(64));
      const b = await store().put(randomContent(64));
      expect(a.digest).not.toBe(b.digest);
    });

    it('has/stat/delete: present after put, gone after delete, and delete of a missing blob is a no-op', async () => {
      const content = randomContent(2048);
      const blob = await store().put(content);
      expect(await store().has(blob.digest)).toBe(true);
      expect(await store().stat(blob.digest)).toEqual(blob);
      await store().delete(blob.digest);
      expect(await store().has(blob.digest)).toBe(false);
      expect(await store().stat(blob.digest)).toBeUndefined();
      await expect(store().get(blob.digest)).rejects.toMatchObject({ code: errorCodes.artifactNotFound });
      await expect(store().delete(blob.digest)).resolves.toBeUndefined();
      expect(await store().put(content)).toEqual(blob);
    });

    it('reports a missing digest: get and read throw ArtifactNotFoundError, has is false, stat undefined', async () => {
      const missing = sha256Digest(randomContent(32));
      expect(await store().has(missing)).toBe(false);
      expect(await store().stat(missing)).toBeUndefined();
      await expect(store().get(missing)).rejects.toMatchObject({ code: errorCodes.artifactNotFound });
      await expect(collect(store().read(missing))).rejects.toMatchObject({ code: errorCodes.artifactNotFound });
    });

    it('read streams the content in chunks', async () => {
      const content = randomContent(3 * mib + 17);
      const blob = await store().put(content);
      expect(Buffer.from(await collect(store().read(blob.digest))).equals(content)).toBe(true);
    });

    it('verifies digests: a blob corrupted behind the store fails get and read with StorageError', async () => {
      const content = randomContent(10_000);
      const blob = await store().put(content);
      const { corrupt } = subject();
      if (!corrupt) {
        console.warn(`${name}: no corrupt() hook in the subject, so digest verification on read is not checked`);
        return;
      }
      await corrupt(blob.digest);
      await expect(store().get(blob.digest)).rejects.toMatchObject({ code: errorCodes.storage });
      await expect(collect(store().read(blob.digest))).rejects.toMatchObject({ code: errorCodes.storage });
    });

    it(
      `streams a large blob (${Math.round(largeBytes / mib)} MiB) in and out`,
      async () => {
        const expected = createHash('sha256');
        async function* source() {
          // A fresh chunk each time: a store may hold on to a chunk after asking for the next one.
          for (let sent = 0; sent < largeBytes; sent += mib) {
            const part = randomContent(Math.min(mib, largeBytes - sent));
            expected.update(part);
            yield part;
          }
        }
        const blob = await store().put(source());
        expect(blob.digest).toBe(`sha256:${expected.digest('hex')}`);
        expect(blob.size).toBe(largeBytes);
        const actual = createHash('sha256');
        let size = 0;
        for await (const part of store().read(blob.digest)) {
          actual.update(part);
          size += part.length;
        }
        expect(size).toBe(largeBytes);
        expect(`sha256:${actual.digest('hex')}`).toBe(blob.digest);
      },
      slow,
    );

    it(
      'handles concurrent puts of the same content',
      async () => {
        const content = randomContent(2 * mib);
        const blobs = await Promise.all(
          Array.from({ length: 8 }, (_, i) => store().put(i % 2 ? content : chunked(content, 64 * 1024))),
        );
        for (const blob of blobs) expect(blob).toEqual(blobs[0]);
        expect(Buffer.from(await store().get(blobs[0]!.digest)).equals(content)).toBe(true);
      },
      slow,
    );

    it('handles concurrent puts of different content', async () => {
      const contents = Array.from({ length: 16 }, (_, i) => randomContent(1000 + i));
      const blobs = await Promise.all(contents.map((c) => store().put(c)));
      for (const [i, blob] of blobs.entries()) expect(Buffer.from(await store().get(blob.digest)).equals(contents[i]!)).toBe(true);
    });
  });
}
