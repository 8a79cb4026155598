import { PipelineError } from '../errors/errors';
import type { PlannedStep } from './pipeline';

/**
 * Tag of a run that runs only some steps of its pipeline and the steps they need: step ids, comma
 * separated. A tuning trial on the orchestrator sets it to its objective's steps, so a trial of the
 * `train` pipeline never runs `register`. Orchestrators plan the run with it (`planRun`).
 */
export const targetStepsTag = 'mlops.targets';

/**
 * The plan cut down to `targets` and their ancestors, in plan order. An unknown step id throws
 * (by default a PipelineError naming the pipeline's steps; `onUnknown` gives the caller's own error).
 */
export function cutPlan(pipeline: string, plan: PlannedStep[], targets: readonly string[], onUnknown?: (step: string, known: string[]) => Error): PlannedStep[] {
  const byId = new Map(plan.map((p) => [p.id, p]));
  const keep = new Set<string>();
  const visit = (id: string) => {
    if (keep.has(id)) return;
    const step = byId.get(id);
    if (!step) {
      const known = plan.map((p) => p.id);
      throw onUnknown?.(id, known) ?? new PipelineError(pipeline, `pipeline "${pipeline}" has no step "${id}" to run up to (steps: ${known.join(', ')})`);
    }
    keep.add(id);
    for (const input of Object.values(step.inputs)) visit(input.step);
  };
  targets.forEach(visit);
  return plan.filter((p) => keep.has(p.id));
}

/** The target step ids a run's tags name, if any. */
export function targetStepsOf(tags: Readonly<Record<string, string>> | undefined): string[] | undefined {
  const value = tags?.[targetStepsTag];
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}
