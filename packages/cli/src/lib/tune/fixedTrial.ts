import type { TuningParamValue, TuningTrial } from '@mlops/core';
import { UsageError } from '../fail';

/**
 * A trial that answers every suggestion with a stored trial's value: replays a study's search space
 * for its best trial (to register it), so the pipeline gets exactly that trial's params.
 */
export function fixedTrial(number: number, params: Readonly<Record<string, TuningParamValue>>): TuningTrial {
  const get = (name: string) => {
    if (!Object.hasOwn(params, name)) throw new UsageError(`trial ${number} has no parameter "${name}" (it has ${Object.keys(params).join(', ') || 'none'}): the study's space changed since it ran`);
    return params[name]!;
  };
  return {
    number,
    params,
    suggestFloat: (name) => get(name) as number,
    suggestInt: (name) => get(name) as number,
    suggestCategorical: <T extends TuningParamValue>(name: string) => get(name) as T,
    report: async () => undefined,
    shouldPrune: async () => false,
    setUserAttr: () => undefined,
  };
}
