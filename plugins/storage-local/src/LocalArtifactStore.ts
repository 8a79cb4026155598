import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ArtifactNotFoundError,
  isMlopsError,
  messages,
  silentLogger,
  StorageError,
  type ArtifactStore,
  type Health,
  type Lifecycle,
  type Logger,
  type StoredBlob,
} from '@mlops/core';
import { blobPath, layout } from './lib/blobLayout';
import { fsyncDir } from './lib/fsyncDir';
import { removeStaleTempFiles } from './lib/removeStaleTempFiles';
import { writeTempBlob } from './lib/writeTempBlob';

/** Options of {@link LocalArtifactStore}. */
export interface LocalArtifactStoreOptions {
  /** Absolute folder holding `sha256/` and `tmp/`; created if missing. */
  path: string;
  /** `start()` removes temp files not modified for this long; default 10 minutes. */
  staleTempMs?: number;
  logger?: Logger;
}

const readChunkBytes = 1024 * 1024;

/**
 * Content-addressed blobs in a local folder. A write goes to `tmp/`, hashed while streaming, is
 * fsynced, then renamed to `sha256/<2 hex>/<62 hex>` and the folder fsynced: a blob path only ever
 * holds complete content, even if the writer is killed.
 */
export class LocalArtifactStore implements ArtifactStore, Lifecycle {
  readonly root: string;
  private readonly staleTempMs: number;
  private readonly logger: Logger;
  private dirsReady: Promise<void> | undefined;

  constructor(options: LocalArtifactStoreOptions) {
    this.root = options.path;
    this.staleTempMs = options.staleTempMs ?? 10 * 60_000;
    this.logger = options.logger ?? silentLogger;
  }

  /** Creates the folders and removes temp files left by killed writers. */
  async start(): Promise<void> {
    await this.ensureDirs();
    const removed = await this.guard('clean temp files', () => removeStaleTempFiles(join(this.root, layout.temp), this.staleTempMs));
    if (removed.length) this.logger.info(`removed ${removed.length} stale temp file(s) from ${join(this.root, layout.temp)}`);
  }

  async health(): Promise<Health> {
    try {
      await access(this.root, constants.W_OK);
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: `${this.root} is not writable: ${String((error as { message?: unknown }).message)}` };
    }
  }

  async put(content: Uint8Array | AsyncIterable<Uint8Array>): Promise<StoredBlob> {
    await this.ensureDirs();
    const temp = await this.guard('write', () => writeTempBlob(join(this.root, layout.temp), content));
    const target = blobPath(this.root, temp.digest);
    const blob = { digest: temp.digest, size: temp.size, uri: pathToFileURL(target).href };
    try {
      // Same content already stored: keep it untouched. (Two writers racing past this check both
      // rename identical bytes into place, which is harmless.)
      if (await this.has(temp.digest)) return blob;
      const shard = dirname(target);
      const created = await mkdir(shard, { recursive: true });
      await rename(temp.file, target);
      await fsyncDir(shard);
      if (created) await fsyncDir(dirname(shard));
      return blob;
    } catch (error) {
      throw this.wrap('store', error);
    } finally {
      await rm(temp.file, { force: true });
    }
  }

  async get(digest: string): Promise<Uint8Array> {
    const file = blobPath(this.root, digest);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw this.notFoundOr(digest, 'read', error);
    }
    verify(digest, createHash('sha256').update(bytes));
    return bytes;
  }

  /** Streams the blob in 1 MiB chunks; a digest mismatch throws `StorageError` after the last chunk. */
  async *read(digest: string): AsyncIterable<Uint8Array> {
    const file = blobPath(this.root, digest);
    const handle = await open(file, 'r').catch((error: unknown) => {
      throw this.notFoundOr(digest, 'read', error);
    });
    const hash = createHash('sha256');
    try {
      for (;;) {
        const buffer = Buffer.allocUnsafe(readChunkBytes);
        const { bytesRead } = await handle.read(buffer, 0, readChunkBytes, null);
        if (bytesRead === 0) break;
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        yield chunk;
      }
    } finally {
      await handle.close();
    }
    verify(digest, hash);
  }

  async has(digest: string): Promise<boolean> {
    return (await this.stat(digest)) !== undefined;
  }

  async stat(digest: string): Promise<StoredBlob | undefined> {
    let file: string;
    try {
      file = blobPath(this.root, digest);
    } catch {
      return undefined;
    }
    const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw this.wrap('stat', error);
    });
    return info?.isFile() ? { digest, size: info.size, uri: pathToFileURL(file).href } : undefined;
  }

  async delete(digest: string): Promise<void> {
    let file: string;
    try {
      file = blobPath(this.root, digest);
    } catch {
      return;
    }
    await this.guard('delete', () => rm(file, { force: true }));
  }

  private ensureDirs(): Promise<void> {
    // Cached, but forgotten on failure so a later call can retry (e.g. after a mount came back).
    this.dirsReady ??= this.guard('create folders', async () => {
      await mkdir(join(this.root, layout.blobs), { recursive: true });
      await mkdir(join(this.root, layout.temp), { recursive: true });
    }).catch((error: unknown) => {
      this.dirsReady = undefined;
      throw error;
    });
    return this.dirsReady;
  }

  private notFoundOr(digest: string, operation: string, error: unknown): Error {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? new ArtifactNotFoundError(digest) : this.wrap(operation, error);
  }

  private async guard<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw this.wrap(operation, error);
    }
  }

  /** File-system errors become `StorageError`; anything else (e.g. thrown by the caller's stream) passes through. */
  private wrap(operation: string, error: unknown): Error {
    // Duck-typed: under jest, errors from node:fs come from another realm and fail `instanceof Error`.
    const isFsError = typeof error === 'object' && error !== null && 'syscall' in error;
    if (isMlopsError(error) || !isFsError) return error as Error;
    return new StorageError(`local artifact store: ${operation} failed in ${this.root}: ${String((error as { message?: unknown }).message)}`, { cause: error });
  }
}

function verify(digest: string, hash: ReturnType<typeof createHash>): void {
  const actual = `sha256:${hash.digest('hex')}`;
  if (actual !== digest) throw new StorageError(messages.digestMismatch(digest, actual));
}
