import { defineConfig } from '@mlops/core';
import * as features from './features';
import { retrain } from './pipelines/retrain';
import { train } from './pipelines/train';
import { trainFromFeatures } from './pipelines/trainFromFeatures';
import { gbdt } from './tuning';

export default defineConfig({
  project: 'breast-cancer',
  // The embedded defaults, spelled out: artifacts in .mlops/artifacts, metadata, runs and the
  // registry in .mlops/metadata.sqlite. No server needed.
  plugins: {
    artifactStore: '@mlops/storage-local',
    metadataStore: '@mlops/storage-local',
    validator: '@mlops/validator',
    trainer: '@mlops/trainer-gbdt',
    tracker: '@mlops/tracker',
    // Patient features (features.ts), versioned with `mlops features apply`; the online store is the
    // embedded one in .mlops/metadata.sqlite unless an onlineStore plugin (e.g. Redis) is configured.
    featureStore: { use: '@mlops/feature-store', options: { definitions: features } },
    // `mlops serve`: the champion over HTTP, run by onnxruntime. A request may send the 30 measurements
    // (`row`/`rows`) or patient ids (`entities`), whose features come from the online store.
    modelRuntime: '@mlops/runtime-onnx',
    // Every prediction `mlops serve` answers is logged in .mlops/metadata.sqlite (monitor_predictions),
    // off the request path. `mlops monitor --once` compares the last hour with the champion's reference
    // profile (its training rows, stored at registration) and raises the alerts below through the
    // alert sink; dataset drift also records a retraining request (`mlops alerts retrain-requests`).
    monitor: {
      use: '@mlops/monitor',
      options: {
        drift: { columns: { mean_area: { test: 'psi', threshold: 0.2 } } },
        rules: [
          // The seed's rule: a feature's window mean or std beyond 2 training standard deviations.
          { kind: 'baseline-shift', k: 2 },
          { kind: 'dataset-drift', share: 0.5, severity: 'critical', retrain: true },
          { kind: 'output-drift', name: 'prediction-mix', columns: ['output.label'] },
        ],
        // What a `retrain: true` rule submits when an orchestrator is configured (mlops.distributed.config.ts).
        retrainPipeline: 'retrain',
      },
    },
    server: {
      use: '@mlops/server',
      // POST /feedback (labels for served predictions) needs `Authorization: Bearer $MLOPS_ADMIN_TOKEN`; unset, the route is off.
      // It follows the alias within 2 s of a promotion (10 s by default).
      options: { model: 'breast-cancer@champion', port: 8080, reloadIntervalMs: 2000, features: { service: 'diagnosis_model', entityKeys: ['patient_id'] }, adminToken: process.env.MLOPS_ADMIN_TOKEN },
    },
    // `npx mlops tune run gbdt`: TPE over the GBDT's params (see tuning.ts), pruning by the
    // held-out log loss after each boosting round; `--register` sends the best through the gate.
    tuner: { use: '@mlops/tuner', options: { studies: { gbdt } } },
    // Refused promotions are logged and appended to .mlops/alerts.jsonl (add webhooks for Slack).
    alertSink: '@mlops/alerts',
    modelRegistry: {
      use: '@mlops/model-registry',
      options: {
        // A candidate becomes champion only if its held-out ROC-AUC beats the champion's on the same
        // rows, without making log loss or accuracy worse by more than the tolerance.
        gate: {
          metric: 'rocAuc',
          direction: 'higher',
          guards: [
            { metric: 'logLoss', direction: 'lower', tolerance: 0.02 },
            { metric: 'accuracy', direction: 'higher', tolerance: 0.01 },
          ],
        },
        cards: {
          'breast-cancer': {
            owner: 'mlops example maintainers',
            intendedUse: 'Teaching and testing the mlops pipeline: classifies fine-needle aspirate measurements as benign or malignant.',
            outOfScope: 'Any clinical decision. The model was trained on 569 samples from one hospital in the 1990s.',
            limitations: 'Small, old, single-site dataset; measurements come from digitized images with a fixed protocol, so other imaging pipelines will shift the inputs.',
            fairness: 'The dataset records no patient demographics, so performance across age or ancestry groups cannot be assessed; per-slice metrics by tumour size are reported instead.',
          },
        },
      },
    },
  },
  pipelines: { train, 'train-from-features': trainFromFeatures, retrain },
});
