/**
 * Prototype of every definition object. Not a plain object on purpose: config loading rebuilds
 * plain objects (to substitute `env()` references), which would turn one entity referenced from
 * two views into two copies; instances of a class are passed through untouched.
 */
export class FeatureDefinitionObject {}

/** A frozen definition object with `fields` as own properties. */
export function definitionObject<T extends object>(fields: T): T {
  return Object.freeze(Object.assign(new FeatureDefinitionObject(), fields)) as T;
}
