import type { Knex } from 'knex';
import { Frame, type Column } from '@mlops/frame';
import type { FeatureScalar } from '@mlops/core';
import type { ServicePlan } from '../definitions/serviceColumns';
import { FeatureStoreUsageError } from '../errors';
import { FeatureColumnBuilder } from '../lib/FeatureColumnBuilder';
import { keyText, timeValue } from '../lib/cells';
import { runOnDemand } from '../lib/runOnDemand';
import { insertRows } from '../lib/insertRows';
import { resultRows } from '../lib/resultRows';
import { quote, type SqlTarget } from '../lib/SqlTarget';
import { asOfJoinSql, entityTable, entityTableRef } from './asOfJoinSql';
import { localityOrder } from './localityOrder';

/** Options of {@link getHistoricalFeatures}. */
export interface HistoricalOptions {
  /** Column of the entity rows holding the event time (epoch ms or timestamp dtype). */
  timestampColumn: string;
  /** Entity rows per SQL round trip (default 20 000): bounds the memory of each result set. */
  chunkSize?: number;
}

/**
 * Point-in-time join in SQL. Entity rows go into a temporary table chunk by chunk; each chunk is
 * joined as of its rows' timestamps and its result copied into typed columns, so only one chunk's
 * result rows are ever held. Returns the entity frame's columns, then the features, then the
 * on-demand outputs (computed per row by the same function serving uses).
 */
export async function getHistoricalFeatures(target: SqlTarget, plan: ServicePlan, entityRows: Frame, options: HistoricalOptions): Promise<Frame> {
  checkEntityRows(plan, entityRows, options.timestampColumn);
  const keys = plan.joinKeys;
  const n = entityRows.rowCount;
  const viewColumns = plan.reads.flatMap((read, v) => read.features.map((f) => ({ alias: `v${v}_${f}`, builder: new FeatureColumnBuilder(f, read.view.features[f]!, n) })));
  const chunkSize = options.chunkSize ?? 20_000;
  const keyCols = keys.map((k) => entityRows.column(k));
  const tsCol = entityRows.column(options.timestampColumn);
  const sql = asOfJoinSql(target, plan.reads);
  const order = localityOrder(keyCols, n);

  await target.knex.transaction(async (trx) => {
    await createEntityTable(target, keys, trx);
    for (let start = 0; start < n; start += chunkSize) {
      const end = Math.min(n, start + chunkSize);
      await insertEntityRows(target, keys, keyCols, tsCol, order.subarray(start, end), trx);
      const rows = resultRows(await trx.raw(sql));
      for (const row of rows) {
        const i = Number(row._i);
        for (const c of viewColumns) c.builder.set(i, row[c.alias]);
      }
      await trx.raw(`delete from ${entityTableRef(target)}`);
    }
    await trx.raw(`drop table ${entityTableRef(target)}`);
  });

  return assembleTrainingSet(entityRows, plan, new Map(viewColumns.map((c) => [c.builder.name, c.builder.finish()])));
}

/** Refuses entity rows without the join keys, time or request columns, with a feature-named column, or with a non-time timestamp column. */
export function checkEntityRows(plan: ServicePlan, entityRows: Frame, timestampColumn: string): void {
  const keys = plan.joinKeys;
  const missing = [...keys, timestampColumn, ...Object.keys(plan.request)].filter((c) => !entityRows.has(c));
  if (missing.length) throw new FeatureStoreUsageError(`getHistoricalFeatures(${plan.service.name}): expected entity rows with columns ${missing.join(', ')}, found ${entityRows.names.join(', ') || 'none'}`);
  const clash = plan.columns.find((c) => entityRows.has(c.name));
  if (clash) throw new FeatureStoreUsageError(`getHistoricalFeatures(${plan.service.name}): the entity rows already have a column "${clash.name}", which is also a feature name`);
  const tsType = entityRows.column(timestampColumn).dtype;
  if (tsType !== 'timestamp' && tsType !== 'float64' && tsType !== 'int32') {
    throw new FeatureStoreUsageError(`getHistoricalFeatures(${plan.service.name}): expected column ${timestampColumn} to hold timestamps (timestamp dtype or epoch milliseconds), found a ${tsType} column`);
  }
}

/** The entity frame's columns, then the service's view features (by name from `features`), then the on-demand outputs. */
export function assembleTrainingSet(entityRows: Frame, plan: ServicePlan, features: Map<string, Column>): Frame {
  let out = entityRows;
  for (const c of plan.columns) if (!c.onDemand) out = out.withColumn(c.name, features.get(c.name)!);
  return plan.onDemand.length ? withOnDemand(out, plan, features) : out;
}

async function createEntityTable(target: SqlTarget, keys: string[], trx: Knex.Transaction): Promise<void> {
  // `_i` is not the rowid on purpose: rows stay in insertion (locality) order for the join's scan.
  const cols = ['"_i" integer', ...keys.map((k) => `${quote(k)} text`), '"_ts" double precision'].join(', ');
  if (target.dialect === 'sqlite') {
    await trx.raw(`drop table if exists ${entityTableRef(target)}`);
    await trx.raw(`create temp table ${quote(entityTable)} (${cols})`);
  } else {
    await trx.raw(`create temporary table ${quote(entityTable)} (${cols}) on commit drop`);
  }
}

async function insertEntityRows(target: SqlTarget, keys: string[], keyCols: Column[], tsCol: Column, rows: Int32Array, trx: Knex.Transaction): Promise<void> {
  const values: (string | number | null)[] = [];
  for (const i of rows) {
    values.push(i);
    for (const col of keyCols) values.push(keyText(col, i));
    values.push(timeValue(tsCol, i));
  }
  await insertRows(trx, entityTableRef(target), ['_i', ...keys, '_ts'], values);
}

function withOnDemand(frame: Frame, plan: ServicePlan, features: Map<string, Column>): Frame {
  const n = frame.rowCount;
  const inputs = new Map<string, Column>(features);
  for (const name of Object.keys(plan.request)) inputs.set(name, frame.column(name));
  const builders = plan.onDemand.flatMap((od) => Object.entries(od.outputs).map(([name, type]) => new FeatureColumnBuilder(name, type, n)));
  const byName = new Map(builders.map((b) => [b.name, b]));
  const names = [...inputs.keys()];
  const cols = names.map((name) => inputs.get(name)!);
  for (let i = 0; i < n; i++) {
    const input: Record<string, FeatureScalar> = {};
    for (let j = 0; j < names.length; j++) input[names[j]!] = cellOf(cols[j]!, i);
    for (const od of plan.onDemand) for (const [name, value] of Object.entries(runOnDemand(od, input))) byName.get(name)!.set(i, value);
  }
  let out = frame;
  for (const c of plan.columns) if (c.onDemand) out = out.withColumn(c.name, byName.get(c.name)!.finish());
  return out;
}

function cellOf(column: Column, i: number): FeatureScalar {
  if (column.nulls?.[i] === 1) return null;
  switch (column.dtype) {
    case 'category':
      return column.dictionary[column.data[i]!]!;
    case 'bool':
      return column.data[i] === 1;
    default:
      return column.data[i]!;
  }
}
