export { orchestratorBullmq } from './plugin';
export { BullmqOrchestrator } from './BullmqOrchestrator';
export { bullmqOrchestratorOptions, type BullmqOrchestratorOptions } from './options';
// The error class lives in the shared orchestration package; re-exported for existing imports.
export { OrchestratorError, orchestratorErrorCodes } from '@mlops/orchestration';
