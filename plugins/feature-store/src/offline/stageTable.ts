import type { Knex } from 'knex';
import type { FeatureType, FeatureView } from '../definitions/types';
import { qualified, quote, type SqlTarget } from '../lib/SqlTarget';

/** Name of the staged copy of a view's source (join keys as text, `_ts` epoch ms, typed features). */
export function stageTableName(view: FeatureView): string {
  return `mlops_fs_stage_${view.name}`;
}

/** The view's join keys, in order. */
export function joinKeysOf(view: FeatureView): string[] {
  return view.entities.flatMap((e) => e.joinKeys);
}

/** SQL column type of a feature type. */
export function sqlType(type: FeatureType): string {
  return { float: 'double precision', int: 'integer', string: 'text', bool: 'boolean' }[type];
}

/**
 * (Re)creates the staged table of a view. `_row` counts up in source order and breaks ties on
 * `_ts`: the row that came later in the source wins. The index serves both the as-of lookup
 * (keys, then newest `_ts`, `_row`) and the per-entity latest value of materialization.
 */
export async function createStageTable(target: SqlTarget, view: FeatureView, trx: Knex.Transaction): Promise<void> {
  const table = qualified(target, stageTableName(view));
  const keys = joinKeysOf(view);
  const rowId = target.dialect === 'postgresql' ? '"_row" integer generated always as identity primary key' : '"_row" integer primary key';
  const columns = [rowId, ...keys.map((k) => `${quote(k)} text`), '"_ts" double precision', ...Object.entries(view.features).map(([f, t]) => `${quote(f)} ${sqlType(t)}`)];
  await trx.raw(`drop table if exists ${table}`);
  await trx.raw(`create table ${table} (${columns.join(', ')})`);
}

/** Builds the lookup index after loading (faster than maintaining it row by row). */
export async function indexStageTable(target: SqlTarget, view: FeatureView, trx: Knex.Transaction): Promise<void> {
  const name = stageTableName(view);
  const cols = [...joinKeysOf(view), '_ts', '_row'].map(quote).join(', ');
  await trx.raw(`create index ${quote(`${name}_asof`)} on ${qualified(target, name)} (${cols})`);
  if (target.dialect === 'postgresql') await trx.raw(`analyze ${qualified(target, name)}`);
}
