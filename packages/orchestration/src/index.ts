export { SqlOrchestrator, type SqlOrchestratorDeps } from './SqlOrchestrator';
export { RunStore, planStep, batchSize, sharedJobIds, type StepsPerJob, type QueuedJob, type RunRow, type StepOutcome, type StepRow } from './RunStore';
export { runsTable, schedulesTable, stepsTable } from './migrations/0001_orchestrator';
export { orchestratorMigrations } from './migrations/orchestratorMigrations';
export { StepChildPool, StepAttemptError } from './StepChildPool';
export { InlineStepRunner, hasInlineSteps } from './InlineStepRunner';
export { runStepAttempt, type StepAttemptDeps, type StepJobData } from './runStepAttempt';
export { OrchestratorError, orchestratorErrorCodes } from './errors';
