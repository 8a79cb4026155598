import { defineConfig } from '@mlops/core';
import { train } from './pipelines/train';

export default defineConfig({
  project: 'breast-cancer',
  // The embedded defaults, spelled out: artifacts in .mlops/artifacts, metadata in .mlops/metadata.sqlite.
  plugins: {
    artifactStore: '@mlops/storage-local',
    metadataStore: '@mlops/storage-local',
    validator: '@mlops/validator',
    trainer: '@mlops/trainer-gbdt',
  },
  pipelines: { train },
});
