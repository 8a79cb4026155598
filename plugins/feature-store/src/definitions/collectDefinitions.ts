import { FeatureDefinitionError } from '../errors';
import { isEntity, isFeatureSelection, isFeatureService, isFeatureView, isOnDemandFeature } from './isDefinition';
import type { Entity, FeatureService, FeatureView, OnDemandFeature } from './types';

/** Every definition reachable from what the user listed, by name. */
export interface FeatureDefinitions {
  entities: Map<string, Entity>;
  views: Map<string, FeatureView>;
  onDemand: Map<string, OnDemandFeature>;
  services: Map<string, FeatureService>;
}

/**
 * Collects definitions from a list or a module's exports (values that are not definitions are
 * ignored, so `import * as features` works). Referenced objects are included: a service brings its
 * views, on-demand features and entities. Two different objects of one kind with one name are an error.
 */
export function collectDefinitions(input: readonly unknown[] | Readonly<Record<string, unknown>>): FeatureDefinitions {
  const defs: FeatureDefinitions = { entities: new Map(), views: new Map(), onDemand: new Map(), services: new Map() };
  const add = <T extends { name: string }>(map: Map<string, T>, kind: string, value: T): boolean => {
    const existing = map.get(value.name);
    if (existing === value || (existing && sameDefinition(existing, value))) return false;
    if (existing) throw new FeatureDefinitionError(value.name, `feature definitions: expected one ${kind} named "${value.name}", received two different ones`);
    map.set(value.name, value);
    return true;
  };
  const visit = (value: unknown): void => {
    if (isEntity(value)) add(defs.entities, 'entity', value);
    else if (isFeatureView(value)) {
      if (add(defs.views, 'featureView', value)) value.entities.forEach(visit);
    } else if (isFeatureSelection(value)) visit(value.view);
    else if (isOnDemandFeature(value)) {
      if (add(defs.onDemand, 'onDemandFeature', value)) value.views.forEach(visit);
    } else if (isFeatureService(value)) {
      if (add(defs.services, 'featureService', value)) value.features.forEach(visit);
    }
  };
  (Array.isArray(input) ? input : Object.values(input)).forEach(visit);
  return defs;
}

/** Structural equality, for copies of one definition (functions compared by their source text). */
function sameDefinition(a: unknown, b: unknown): boolean {
  const text = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'function' ? x.toString() : x));
  return text(a) === text(b);
}
