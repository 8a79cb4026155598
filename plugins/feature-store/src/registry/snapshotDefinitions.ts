import { createHash } from 'node:crypto';
import type { FeatureDefinitions } from '../definitions/collectDefinitions';
import { isFeatureSelection, isFeatureView } from '../definitions/isDefinition';
import type { FeatureType } from '../definitions/types';

/** The stored form of the definitions: plain JSON, functions replaced by a digest of their source. */
export interface RegistrySnapshot {
  entities: Record<string, { joinKeys: string[]; description?: string }>;
  views: Record<string, { entities: string[]; joinKeys: string[]; source: Record<string, unknown>; ttlMs: number | null; features: Record<string, FeatureType>; description?: string }>;
  onDemand: Record<string, { request: Record<string, FeatureType>; views: string[]; outputs: Record<string, FeatureType>; fnDigest: string }>;
  /** Service name → the `view:feature` and `onDemand:output` names it consumes, in order. */
  services: Record<string, { features: string[]; description?: string }>;
}

/** A JSON snapshot of the definitions, with sorted keys so equal definitions give equal text. */
export function snapshotDefinitions(defs: FeatureDefinitions): RegistrySnapshot {
  const sorted = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const snapshot: RegistrySnapshot = { entities: {}, views: {}, onDemand: {}, services: {} };
  for (const [name, e] of sorted(defs.entities)) snapshot.entities[name] = { joinKeys: [...e.joinKeys], ...(e.description ? { description: e.description } : {}) };
  for (const [name, v] of sorted(defs.views)) {
    const { kind, ...source } = v.source;
    snapshot.views[name] = {
      entities: v.entities.map((e) => e.name),
      joinKeys: v.entities.flatMap((e) => e.joinKeys),
      source: { kind, ...source },
      ttlMs: v.ttlMs,
      features: { ...v.features },
      ...(v.description ? { description: v.description } : {}),
    };
  }
  for (const [name, o] of sorted(defs.onDemand)) {
    snapshot.onDemand[name] = { request: { ...o.request }, views: o.views.map((v) => v.name), outputs: { ...o.outputs }, fnDigest: functionDigest(o.fn) };
  }
  for (const [name, s] of sorted(defs.services)) {
    const features = s.features.flatMap((entry) => {
      if (isFeatureView(entry)) return Object.keys(entry.features).map((f) => `${entry.name}:${f}`);
      if (isFeatureSelection(entry)) return entry.features.map((f) => `${entry.view.name}:${f}`);
      return Object.keys(entry.outputs).map((f) => `${entry.name}:${f}`);
    });
    snapshot.services[name] = { features, ...(s.description ? { description: s.description } : {}) };
  }
  return snapshot;
}

/** What the registry stores for an on-demand function: a digest of its source. */
export function functionDigest(fn: (...args: never[]) => unknown): string {
  return createHash('sha256').update(fn.toString()).digest('hex').slice(0, 16);
}
