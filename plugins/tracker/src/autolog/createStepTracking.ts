import { flattenParams, type Json, type StepTracking, type Tracker } from '@mlops/core';

/** `ctx.track` of one step: keys prefixed with the step id (`train.rocAuc`), so two steps never collide and a cached step's values can be carried over. */
export function createStepTracking(tracker: Tracker, runId: string, stepId: string): StepTracking {
  const prefixed = <T>(values: Record<string, T>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [`${stepId}.${k}`, v]));
  return {
    enabled: true,
    params: (values) => tracker.logParams(runId, prefixed(flattenParams(values)) as Record<string, Json>),
    metrics: (values, step = 0) => {
      const timestamp = Date.now();
      return tracker.logMetrics(runId, Object.entries(values).map(([k, value]) => ({ key: `${stepId}.${k}`, value, step, timestamp })));
    },
    curve: (points) => {
      const timestamp = Date.now();
      return tracker.logMetrics(runId, points.flatMap((p) => Object.entries(p.values).map(([k, value]) => ({ key: `${stepId}.${k}`, value, step: p.step, timestamp }))));
    },
    tags: (values) => tracker.setTags(runId, values),
  };
}
