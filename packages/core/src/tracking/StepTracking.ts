
/**
 * What a step logs to its run's tracked run (`ctx.track`). Keys are prefixed with the step id
 * (`train.rocAuc`), so two steps never collide and a cached step's values can be carried over.
 * The tracker plugin sets it (through the `stepStart` hook); without one every call does
 * nothing and `enabled` is false.
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

/** `ctx.track` when no subscriber (the tracker plugin) set one: every call does nothing. */
export const noTracking: StepTracking = Object.freeze({ enabled: false, params: async () => undefined, metrics: async () => undefined, curve: async () => undefined, tags: async () => undefined });
