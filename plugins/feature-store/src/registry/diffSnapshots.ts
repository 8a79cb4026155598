import type { FeatureRegistryChange, IncompatibleFeatureChange } from '@mlops/core';
import { canonicalJson } from '@mlops/core';
import type { RegistrySnapshot } from './snapshotDefinitions';

const empty: RegistrySnapshot = { entities: {}, views: {}, onDemand: {}, services: {} };

/**
 * Changes from the stored snapshot to the one in code, and the incompatible ones: a feature whose
 * type changed, a view whose join keys changed, and a feature (or on-demand output) that a stored
 * service consumes and that is gone while the service still exists.
 */
export function diffSnapshots(stored: RegistrySnapshot | null, code: RegistrySnapshot): { changes: FeatureRegistryChange[]; incompatible: IncompatibleFeatureChange[] } {
  const before = stored ?? empty;
  const changes: FeatureRegistryChange[] = [];
  const incompatible: IncompatibleFeatureChange[] = [];
  const compare = <T>(kind: FeatureRegistryChange['kind'], a: Record<string, T>, b: Record<string, T>, describe: (x: T, y: T) => string | undefined) => {
    for (const name of Object.keys(b)) if (!(name in a)) changes.push({ action: 'added', kind, name });
    for (const name of Object.keys(a)) {
      if (!(name in b)) changes.push({ action: 'removed', kind, name });
      else {
        const detail = describe(a[name]!, b[name]!);
        if (detail) changes.push({ action: 'changed', kind, name, detail });
      }
    }
  };
  const fields = <T extends object>(x: T, y: T, skip: string[] = []) =>
    Object.keys({ ...x, ...y })
      .filter((k) => !skip.includes(k) && canonicalJson((x as Record<string, unknown>)[k] ?? null) !== canonicalJson((y as Record<string, unknown>)[k] ?? null))
      .map((k) => `${k} ${short((x as Record<string, unknown>)[k])} -> ${short((y as Record<string, unknown>)[k])}`)
      .join('; ') || undefined;

  compare('entity', before.entities, code.entities, (x, y) => fields(x, y));
  compare('featureView', before.views, code.views, (x, y) => fields(x, y, ['features']));
  compare('feature', featuresOf(before), featuresOf(code), (x, y) => (x !== y ? `type ${x} -> ${y}` : undefined));
  compare('onDemandFeature', before.onDemand, code.onDemand, (x, y) => fields(x, y));
  compare('featureService', before.services, code.services, (x, y) => fields(x, y));

  for (const c of changes) {
    if (c.kind === 'feature' && c.action === 'changed') incompatible.push({ name: c.name, reason: `feature type changed (${c.detail})` });
    if (c.kind === 'featureView' && c.action === 'changed' && before.views[c.name]!.joinKeys.join() !== code.views[c.name]!.joinKeys.join()) {
      incompatible.push({ name: c.name, reason: `join keys changed (${before.views[c.name]!.joinKeys.join(', ')} -> ${code.views[c.name]!.joinKeys.join(', ')})` });
    }
  }
  const nowAvailable = new Set([...Object.keys(featuresOf(code)), ...Object.entries(code.onDemand).flatMap(([n, o]) => Object.keys(o.outputs).map((f) => `${n}:${f}`))]);
  for (const [service, { features }] of Object.entries(before.services)) {
    if (!(service in code.services)) continue;
    for (const feature of features) {
      if (!nowAvailable.has(feature)) incompatible.push({ name: feature, reason: `removed, but feature service "${service}" uses it` });
    }
  }
  return { changes, incompatible };
}

function featuresOf(snapshot: RegistrySnapshot): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [view, v] of Object.entries(snapshot.views)) for (const [f, type] of Object.entries(v.features)) out[`${view}:${f}`] = type;
  return out;
}

function short(value: unknown): string {
  const text = value === undefined ? 'none' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
