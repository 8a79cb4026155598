export { orchestratorBullmq } from './plugin';
export { BullmqOrchestrator } from './BullmqOrchestrator';
export { bullmqOrchestratorOptions, type BullmqOrchestratorOptions } from './options';
export { OrchestratorError, orchestratorErrorCodes } from './errors';
