import { cutPlan, type PipelineDefinition, type PlannedStep } from '@mlops/core';

/**
 * The pipeline cut down to the steps the objective's steps need (they and their ancestors): a trial
 * never runs what comes after, such as registering a model. Unknown step ids throw, naming the steps.
 */
export function trialPipeline(def: PipelineDefinition, objectiveSteps: readonly string[], onUnknown: (step: string, known: string[]) => Error): PipelineDefinition {
  return { ...def, plan: (params: unknown): PlannedStep[] => cutPlan(def.name, def.plan(params), objectiveSteps, onUnknown) };
}
