import { defineConfig } from '@mlops/core';
import { example } from './pipelines/example';

export default defineConfig({
  project: '__PROJECT__',
  // Unset storage slots use the embedded default, @mlops/storage-local (files + SQLite in .mlops/).
  // A team swaps the metadata store by config alone:
  //   plugins: { metadataStore: { use: '@mlops/storage-postgres', options: { connection: env('DATABASE_URL') } } },
  plugins: {
    // Every run records its params, metrics, data digests and environment (`mlops runs ls --filter …`).
    tracker: '@mlops/tracker',
  },
  pipelines: { example },
});
