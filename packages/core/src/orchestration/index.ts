export type * from './Orchestrator';
export * from './orchestrationOptions';
export { planRun, runPipelineStep, type RunPlan, type PipelineStepTask, type PipelineStepResult } from './runPipelineStep';
