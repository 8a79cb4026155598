import { defineConfig, env } from '@mlops/core';
import { chain, hang, napping, quick, retrying } from './steps';

// Shared by the test process and the `mlops scheduler` processes (and step children) it starts:
// everything unique per test comes from the environment. No orchestrator slot: the embedded
// default, @mlops/orchestrator-local, fills it because the metadata store is SQLite. Its options
// for the tests come from the same environment through ORCH_LOCAL_OPTIONS.
const options = JSON.parse(process.env.ORCH_LOCAL_OPTIONS ?? 'null') as Record<string, unknown> | null;

export default defineConfig({
  logLevel: 'warn',
  stateDir: env('ORCH_TEST_STATE_DIR'),
  plugins: options ? { orchestrator: { use: '@mlops/orchestrator-local', options } } : {},
  pipelines: { chain, retrying, hang, quick, napping },
});
