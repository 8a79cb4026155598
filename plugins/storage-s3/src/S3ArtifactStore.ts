import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { crc32 } from './lib/crc32';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  ArtifactNotFoundError,
  messages,
  silentLogger,
  StorageError,
  type ArtifactStore,
  type Health,
  type Lifecycle,
  type Logger,
  type StoredBlob,
} from '@mlops/core';
import { blobKey, normalisePrefix } from './lib/blobKey';
import { checkedBody, drainBody } from './lib/checkedBody';
import { crc32Digest, crc32Verifier, inlineVerifier, threadVerifier, type ChunkVerifier, type ThreadBatching } from './lib/chunkVerifier';
import { fileRange, freshFileBody } from './lib/freshFileBody';
import { HashThread } from './lib/hashThread';
import { s3Messages, type S3Place } from './lib/messages';
import { abortStaleUploads, removeStaleSpoolFiles } from './lib/removeStaleUploads';
import { isNotFound, s3ErrorCode, wrapS3Error } from './lib/s3Errors';
import { lazyIterator } from './lib/lazyIterator';
import { PartBuffers } from './lib/partBuffers';
import { partCrcsOf } from './lib/partCrcs';
import { spoolContent, type Spooled } from './lib/spoolContent';
import { discard, SpoolFiles, type SpoolFile } from './lib/spoolFiles';
import { uploadMultipart } from './lib/uploadMultipart';
import { withPayloadHash } from './lib/withPayloadHash';

/** Options of {@link S3ArtifactStore}; the plugin fills them from its config. */
export interface S3ArtifactStoreOptions {
  client: S3Client;
  bucket: string;
  prefix: string;
  /** For messages: the endpoint URL, or e.g. `AWS (eu-west-1)`. */
  endpointLabel: string;
  /** Local folder for streamed uploads longer than one part (the memory bound of a streamed put). */
  spoolDir: string;
  multipartThresholdBytes: number;
  partSizeBytes: number;
  concurrency: number;
  staleUploadMs: number;
  /** A spool file up to this size is kept for the next streamed put (see `SpoolFiles`); default 1 GiB, 0: none. */
  keepSpoolBytes?: number;
  /**
   * Reads of at least `minBytes` are hashed on a worker thread (see {@link threadVerifier}), smaller
   * ones inline; `false`: always inline. Default: 8 MiB, in batches of 1 MiB, at most 16 in flight.
   */
  hashThread?: (ThreadBatching & { minBytes: number }) | false;
  /**
   * What reads check: `crc32` (default) the CRC32 recorded in the object's metadata at upload (and
   * sha256 for objects without one), `sha256` always the content's sha256 against its address.
   */
  verifyReads?: 'crc32' | 'sha256';
  logger?: Logger;
}

const mib = 1024 * 1024;
const defaultHashThread = { minBytes: 8 * mib, batchBytes: mib, maxBatches: 16 };
/** User metadata (`x-amz-meta-mlops-crc32`) holding the CRC32 of the content as 8 hex digits. */
const crcMetadata = 'mlops-crc32';
const crcPattern = /^[0-9a-f]{8}$/;

/**
 * Content-addressed blobs in an S3 bucket under `<prefix>sha256/<2 hex>/<62 hex>`. Writes are
 * conditional (`If-None-Match: *`), so concurrent writers of the same content never replace each
 * other's object, and atomic: a single PutObject, or a multipart upload that exists for readers only
 * once completed. Every object records the CRC32 of its content in its metadata; reads are streamed
 * and verified against it (or against the digest, see `verifyReads`).
 */
export class S3ArtifactStore implements ArtifactStore, Lifecycle {
  readonly bucket: string;
  readonly prefix: string;
  private readonly place: S3Place;
  private readonly logger: Logger;
  private readonly hashThread = new HashThread();
  /** A streamed put's first part and a spooled multipart upload's parts (one each in flight). */
  private readonly partBuffers: PartBuffers;
  /** The spool file kept between streamed puts (its page cache stays warm). */
  private readonly spoolFiles: SpoolFiles;

  constructor(private readonly options: S3ArtifactStoreOptions) {
    this.partBuffers = new PartBuffers(options.partSizeBytes, options.concurrency + 1);
    this.spoolFiles = new SpoolFiles(options.spoolDir, options.keepSpoolBytes ?? 1024 * mib);
    this.bucket = options.bucket;
    this.prefix = normalisePrefix(options.prefix);
    this.place = { bucket: options.bucket, prefix: this.prefix, endpoint: options.endpointLabel };
    this.logger = options.logger ?? silentLogger;
  }

