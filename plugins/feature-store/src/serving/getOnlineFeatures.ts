import type { FeatureScalar, OnlineFeaturesResult, OnlineStore, OnlineValueStatus } from '@mlops/core';
import type { ServicePlan, ViewRead } from '../definitions/serviceColumns';
import { FeatureStoreUsageError } from '../errors';
import { entityKeyOf } from '../lib/entityKey';
import { runOnDemand } from '../lib/runOnDemand';
import { joinKeysOf } from '../offline/stageTable';
import type { FeatureMetrics } from '../metrics/createFeatureMetrics';

/** Inputs of {@link getOnlineFeatures}. */
export interface OnlineReadInput {
  plan: ServicePlan;
  online: OnlineStore;
  entities: readonly Record<string, FeatureScalar>[];
  request?: readonly Record<string, FeatureScalar>[];
  metrics?: FeatureMetrics;
  now?: () => number;
}

/**
 * Reads the service's views for each entity and computes on-demand features. A value is
 * `expired` when `now - eventTime > ttl`, exactly the rule that drops it offline, and is returned
 * as null; an entity with nothing stored gives `missing` nulls. Views with `readThrough` compute
 * missing entities and store the result for `cacheTtlMs`.
 */
export async function getOnlineFeatures(input: OnlineReadInput): Promise<OnlineFeaturesResult> {
  const { plan, entities } = input;
  const now = (input.now ?? Date.now)();
  const missingKeys = plan.joinKeys.filter((k) => entities.some((e) => e[k] === undefined));
  if (missingKeys.length) throw new FeatureStoreUsageError(`getOnlineFeatures(${plan.service.name}): expected every entity to give ${plan.joinKeys.join(', ')}, some lack ${missingKeys.join(', ')}`);
  if (input.request && input.request.length !== entities.length) throw new FeatureStoreUsageError(`getOnlineFeatures(${plan.service.name}): expected one request object per entity (${entities.length}), received ${input.request.length}`);

  const values: Record<string, FeatureScalar[]> = {};
  const status: Record<string, OnlineValueStatus[]> = {};
  const ageMs: Record<string, (number | null)[]> = {};
  // One read per view, all views at once (an online store round trip each).
  const fetched = await Promise.all(plan.reads.map((read) => readView(input, read, now)));
  for (const [v, read] of plan.reads.entries()) {
    const got = fetched[v]!;
    const n = got.length;
    const tally = { present: 0, missing: 0, expired: 0 };
    // One pass per feature over plain arrays: this runs for every entity × feature of every request.
    for (const f of read.features) {
      const vs = new Array<FeatureScalar>(n);
      const ss = new Array<OnlineValueStatus>(n);
      const as = new Array<number | null>(n);
      for (let i = 0; i < n; i++) {
        const g = got[i]!;
        const value = g.status === 'present' ? (g.values[f] ?? null) : null;
        const st: OnlineValueStatus = g.status === 'present' && value === null ? 'missing' : g.status;
        vs[i] = value;
        ss[i] = st;
        as[i] = g.age;
        tally[st]++;
      }
      values[f] = vs;
      status[f] = ss;
      ageMs[f] = as;
    }
    count(input.metrics, read.view.name, tally);
  }
  for (const od of plan.onDemand) {
    const outputs = entities.map((_, i) => {
      const row: Record<string, FeatureScalar> = { ...(input.request?.[i] ?? {}) };
      for (const read of od.views) for (const f of Object.keys(read.features)) row[f] = values[f]![i]!;
      for (const r of Object.keys(od.request)) row[r] = input.request?.[i]?.[r] ?? null;
      return runOnDemand(od, row);
    });
    for (const name of Object.keys(od.outputs)) {
      values[name] = outputs.map((o) => o[name]!);
      status[name] = outputs.map((o) => (o[name] === null ? 'missing' : 'present'));
      ageMs[name] = outputs.map(() => 0);
    }
  }
  const features = plan.columns.map((c) => c.name);
  const pick = <T>(m: Record<string, T>) => Object.fromEntries(features.map((f) => [f, m[f]!]));
  return { features, values: pick(values), status: pick(status), ageMs: pick(ageMs) };
}

interface ViewValue {
  status: OnlineValueStatus;
  values: Record<string, FeatureScalar>;
  age: number | null;
}

async function readView(input: OnlineReadInput, read: ViewRead, now: number): Promise<ViewValue[]> {
  const keys = joinKeysOf(read.view);
  const entityKeys = input.entities.map((e) => entityKeyOf(keys, keys.map((k) => e[k])));
  const results = await input.online.read(read.view.name, entityKeys, read.features);
  const out: ViewValue[] = [];
  for (let i = 0; i < results.length; i++) {
    let result = results[i];
    if (!result && read.view.readThrough) result = await computeOnMiss(input, read, entityKeys[i]!, input.entities[i]!, now);
    if (!result) out.push({ status: 'missing', values: {}, age: null });
    else {
      const age = now - result.eventTimestamp;
      const expired = read.view.ttlMs !== null && age > read.view.ttlMs;
      out.push({ status: expired ? 'expired' : 'present', values: expired ? {} : result.values, age });
    }
  }
  return out;
}

async function computeOnMiss(input: OnlineReadInput, read: ViewRead, entityKey: string, entity: Record<string, FeatureScalar>, now: number) {
  const through = read.view.readThrough!;
  const computed = await through.compute(entity);
  if (!computed) return null;
  const values = Object.fromEntries(Object.keys(read.view.features).map((f) => [f, (computed as Record<string, FeatureScalar>)[f] ?? null]));
  await input.online.write(read.view.name, [{ entityKey, values, eventTimestamp: now }], { expireAfterMs: through.cacheTtlMs });
  // The online store drops it after cacheTtlMs, so the next miss computes it again.
  return { values, eventTimestamp: now, writtenAt: now };
}

/** One counter update per view and status for the whole request, not per feature. */
function count(metrics: FeatureMetrics | undefined, view: string, tally: Record<OnlineValueStatus, number>): void {
  if (!metrics) return;
  for (const [s, n] of Object.entries(tally)) if (n) metrics.onlineValues.inc({ view, status: s }, n);
}
