import type { PipelineDefinition, PlannedStep } from '@mlops/core';

/**
 * The pipeline cut down to the steps the objective's steps need (they and their ancestors): a trial
 * never runs what comes after, such as registering a model. Unknown step ids throw, naming the steps.
 */
export function trialPipeline(def: PipelineDefinition, objectiveSteps: readonly string[], onUnknown: (step: string, known: string[]) => Error): PipelineDefinition {
  return {
    ...def,
    plan(params: unknown): PlannedStep[] {
      const plan = def.plan(params);
      const byId = new Map(plan.map((p) => [p.id, p]));
      const keep = new Set<string>();
      const visit = (id: string) => {
        if (keep.has(id)) return;
        const step = byId.get(id);
        if (!step) throw onUnknown(id, plan.map((p) => p.id));
        keep.add(id);
        for (const input of Object.values(step.inputs)) visit(input.step);
      };
      objectiveSteps.forEach(visit);
      return plan.filter((p) => keep.has(p.id));
    },
  };
}
