import { defineConfig } from '@mlops/core';

export default defineConfig({
  project: '__PROJECT__',
  // Unset storage slots use the embedded default, @mlops/storage-local (files + SQLite in .mlops/).
  // A team swaps the metadata store by config alone:
  //   metadataStore: { use: '@mlops/storage-postgres', options: { connection: env('DATABASE_URL') } },
  plugins: {
    // Every run records its params, metrics, data digests and environment (`mlops runs ls --filter …`).
    tracker: '@mlops/tracker',
    // Versions, aliases and the promotion gate: a new version becomes @champion only if its held-out
    // accuracy is at least the champion's (`mlops models ls`, `mlops models history`).
    modelRegistry: { use: '@mlops/model-registry', options: { gate: { metric: 'accuracy' } } },
    // `mlops serve`: @champion over HTTP (POST /predict), run by onnxruntime; it follows the alias.
    modelRuntime: '@mlops/runtime-onnx',
    server: { use: '@mlops/server', options: { model: '__PROJECT__@champion', port: Number(process.env.PORT ?? 8080) } },
  },
  // The unset orchestrator is the embedded @mlops/orchestrator-local (run state in the same SQLite):
  // `mlops retrain train` runs a retrain, `mlops scheduler` fires schedules such as
  //   orchestrator: { use: '@mlops/orchestrator-local', options: { schedules: { weekly: { pipeline: 'train', cron: '0 2 * * 0', timeZone: 'UTC', catchUp: 'once' } } } },
  // Loaded when a command needs it, so `mlops runs ls` or `serve` never load the trainer and its imports.
  pipelines: { train: () => import('./pipelines/train').then((m) => m.train) },
});
