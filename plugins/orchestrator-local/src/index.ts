export { orchestratorLocal } from './plugin';
export { LocalOrchestrator, type LocalOrchestratorDeps } from './LocalOrchestrator';
export { localOrchestratorOptions, type LocalOrchestratorOptions } from './options';
export { localOrchestratorMigrations } from './migrations/0001_local_dispatchers';
export { DispatcherRegistry } from './lib/DispatcherRegistry';
