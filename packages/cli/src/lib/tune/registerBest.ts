import { runPipeline, type Runtime, type StudyDefinition, type TuningStudy } from '@mlops/core';
import { UsageError } from '../fail';
import { fixedTrial } from './fixedTrial';

/** What `--register` did. */
export interface BestRegistration {
  trial: number;
  value: number;
  pipeline: string;
  runId: string;
  status: string;
  error?: string;
}

/**
 * Registers the best trial's model: runs the study's `register.pipeline` with the params the search
 * space gives for the best trial's values (and the definition's `register.params`). Its steps register the model and ask the registry's gate
 * to promote it; the training step with those params is usually a cache hit of the trial's own run.
 */
export async function registerBest(runtime: Runtime, name: string, def: StudyDefinition, study: TuningStudy): Promise<BestRegistration> {
  if (!def.register) throw new UsageError(`--register: study "${name}" has no register.pipeline in plugins.tuner.options.studies.${name}`, { path: `plugins.tuner.options.studies.${name}.register`, expected: "{ pipeline: '<a pipeline that registers the model>' }", received: 'undefined' });
  if (study.directions.length > 1) throw new UsageError(`--register: study "${name}" has ${study.directions.length} objectives, so no single best trial; register one of the Pareto front with mlops run`);
  const best = await study.bestTrial();
  if (!best) throw new UsageError(`--register: study "${name}" has no complete trial yet`);
  const params = { ...def.space(fixedTrial(best.number, best.params)), ...def.register.params };
  const result = await runPipeline(runtime, def.register.pipeline, { params, tags: { 'tune.study': name, 'tune.trial': String(best.number), 'tune.best': 'true' } });
  return { trial: best.number, value: best.values![0]!, pipeline: def.register.pipeline, runId: result.run.id, status: result.run.status, error: result.error?.message };
}
