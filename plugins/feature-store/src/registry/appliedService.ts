import { canonicalJson } from '@mlops/core';
import type { FeatureDefinitions } from '../definitions/collectDefinitions';
import type { Entity, FeatureService, FeatureView, OnDemandFeature, ServiceEntry, Source } from '../definitions/types';
import { FeatureStoreUsageError } from '../errors';
import type { RegistryVersion } from './RegistryStore';
import { functionDigest, type RegistrySnapshot } from './snapshotDefinitions';

/**
 * A feature service as the applied definitions (a stored registry version) define it, for online
 * reads: the features, types, join keys and TTLs come from the stored snapshot, not from code. A view
 * whose code equals the stored one is taken from code (it keeps its read-through function); an
 * on-demand feature needs its function, so its code must match the stored digest.
 */
export function appliedService(applied: RegistryVersion, name: string, code: FeatureDefinitions, codeSnapshot: RegistrySnapshot): FeatureService {
  const { snapshot } = applied;
  const stored = snapshot.services[name];
  if (!stored) {
    throw new FeatureStoreUsageError(`unknown feature service "${name}" in the applied definitions (version ${applied.version}): expected one of ${Object.keys(snapshot.services).join(', ') || '(none)'}; run mlops features apply after adding it`);
  }
  const views = new Map<string, FeatureView>();
  const viewOf = (viewName: string): FeatureView => {
    let view = views.get(viewName);
    if (!view) views.set(viewName, (view = storedView(snapshot, viewName, code, codeSnapshot)));
    return view;
  };
  const entries: ServiceEntry[] = [];
  const selections = new Map<string, string[]>();
  const onDemand = new Set<string>();
  for (const ref of stored.features) {
    const colon = ref.indexOf(':');
    const owner = ref.slice(0, colon);
    if (owner in snapshot.onDemand) {
      if (!onDemand.has(owner)) entries.push(storedOnDemand(applied, owner, code, viewOf));
      onDemand.add(owner);
      continue;
    }
    let features = selections.get(owner);
    if (!features) {
      selections.set(owner, (features = []));
      entries.push({ kind: 'featureSelection', view: viewOf(owner), features } as unknown as ServiceEntry);
    }
    features.push(ref.slice(colon + 1));
  }
  return { kind: 'featureService', name, features: entries, description: stored.description };
}

function storedView(snapshot: RegistrySnapshot, name: string, code: FeatureDefinitions, codeSnapshot: RegistrySnapshot): FeatureView {
  const stored = snapshot.views[name]!;
  const inCode = code.views.get(name);
  if (inCode && canonicalJson(codeSnapshot.views[name]) === canonicalJson(stored)) return inCode;
  const entities: Entity[] = stored.entities.map((e) => ({ kind: 'entity', name: e, joinKeys: snapshot.entities[e]?.joinKeys ?? [] }));
  const view = {
    kind: 'featureView',
    name,
    entities,
    source: stored.source as unknown as Source,
    ttlMs: stored.ttlMs,
    features: stored.features,
    description: stored.description,
    select: () => {
      throw new FeatureStoreUsageError(`view "${name}" of the applied definitions is read-only`);
    },
  };
  return view as unknown as FeatureView;
}

function storedOnDemand(applied: RegistryVersion, name: string, code: FeatureDefinitions, viewOf: (name: string) => FeatureView): OnDemandFeature {
  const stored = applied.snapshot.onDemand[name]!;
  const inCode = code.onDemand.get(name);
  const codeDigest = inCode ? functionDigest(inCode.fn) : undefined;
  if (!inCode || codeDigest !== stored.fnDigest) {
    throw new FeatureStoreUsageError(`on-demand feature "${name}": its function in code ${inCode ? 'differs from' : 'is missing for'} the applied definitions (version ${applied.version}); apply the code with mlops features apply, or restore it`);
  }
  return { ...inCode, request: stored.request, outputs: stored.outputs, views: stored.views.map(viewOf) };
}
