import { findPipeline, getMlopsError, reportingTrainer, runPipeline, tokens, trialPrunedCode, type Runtime, type StudyDefinition, type Trainer, type TuningStudy, type TuningTrial } from '@mlops/core';
import { UsageError } from '../fail';
import { objectivesOf, type Objective } from './objectives';
import { storedStepMetrics } from './stepMetrics';
import { trialPipeline } from './trialPipeline';

/** Tag on a trial's pipeline run naming the study's tracked run: the tracker nests the run under it. */
export const parentRunTag = 'mlops.parentRun';

/** What {@link runTrials} needs: the study, its definition and where trials' runs nest. */
export interface TrialLoop {
  runtime: Runtime;
  name: string;
  def: StudyDefinition;
  study: TuningStudy;
  nTrials: number;
  /** The study's tracked run, if a tracker is configured. */
  parentRunId: string | null;
  signal?: AbortSignal;
}

/**
 * Runs `nTrials` trials in this process through the study's `optimize` (heartbeats, pruned and
 * failed trials): each runs the pipeline up to the objective's steps with the params the search
 * space returns; the trainer reports every iteration to the trial and stops when it is pruned.
 */
export async function runTrials(loop: TrialLoop): Promise<void> {
  const { runtime, name, def, study } = loop;
  const { objectives } = objectivesOf(name, def);
  const steps = [...new Set(objectives.map((o) => o.step))];
  const pipeline = trialPipeline(await findPipeline(runtime, def.pipeline), steps, (step, known) =>
    new UsageError(`tuner.studies.${name}.objective: pipeline "${def.pipeline}" has no step "${step}" (steps: ${known.join(', ')})`, { path: `plugins.tuner.options.studies.${name}.objective`, expected: known.join(' | '), received: step }),
  );
  const objective = async (trial: TuningTrial): Promise<number[]> => {
    if (loop.signal?.aborted) throw new Error('interrupted');
    const params = def.space(trial);
    const metrics = new Map<string, Record<string, number>>();
    const offs = [
      runtime.hooks.on('stepStart', (e) => {
        if (def.intermediate) e.decorate(tokens.trainer, (trainer: Trainer) => reportingTrainer(trainer, trial, def.intermediate!));
      }),
      runtime.hooks.on('stepEnd', async (e) => {
        if (steps.includes(e.stepId) && e.status !== 'failed') metrics.set(e.stepId, e.status === 'cached' ? await storedStepMetrics(runtime, e.outputs.map((o) => o.record)) : e.metrics);
      }),
    ];
    let runId: string | undefined;
    const tags: Record<string, string> = { 'tune.study': name, 'tune.trial': String(trial.number) };
    if (loop.parentRunId) tags[parentRunTag] = loop.parentRunId;
    try {
      const result = await runPipeline(runtime, pipeline, { params, tags, signal: loop.signal, onEvent: (e) => void (e.type === 'run:start' && (runId = e.runId)) });
      if (runId) trial.setUserAttr('runId', runId);
      if (result.error) {
        const cause = rootCause(result.error);
        throw cause ?? result.error;
      }
      // The study's constraints read them from here (Optuna's constraints_func reads user attributes).
      if (def.constraints) trial.setUserAttr('metrics', Object.fromEntries([...metrics].flatMap(([step, m]) => Object.entries(m).map(([k, v]) => [`${step}.${k}`, v]))));
      return objectives.map((o) => valueOf(name, o, metrics));
    } finally {
      offs.forEach((off) => off());
    }
  };
  await study.optimize(objective, { nTrials: loop.nTrials });
}

/** The value of one objective among the metrics the steps reported; a missing metric stops the study, naming the ones there are. */
export function valueOf(name: string, o: Objective, metrics: Map<string, Record<string, number>>): number {
  const reported = metrics.get(o.step) ?? {};
  const value = reported[o.metric];
  if (typeof value !== 'number') {
    throw new UsageError(`tuner.studies.${name}.objective: step "${o.step}" reported no metric "${o.metric}" (it reported ${Object.keys(reported).join(', ') || 'none'})`, { path: `plugins.tuner.options.studies.${name}.objective`, expected: Object.keys(reported).join(' | ') || 'a metric', received: o.key });
  }
  return value;
}

// The error that made the step fail: a pruned trial (recorded as pruned) or the caller's bad input
// (which stops the study, as every trial would fail alike), else undefined (the trial fails).
function rootCause(error: Error): { code: string } | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const m = getMlopsError(e);
    if (m.code === trialPrunedCode || (m.badInput && e !== error)) return e as unknown as { code: string };
  }
  return undefined;
}
