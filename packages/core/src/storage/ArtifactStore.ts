/** Where an artifact's bytes live and how big they are. */
export interface StoredBlob {
  /** `sha256:<hex>` of the content. */
  digest: string;
  size: number;
  /** Store-specific location, for display (`file:///…`, `s3://…`). */
  uri: string;
}

/**
 * Content-addressed blob storage. Writes are atomic: a reader never sees a partial blob, and a writer
 * killed mid-write leaves nothing under the blob's address.
 */
export interface ArtifactStore {
  /** Stores the content and returns its address; storing the same bytes twice is a no-op. */
  put(content: Uint8Array | AsyncIterable<Uint8Array>): Promise<StoredBlob>;
  /** The whole content; throws `ArtifactNotFoundError` if absent. The store verifies the digest. */
  get(digest: string): Promise<Uint8Array>;
  /** The content as a stream of chunks, for large blobs; a digest mismatch throws at the end of the stream. */
  read(digest: string): AsyncIterable<Uint8Array>;
  has(digest: string): Promise<boolean>;
  /** Size and location, or undefined. */
  stat(digest: string): Promise<StoredBlob | undefined>;
  /** Removes the blob; deleting a missing blob is a no-op. */
  delete(digest: string): Promise<void>;
}
