import type { ViewRead } from '../definitions/serviceColumns';
import { qualified, quote, type SqlTarget } from '../lib/SqlTarget';
import { joinKeysOf, stageTableName } from './stageTable';

/** Name of the per-transaction table holding one chunk of entity rows. */
export const entityTable = 'mlops_fs_entity_rows';

/**
 * One query for a chunk of entity rows: for each view, a correlated subquery picks the `_row` of
 * the newest staged value with `_ts <= row ts` (and `_ts >= row ts - ttl`), newest `_row` first on
 * ties; the index on (keys, _ts, _row) makes that one backward index seek per row and view.
 * Feature columns come back as `v<view>_<feature>`, with `_i` the row's index in the entity frame.
 */
export function asOfJoinSql(target: SqlTarget, reads: readonly ViewRead[]): string {
  const selects = ['e."_i" as "_i"'];
  const joins: string[] = [];
  reads.forEach((read, v) => {
    const table = qualified(target, stageTableName(read.view));
    const alias = `f${v}`;
    const match = joinKeysOf(read.view).map((k) => `s.${quote(k)} = e.${quote(k)}`);
    match.push('s."_ts" <= e."_ts"');
    if (read.view.ttlMs !== null) match.push(`s."_ts" >= e."_ts" - ${Number(read.view.ttlMs)}`);
    const pick = `(select s."_row" from ${table} s where ${match.join(' and ')} order by s."_ts" desc, s."_row" desc limit 1)`;
    joins.push(`left join ${table} ${alias} on ${alias}."_row" = ${pick}`);
    for (const f of read.features) selects.push(`${alias}.${quote(f)} as ${quote(`v${v}_${f}`)}`);
  });
  // No order by: the entity table is scanned in insertion order, which keeps the lookups local.
  return `select ${selects.join(', ')} from ${entityTableRef(target)} e ${joins.join(' ')}`;
}

/** The entity table as referenced in SQL: SQLite keeps temp tables in the `temp` schema. */
export function entityTableRef(target: SqlTarget): string {
  return target.dialect === 'sqlite' ? `temp.${quote(entityTable)}` : quote(entityTable);
}
