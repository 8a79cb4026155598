import { planRun, targetStepsTag, tokens, type ArtifactRecord, type OrchestratedRun, type TuningTrial } from '@mlops/core';
import { objectivesOf } from './objectives';
import { parentRunTag, valueOf, type TrialLoop } from './runTrials';
import { storedStepMetrics } from './stepMetrics';

/**
 * Runs `nTrials` trials through the orchestrator (`mlops tune run STUDY --queue`): this process asks
 * the study for each trial and its params, submits the study's pipeline cut down to the objective's
 * steps (tag `mlops.targets`) as a run, and tells the study the metrics the run's steps stored. The
 * steps run on whichever `mlops worker` takes them; `parallel` trials are in flight at once, and the
 * study's heartbeat keeps them alive while they wait. Trial numbers come from the study's database,
 * so no number is run twice, whatever else shares the study.
 */
export async function queueTrials(loop: TrialLoop & { parallel: number }): Promise<void> {
  const { runtime, name, def, study } = loop;
  const orchestrator = runtime.get(tokens.orchestrator);
  const metadata = runtime.get(tokens.metadataStore);
  const { objectives } = objectivesOf(name, def);
  const steps = [...new Set(objectives.map((o) => o.step))];
  const objective = async (trial: TuningTrial): Promise<number[]> => {
    const params = def.space(trial);
    // Bad params, or an objective step the pipeline lacks, fail here, naming them, not on a worker.
    await planRun(runtime, def.pipeline, params, { targets: steps });
    const tags: Record<string, string> = { 'tune.study': name, 'tune.trial': String(trial.number), [targetStepsTag]: steps.join(',') };
    if (loop.parentRunId) tags[parentRunTag] = loop.parentRunId;
    const { run } = await orchestrator.submit({ pipeline: def.pipeline, params, idempotencyKey: `tune:${name}#${trial.number}`, trigger: { kind: 'api', source: `tune ${name}` }, tags });
    trial.setUserAttr('runId', run.id);
    const done = await orchestrator.waitForRun(run.id, { timeoutMs: Number.MAX_SAFE_INTEGER / 2 });
    if (done.status !== 'succeeded') throw new Error(`trial ${trial.number}: run ${run.id} ${done.status}${done.error ? `: ${done.error}` : ''}`);
    const metrics = new Map<string, Record<string, number>>();
    for (const stepId of steps) metrics.set(stepId, await storedStepMetrics(runtime, await outputRecords(done, stepId)));
    return objectives.map((o) => valueOf(name, o, metrics));
  };
  const outputRecords = async (run: OrchestratedRun, stepId: string): Promise<ArtifactRecord[]> => {
    const ids = Object.values(run.steps.find((s) => s.stepId === stepId)?.outputs ?? {});
    return (await Promise.all(ids.map((id) => metadata.getArtifact(id)))).filter((r): r is ArtifactRecord => r !== undefined);
  };
  await study.optimize(objective, { nTrials: loop.nTrials, concurrency: loop.parallel });
}
