import { tokens, type Runtime } from '@mlops/core';
import type { UiServices } from './UiSection';

/** The services of a started runtime the dashboard reads; slots that are not configured stay absent. */
export function uiServicesFromRuntime(runtime: Runtime): UiServices {
  const get = <T>(token: import('@mlops/core').Token<T>): T | undefined => (runtime.has(token) ? runtime.get(token) : undefined);
  const database = get(tokens.database);
  return {
    project: runtime.config.project,
    store: database?.dialect ?? runtime.config.plugins.find((p) => p.slot === 'metadataStore')?.plugin.name ?? 'unknown',
    tracker: get(tokens.tracker),
    registry: get(tokens.modelRegistry),
    metadata: get(tokens.metadataStore),
    artifacts: get(tokens.artifactStore),
    orchestrator: get(tokens.orchestrator),
    monitor: get(tokens.monitor),
    tuner: get(tokens.tuner),
    validates: runtime.config.plugins.some((p) => p.slot === 'validator'),
  };
}
