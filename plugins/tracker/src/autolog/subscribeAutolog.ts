import { captureEnvironment, flattenParams, tokens, type HookBus, type Trainer, type Tracker } from '@mlops/core';
import { autologTrainer } from './autologTrainer';
import { createStepTracking } from './createStepTracking';
import { carryOverCachedStep, trackStepOutputs } from './trackStepOutputs';

/**
 * Autologging: pipeline runs log to the tracker through core's hooks, with no tracking code in the
 * runner. A run becomes a tracked run of the same id (params, tags, environment); each step gets
 * `ctx.track`, its trainer logs params and curves, its outputs become artifacts, datasets and
 * metrics; a cached step's values are carried over from the run it was cached from.
 */
export function subscribeAutolog(hooks: HookBus, tracker: Tracker): () => void {
  const off = [
    hooks.on('runStart', async (e) => {
      // An orchestrated run is announced when it is planned, and again if its planner died and
      // another re-planned it: the tracked run exists by then.
      if (e.tags.trigger !== undefined && (await tracker.getRun(e.runId))) return;
      // A run started for a parent (a tuning trial for its study: `mlops tune`) nests under it.
      const parentId = e.tags['mlops.parentRun'] ?? null;
      await tracker.startRun({ id: e.runId, experiment: e.pipeline, parentId, params: flattenParams(e.params), tags: e.tags, environment: captureEnvironment(e.config, e.steps.map((s) => s.step)), pipelineRunId: e.runId, startedAt: e.startedAt });
    }),
    hooks.on('runEnd', async (e) => {
      // An abandoned run (its runner died) was tracked only if the tracker was configured then; an
      // orchestrated run that failed before it was planned was never announced.
      if ((e.status === 'crashed' || e.pipeline === null || e.status === 'failed') && !(await tracker.getRun(e.runId))) return;
      await tracker.endRun(e.runId, e.status, e.endedAt);
    }),
    hooks.on('stepStart', (e) => {
      const track = createStepTracking(tracker, e.runId, e.stepId);
      e.setTracking(track);
      e.decorate(tokens.trainer, (trainer: Trainer) => autologTrainer(trainer, track));
    }),
    hooks.on('stepEnd', async (e) => {
      if (e.status === 'failed') return;
      await trackStepOutputs(tracker, e.runId, e.stepId, e.outputs, e.metrics, e.isSource);
      if (e.cachedFrom) await carryOverCachedStep(tracker, e.runId, e.stepId, e.cachedFrom.runId);
    }),
  ];
  return () => off.forEach((f) => f());
}
