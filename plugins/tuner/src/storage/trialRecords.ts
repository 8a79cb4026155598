import { toExternal } from '../distributions';
import type { FrozenTrial, TrialState } from '../types';
import type { StoredParam } from './TunerStorage';

/** A new trial record with nothing recorded yet. */
export function emptyTrial(id: number, number: number, state: TrialState): FrozenTrial {
  return { id, number, state, values: undefined, params: {}, internalParams: {}, distributions: {}, intermediate: new Map(), systemAttrs: {}, userAttrs: {}, startedAt: undefined, completedAt: undefined, heartbeatAt: undefined, error: undefined };
}

/** Adds params to a trial record in both representations. */
export function applyParams(t: FrozenTrial, params: readonly StoredParam[]): void {
  for (const p of params) {
    t.distributions[p.name] = p.distribution;
    t.internalParams[p.name] = p.value;
    t.params[p.name] = toExternal(p.distribution, p.value);
  }
}

/**
 * A copy a caller may keep: the in-memory storage hands out snapshots like the SQL one. Params and
 * distributions are never changed once written, so they are copied shallowly.
 */
export function cloneTrial(t: FrozenTrial): FrozenTrial {
  return {
    ...t,
    values: t.values && [...t.values],
    params: { ...t.params },
    internalParams: { ...t.internalParams },
    distributions: { ...t.distributions },
    intermediate: new Map(t.intermediate),
    systemAttrs: { ...t.systemAttrs },
    userAttrs: { ...t.userAttrs },
  };
}
