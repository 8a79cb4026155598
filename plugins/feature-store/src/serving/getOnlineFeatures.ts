import type { FeatureScalar, OnlineFeaturesResult, OnlineReadColumns, OnlineStore, OnlineValueStatus } from '@mlops/core';
import type { ServicePlan, ViewRead } from '../definitions/serviceColumns';
import { FeatureStoreUsageError } from '../errors';
import { entityKeyOf } from '../lib/entityKey';
import { fixedKeyRecords, type FixedKeyRecords } from '../lib/fixedKeyRecords';
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
  const prepared = preparedOf(plan);
  checkEntities(plan, entities);
  if (input.request && input.request.length !== entities.length) throw new FeatureStoreUsageError(`getOnlineFeatures(${plan.service.name}): expected one request object per entity (${entities.length}), received ${input.request.length}`);

  const values: Record<string, FeatureScalar[]> = {};
  const status: Record<string, OnlineValueStatus[]> = {};
  const ageMs: Record<string, (number | null)[]> = {};
  const n = entities.length;
  // One read per view, all views at once (an online store round trip each); one view (the common
  // case) is awaited alone, without Promise.all's array and extra promises.
  const fetched = plan.reads.length === 1 ? [await readView(input, plan.reads[0]!, prepared.joinKeys[0]!, now)] : await Promise.all(plan.reads.map((read, v) => readView(input, read, prepared.joinKeys[v]!, now)));
  const one = prepared.oneView;
  if (one) {
    const got = fetched[0]!;
    const picked = got.columns && got.presentCount !== undefined && !got.anyExpired ? one.pick(got.columns) : undefined;
    if (picked && allShareable(picked, got.status, got.presentCount === n)) {
      // The usual online read (one view, nothing derived, no expired value, no null among present
      // ones): the store's columns are the answer as they are, and every feature shares the view's
      // statuses and ages. Three objects built in one step each, nothing copied.
      const k = prepared.features.length;
      count(input.metrics, plan.reads[0]!.view.name, { present: got.presentCount! * k, missing: (n - got.presentCount!) * k, expired: 0 });
      return { features: prepared.features.slice(), values: picked, status: one.repeat(got.status), ageMs: one.repeat(got.age) };
    }
  }
  // Columns straight from the store's answers: one array per feature, no object per entity.
  for (const [v, read] of plan.reads.entries()) {
    const got = fetched[v]!;
    const tally = { present: 0, missing: 0, expired: 0 };
    for (const f of read.features) {
      const column = got.columns?.[f];
      if (column && got.presentCount !== undefined && !got.anyExpired && shareable(column, got.status, got.presentCount === n)) {
        // The store's column is the answer as is (absent keys are already null), and every present
        // value is non-null, so the view's status array is this feature's too: nothing to copy.
        values[f] = column;
        status[f] = got.status;
        ageMs[f] = got.age;
        tally.present += got.presentCount;
        tally.missing += n - got.presentCount;
        continue;
      }
      const vs = new Array<FeatureScalar>(n);
      const ss = new Array<OnlineValueStatus>(n);
      for (let i = 0; i < n; i++) {
        const st = got.status[i]!;
        const value = st === 'present' ? ((column ? column[i] : got.values![i]![f]) ?? null) : null;
        const s2: OnlineValueStatus = st === 'present' && value === null ? 'missing' : st;
        vs[i] = value;
        ss[i] = s2;
        tally[s2]++;
      }
      values[f] = vs;
      status[f] = ss;
      // Every feature of a view shares the view's ages.
      ageMs[f] = got.age;
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
  const features = prepared.features.slice();
  if (plan.onDemand.length === 0 && plan.reads.length === 1 && plan.reads[0]!.features.length === features.length) {
    // One view, nothing derived: the columns are already exactly the service's, in its order.
    return { features, values, status, ageMs };
  }
  const pick = <T>(m: Record<string, T>) => Object.fromEntries(features.map((f) => [f, m[f]!]));
  return { features, values: pick(values), status: pick(status), ageMs: pick(ageMs) };
}

/** Every column is there and shareable (`for…in` over the record: V8 reads it by its enum cache, no hashed lookups). */
function allShareable(columns: Readonly<Record<string, FeatureScalar[] | undefined>>, status: readonly OnlineValueStatus[], everyPresent: boolean): boolean {
  for (const f in columns) {
    const column = columns[f];
    if (!column || !shareable(column, status, everyPresent)) return false;
  }
  return true;
}

/** True when no present value of the column is null, so the view's statuses hold for it. */
function shareable(column: readonly FeatureScalar[], status: readonly OnlineValueStatus[], everyPresent: boolean): boolean {
  // Every entity present (the usual read): one builtin scan per column. The indexed loop below,
  // over 50 columns of mixed element kinds (doubles, strings, booleans), cost 1.5 µs of a one-entity
  // read: more than the rest of getOnlineFeatures.
  if (everyPresent) return !column.includes(null);
  for (let i = 0; i < column.length; i++) if (status[i] === 'present' && column[i] === null) return false;
  return true;
}

/** A view's answer for every entity: status, age, and the values as columns (or per entity). */
interface ViewColumns {
  /** Columnar reads: how many entities are present, and whether any value expired. */
  presentCount?: number;
  anyExpired?: boolean;
  status: OnlineValueStatus[];
  columns?: Record<string, FeatureScalar[]>;
  values?: (Record<string, FeatureScalar> | null)[];
  age: (number | null)[];
}

/** What a plan's reads need on every call, worked out once per plan: output names, each view's join keys. */
interface PreparedPlan {
  features: string[];
  joinKeys: string[][];
  /** One view read for exactly the service's columns, in order, nothing derived: its result records. */
  oneView: FixedKeyRecords | undefined;
}

const preparedPlans = new WeakMap<ServicePlan, PreparedPlan>();
function preparedOf(plan: ServicePlan): PreparedPlan {
  let p = preparedPlans.get(plan);
  if (!p) {
    const features = plan.columns.map((c) => c.name);
    const only = plan.reads.length === 1 && plan.onDemand.length === 0 ? plan.reads[0]!.features : undefined;
    const oneView = only && only.length === features.length && only.every((f, i) => f === features[i]) ? fixedKeyRecords(features) : undefined;
    preparedPlans.set(plan, (p = { features, joinKeys: plan.reads.map((r) => joinKeysOf(r.view)), oneView }));
  }
  return p;
}

/** Every entity gives every join key (plain loops: this runs on every online read). */
function checkEntities(plan: ServicePlan, entities: readonly Record<string, FeatureScalar>[]): void {
  for (const k of plan.joinKeys) {
    for (const e of entities) {
      if (e[k] !== undefined) continue;
      const missingKeys = plan.joinKeys.filter((key) => entities.some((x) => x[key] === undefined));
      throw new FeatureStoreUsageError(`getOnlineFeatures(${plan.service.name}): expected every entity to give ${plan.joinKeys.join(', ')}, some lack ${missingKeys.join(', ')}`);
    }
  }
}

function readView(input: OnlineReadInput, read: ViewRead, keys: readonly string[], now: number): Promise<ViewColumns> {
  const { entities } = input;
  const entityKeys = new Array<string>(entities.length);
  for (let i = 0; i < entities.length; i++) entityKeys[i] = keys.length === 1 ? entityKeyOf(keys, [entities[i]![keys[0]!]]) : entityKeyOf(keys, keys.map((k) => entities[i]![k]));
  // Columnar when the store offers it (no object per entity); read-through needs per-entity misses.
  if (input.online.readColumns && !read.view.readThrough) return input.online.readColumns(read.view.name, entityKeys, read.features).then((got) => fromColumns(got, read, now));
  return readRows(input, read, entityKeys, now);
}

async function readRows(input: OnlineReadInput, read: ViewRead, entityKeys: string[], now: number): Promise<ViewColumns> {
  const results = await input.online.read(read.view.name, entityKeys, read.features);
  const n = results.length;
  const values = new Array<Record<string, FeatureScalar> | null>(n);
  const out: ViewColumns = { status: new Array(n), values, age: new Array(n) };
  for (let i = 0; i < n; i++) {
    let result = results[i];
    if (!result && read.view.readThrough) result = await computeOnMiss(input, read, entityKeys[i]!, input.entities[i]!, now);
    if (!result) {
      out.status[i] = 'missing';
      values[i] = null;
      out.age[i] = null;
    } else {
      const age = now - result.eventTimestamp;
      const expired = read.view.ttlMs !== null && age > read.view.ttlMs;
      out.status[i] = expired ? 'expired' : 'present';
      values[i] = expired ? null : result.values;
      out.age[i] = age;
    }
  }
  return out;
}

function fromColumns(got: OnlineReadColumns, read: ViewRead, now: number): ViewColumns {
  const n = got.eventTimestamp.length;
  const out: ViewColumns = { status: new Array(n), columns: got.values, age: new Array(n), presentCount: 0, anyExpired: false };
  for (let i = 0; i < n; i++) {
    const ts = got.eventTimestamp[i]!;
    if (ts !== ts) {
      out.status[i] = 'missing';
      out.age[i] = null;
    } else {
      const age = now - ts;
      const expired = read.view.ttlMs !== null && age > read.view.ttlMs;
      out.status[i] = expired ? 'expired' : 'present';
      if (expired) out.anyExpired = true;
      else out.presentCount!++;
      out.age[i] = age;
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

/** One tally per view and status for the whole request, not per feature. */
function count(metrics: FeatureMetrics | undefined, view: string, tally: Record<OnlineValueStatus, number>): void {
  if (!metrics) return;
  if (tally.present) metrics.countOnlineValues(view, 'present', tally.present);
  if (tally.missing) metrics.countOnlineValues(view, 'missing', tally.missing);
  if (tally.expired) metrics.countOnlineValues(view, 'expired', tally.expired);
}