  /** Fails fast when the bucket cannot be reached; then cleans up after killed writers. */
  async start(): Promise<void> {
    await this.checkBucket();
    const { staleUploadMs, spoolDir } = this.options;
    const aborted = await this.guard('abort stale uploads', () => abortStaleUploads(this.client, this.bucket, this.prefix, staleUploadMs));
    const removed = await this.guard('clean spool', () => removeStaleSpoolFiles(spoolDir, staleUploadMs));
    if (aborted.length) this.logger.info(`aborted ${aborted.length} stale multipart upload(s) under s3://${this.bucket}/${this.prefix}`);
    if (removed.length) this.logger.info(`removed ${removed.length} stale spool file(s) from ${spoolDir}`);
  }

  async health(): Promise<Health> {
    try {
      await this.checkBucket();
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
    this.partBuffers.clear();
    await this.spoolFiles.clear();
    await this.hashThread.close();
  }

  async put(content: Uint8Array | AsyncIterable<Uint8Array>): Promise<StoredBlob> {
    if (content instanceof Uint8Array) {
      const digest = `sha256:${createHash('sha256').update(content).digest('hex')}`;
      const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
      if (bytes.length <= this.options.multipartThresholdBytes) return this.putBytes(bytes, digest, crc32(content));
      // Each part's CRC32 in the same pass, the whole object's derived from them.
      const { partCrcs, crc } = partCrcsOf(bytes, this.options.partSizeBytes);
      return this.putBytes(bytes, digest, crc, partCrcs);
    }
    const spooled = await this.spool(content);
    if (spooled.kind === 'bytes') {
      try {
        return await this.putBytes(spooled.bytes, spooled.digest, spooled.crc, spooled.partCrcs);
      } finally {
        this.partBuffers.give(spooled.bytes);
      }
    }
    const { file, digest, crc, partCrcs, size } = spooled;
    let stored: StoredBlob;
    try {
      stored = size <= this.options.multipartThresholdBytes ? await this.putFileSingle(file, digest, crc, size) : await this.putSpoolFile(file, digest, crc, partCrcs, size);
    } catch (error) {
      await discard(file);
      throw error;
    }
    await this.spoolFiles.give(file);
    return stored;
  }

  /** At most one part is held in memory (in a reused part buffer); anything longer is spooled (see spoolContent). */
  private async spool(content: AsyncIterable<Uint8Array>): Promise<Spooled> {
    const { multipartThresholdBytes: threshold, partSizeBytes } = this.options;
    const hold = this.partBuffers.take();
    try {
      const spooled = await this.guard('spool upload', () => spoolContent(content, hold.subarray(0, Math.min(threshold, partSizeBytes)), partSizeBytes, this.spoolFiles));
      if (spooled.kind === 'file') this.partBuffers.give(hold);
      return spooled;
    } catch (error) {
      this.partBuffers.give(hold);
      throw error;
    }
  }

  async get(digest: string): Promise<Uint8Array> {
    const { body, size, crc } = await this.open(digest);
    const bytes = Buffer.allocUnsafe(size);
    // Each chunk is copied out before it is hashed: the hash thread does not need to give it back.
    const { verifier, expected } = this.verifier(digest, size, crc, false);
    let at = 0;
    const take = (chunk: Buffer) => {
      if (at + chunk.length > size) throw new StorageError(s3Messages.sizeMismatch(digest, size, at + chunk.length));
      chunk.copy(bytes, at);
      at += chunk.length;
    };
    try {
      const { sync } = verifier;
      if (sync) {
        // Checked where each chunk arrives: no promise per chunk.
        await drainBody(body, (chunk) => {
          take(chunk);
          sync.update(chunk);
        });
        verify(digest, expected, sync.digest(), size, at);
      } else {
        for await (const chunk of body as AsyncIterable<Buffer>) {
          take(chunk);
          await verifier.add(chunk);
        }
        verify(digest, expected, (await verifier.end()).digest, size, at);
      }
    } catch (error) {
      body.destroy();
      verifier.abort();
      throw wrapS3Error(this.place, `read ${digest}`, error);
    }
    return bytes;
  }

  /**
   * Streams the object as the socket delivers it; a checksum or size mismatch throws `StorageError`
   * after the last chunk. The GetObject is sent on the first `next()`. A check on the calling thread
   * (the recorded CRC32, or a sha256 below the hash thread's `minBytes`) runs in the body's `data`
   * handler (see `checkedBody`); a sha256 on the hash thread hands chunks on as the thread gives them
   * back, at most `batchBytes × maxBatches` behind.
   */
  read(digest: string): AsyncIterableIterator<Uint8Array> {
    return lazyIterator(async () => {
      const { body, size, crc } = await this.open(digest);
      const { verifier, expected } = this.verifier(digest, size, crc, true);
      const { sync } = verifier;
      if (!sync) return this.readThreaded(digest, body, size, verifier, expected);
      const wrap = (error: unknown) => wrapS3Error(this.place, `read ${digest}`, error);
      return checkedBody(body, { update: sync.update, finish: (bytes) => verify(digest, expected, sync.digest(), size, bytes) }, wrap);
    });
  }

  private async *readThreaded(digest: string, body: Readable, size: number, verifier: ChunkVerifier, expected: string): AsyncGenerator<Uint8Array> {
    let at = 0;
    let ended = false;
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        at += chunk.length;
        for (const ready of await verifier.add(chunk)) yield ready;
      }
      const { rest, digest: actual } = await verifier.end();
      ended = true;
      for (const ready of rest) yield ready;
      verify(digest, expected, actual, size, at);
    } catch (error) {
      throw wrapS3Error(this.place, `read ${digest}`, error);
    } finally {
      body.destroy();
      if (!ended) verifier.abort();
    }
  }

  async has(digest: string): Promise<boolean> {
    return (await this.stat(digest)) !== undefined;
  }

  async stat(digest: string): Promise<StoredBlob | undefined> {
    let key: string;
    try {
      key = blobKey(this.prefix, digest);
    } catch {
      return undefined;
    }
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { digest, size: head.ContentLength ?? 0, uri: this.uri(key) };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw wrapS3Error(this.place, `stat ${digest}`, error);
    }
  }

  async delete(digest: string): Promise<void> {
    let key: string;
    try {
      key = blobKey(this.prefix, digest);
    } catch {
      return;
    }
    await this.guard(`delete ${digest}`, () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
  }

  /**
   * Verification for a read of `size` bytes and what its digest must be: the CRC32 recorded at upload
   * when there is one (and `verifyReads` is not `sha256`), else the sha256, on the hash thread when
   * the object is large enough to pay for it.
   */
  private verifier(digest: string, size: number, crc: string | undefined, giveBack: boolean): { verifier: ChunkVerifier; expected: string } {
    if (crc !== undefined && this.options.verifyReads !== 'sha256') return { verifier: crc32Verifier(), expected: `crc32:${crc}` };
    const thread = this.options.hashThread ?? defaultHashThread;
    const verifier = thread && size >= thread.minBytes ? threadVerifier(this.hashThread, thread, giveBack) : inlineVerifier();
    return { verifier, expected: digest };
  }

  /** The user metadata every object is written with: its content's CRC32. */
  private metadata(crc: number): Record<string, string> {
    return { [crcMetadata]: crc32Digest(crc).slice('crc32:'.length) };
  }

  private get client(): S3Client {
    return this.options.client;
  }

  private uri(key: string): string {
    return `s3://${this.bucket}/${key}`;
  }

  private async putBytes(bytes: Buffer, digest: string, crc: number, partCrcs?: readonly number[]): Promise<StoredBlob> {
    if (bytes.length > this.options.multipartThresholdBytes) return this.putLarge(digest, crc, partCrcs, bytes.length, (start, end) => bytes.subarray(start, end));
    const Metadata = this.metadata(crc);
    return this.putSingle(digest, bytes.length, new PutObjectCommand({ Bucket: this.bucket, Key: blobKey(this.prefix, digest), Body: bytes, ContentLength: bytes.length, IfNoneMatch: '*', Metadata }));
  }

  /** One PutObject streamed from a spool file (read afresh for each retry); a HEAD first, as for multipart. */
  private async putFileSingle(file: SpoolFile, digest: string, crc: number, size: number): Promise<StoredBlob> {
    const key = blobKey(this.prefix, digest);
    if (await this.has(digest)) return { digest, size, uri: this.uri(key) };
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentLength: size, IfNoneMatch: '*', Metadata: this.metadata(crc) });
    // Bytes [0, size) only: a kept spool file may be longer. 4 MiB reads: the default 64 KiB costs
    // 3-6× the CPU per byte read (and as many socket writes), and each read is a fresh buffer, slow
    // to fault in on a VM: 4 MiB took 0.32 s of client CPU per 256 MB against 0.40 s for 1 MiB
    // (BENCHMARKS.md, sessions 9 and 12).
    const body = freshFileBody(command, () => fileRange(file.handle, 0, size, 4 * mib));
    try {
      return await this.putSingle(digest, size, body.command);
    } finally {
      body.close();
    }
  }

  private async putSingle(digest: string, size: number, command: PutObjectCommand): Promise<StoredBlob> {
    try {
      // The body's sha256 is the digest: signed as is, the server checks it and nothing hashes twice.
      await this.client.send(withPayloadHash(command, digest.slice('sha256:'.length)));
    } catch (error) {
      // 412: the object exists (same key, so same content). 409: a concurrent conditional write of
      // the same key is in flight; the blob counts as stored once that writer's object is there.
      const code = s3ErrorCode(error);
      if (code !== 'PreconditionFailed' && !(code === 'ConditionalRequestConflict' && (await this.has(digest)))) throw wrapS3Error(this.place, `put ${digest}`, error);
    }
    return { digest, size, uri: this.uri(blobKey(this.prefix, digest)) };
  }

  private async putLarge(
    digest: string,
    crc: number,
    partCrcs: readonly number[] | undefined,
    size: number,
    readRange: (start: number, end: number) => Promise<Uint8Array> | Uint8Array,
    release?: (bytes: Uint8Array) => void,
  ): Promise<StoredBlob> {
    const key = blobKey(this.prefix, digest);
    const blob = { digest, size, uri: this.uri(key) };
    // One HEAD saves re-sending a large blob that is already stored. It goes out together with
    // CreateMultipartUpload (one round trip before the first part, not two); a blob found stored
    // aborts the unused upload before any part is sent.
    const stored = this.has(digest);
    stored.catch(() => undefined); // awaited by uploadMultipart, unless CreateMultipartUpload fails first
    const { client, bucket } = this;
    const { partSizeBytes: partSize, concurrency } = this.options;
    try {
      await uploadMultipart({ client, bucket, key, size, partSize, concurrency, metadata: this.metadata(crc), partCrcs, readRange, release, stored });
    } catch (error) {
      // 409: another writer's conditional completion of the same key was in flight (AWS answers so
      // instead of 412 while both are pending); the blob is stored if that writer's object is there.
      if (!(s3ErrorCode(error) === 'ConditionalRequestConflict' && (await this.has(digest)))) throw wrapS3Error(this.place, `put ${digest}`, error);
    }
    return blob;
  }

  /**
   * Sends a spooled file as parts read back into part buffers reused from part to part and from put
   * to put (`PartBuffers`): fresh 16 MiB buffers per part cost more in page faults than the read itself.
   */
  private async putSpoolFile(file: SpoolFile, digest: string, crc: number, partCrcs: readonly number[], size: number): Promise<StoredBlob> {
    return this.putLarge(
      digest,
      crc,
      partCrcs,
      size,
      async (start, end) => {
        const buffer = this.partBuffers.take().subarray(0, end - start);
        for (let at = 0; at < buffer.length; ) {
          const { bytesRead } = await file.handle.read(buffer, at, buffer.length - at, start + at);
          if (bytesRead === 0) throw new StorageError(`s3 artifact store: spool file ${file.path} shrank while uploading`);
          at += bytesRead;
        }
        return buffer;
      },
      (bytes) => this.partBuffers.give(bytes),
    );
  }

  /** The object's body, size and recorded CRC32 (8 hex digits; undefined when absent or malformed). */
  private async open(digest: string): Promise<{ body: Readable; size: number; crc: string | undefined }> {
    const key = blobKey(this.prefix, digest);
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const crc = answer.Metadata?.[crcMetadata];
      return { body: answer.Body as Readable, size: answer.ContentLength ?? 0, crc: crc !== undefined && crcPattern.test(crc) ? crc : undefined };
    } catch (error) {
      if (isNotFound(error)) throw new ArtifactNotFoundError(digest);
      throw wrapS3Error(this.place, `read ${digest}`, error);
    }
  }

  private async checkBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      throw wrapS3Error(this.place, 'open bucket', error, true);
    }
  }

  private async guard<T>(op: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw wrapS3Error(this.place, op, error);
    }
  }
}

function verify(digest: string, expected: string, actual: string, expectedSize: number, size: number): void {
  if (actual !== expected) throw new StorageError(expected === digest ? messages.digestMismatch(digest, actual) : s3Messages.checksumMismatch(digest, expected, actual));
  if (size !== expectedSize) throw new StorageError(s3Messages.sizeMismatch(digest, expectedSize, size));
}
