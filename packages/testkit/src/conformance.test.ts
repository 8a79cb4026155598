import { artifactStoreConformance } from './artifact/artifactStoreConformance';
import { MemoryArtifactStore } from './memory/MemoryArtifactStore';
import { MemoryMetadataStore } from './memory/MemoryMetadataStore';
import { metadataStoreConformance } from './metadata/metadataStoreConformance';

// The suites run against the in-memory stores, which checks both: the stores keep the contract, and
// the suites pass a correct store. (No `remote`: the concurrency group runs in one process.)
artifactStoreConformance('MemoryArtifactStore', () => {
  const store = new MemoryArtifactStore();
  const blobs = (store as unknown as { blobs: Map<string, Uint8Array> }).blobs;
  return { store, corrupt: async (digest) => void blobs.get(digest)?.fill(7) };
});
metadataStoreConformance('MemoryMetadataStore', () => ({ store: new MemoryMetadataStore() }));
