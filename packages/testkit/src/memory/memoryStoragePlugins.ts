import { definePlugin, tokens } from '@mlops/core';
import { MemoryArtifactStore } from './MemoryArtifactStore';
import { MemoryMetadataStore } from './MemoryMetadataStore';

/** In-memory storage plugins: `plugins: { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore }` in a test config. */
export const memoryArtifactStore = definePlugin({ name: 'memory-artifact-store', provides: tokens.artifactStore, create: () => new MemoryArtifactStore() });
export const memoryMetadataStore = definePlugin({ name: 'memory-metadata-store', provides: tokens.metadataStore, create: () => new MemoryMetadataStore() });
