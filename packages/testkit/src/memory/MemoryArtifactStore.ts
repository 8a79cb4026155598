import { ArtifactNotFoundError, StorageError, messages, sha256, type ArtifactStore, type StoredBlob } from '@mlops/core';

/**
 * An artifact store in process memory, for unit tests of pipelines and plugins. It passes the same
 * conformance suite as the real stores; nothing survives the process.
 */
export class MemoryArtifactStore implements ArtifactStore {
  private readonly blobs = new Map<string, Uint8Array>();

  async put(content: Uint8Array | AsyncIterable<Uint8Array>): Promise<StoredBlob> {
    let bytes: Uint8Array;
    if (content instanceof Uint8Array) bytes = content.slice();
    else {
      const chunks: Uint8Array[] = [];
      for await (const c of content) chunks.push(c.slice());
      bytes = Buffer.concat(chunks);
    }
    const digest = sha256(bytes);
    if (!this.blobs.has(digest)) this.blobs.set(digest, bytes);
    return { digest, size: bytes.byteLength, uri: `memory://${digest}` };
  }

  async get(digest: string): Promise<Uint8Array> {
    const bytes = this.blobs.get(digest);
    if (!bytes) throw new ArtifactNotFoundError(digest);
    const actual = sha256(bytes);
    if (actual !== digest) throw new StorageError(messages.digestMismatch(digest, actual));
    return bytes.slice();
  }

  async *read(digest: string): AsyncIterable<Uint8Array> {
    yield await this.get(digest);
  }

  async has(digest: string): Promise<boolean> {
    return this.blobs.has(digest);
  }

  async stat(digest: string): Promise<StoredBlob | undefined> {
    const bytes = this.blobs.get(digest);
    return bytes ? { digest, size: bytes.byteLength, uri: `memory://${digest}` } : undefined;
  }

  async delete(digest: string): Promise<void> {
    this.blobs.delete(digest);
  }

  /** Test hook: replaces a blob's bytes to simulate corruption. */
  corrupt(digest: string, bytes: Uint8Array): void {
    this.blobs.set(digest, bytes);
  }
}
