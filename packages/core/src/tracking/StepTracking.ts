import type { Json } from '../storage/records';
import type { Tracker } from './Tracker';
import { flattenParams } from './flattenParams';

/**
 * What a step logs to its run's tracked run (`ctx.track`). Keys are prefixed with the step id
 * (`train.rocAuc`), so two steps never collide and a cached step's values can be carried over.
 * Without a configured tracker every call does nothing and `enabled` is false.
 */
export interface StepTracking {
  readonly enabled: boolean;
  params(values: Record<string, unknown>): Promise<void>;
  /** `step`: iteration or epoch of a curve; 0 (default) for a final value. */
  metrics(values: Record<string, number>, step?: number): Promise<void>;
  /** Several iterations at once, in one write. */
  curve(points: readonly { step: number; values: Record<string, number> }[]): Promise<void>;
  tags(values: Record<string, string>): Promise<void>;
}

export function createStepTracking(tracker: Tracker | undefined, runId: string, stepId: string): StepTracking {
  if (!tracker) return { enabled: false, params: async () => undefined, metrics: async () => undefined, curve: async () => undefined, tags: async () => undefined };
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
