export { MemoryArtifactStore } from './MemoryArtifactStore';
export { MemoryMetadataStore } from './MemoryMetadataStore';
export { memoryArtifactStore, memoryMetadataStore } from './memoryStoragePlugins';
export { MemoryTracker, memoryTracker } from './MemoryTracker';
