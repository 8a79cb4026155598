import type { FeatureView } from '../definitions/types';
import { countOf, resultRows } from '../lib/resultRows';
import { qualified, quote, type SqlTarget } from '../lib/SqlTarget';
import { toScalar } from '../lib/toScalar';
import { joinKeysOf, stageTableName } from '../offline/stageTable';
import type { OpenWindowLatest, WindowLatest } from './WindowLatest';

/** The SQL engine's {@link WindowLatest}: queries on the staged table, one backward index seek per entity. */
export function sqlWindowLatest(target: SqlTarget): OpenWindowLatest {
  return async (view, start, end): Promise<WindowLatest> => {
    const keys = joinKeysOf(view);
    const table = qualified(target, stageTableName(view));
    const keyList = keys.map(quote).join(', ');
    const distinct = `select count(*) as n from (select distinct ${keyList} from ${table} where "_ts" >= ? and "_ts" < ?`;
    return {
      count: async (upTo) =>
        upTo === null
          ? countOf(await target.knex.raw(`${distinct}) d`, [start, end]))
          : countOf(await target.knex.raw(`${distinct} and (${keyList}) <= (${keys.map(() => '?').join(', ')})) d`, [start, end, ...upTo])),
      next: async (after, limit) => {
        const rows = resultRows(await target.knex.raw(latestPerEntitySql(target, view, after !== null), [start, end, ...(after ?? []), limit, start, end]));
        return rows.map((row) => ({
          keys: keys.map((k) => row[k] as string),
          eventTimestamp: Number(row._ts),
          values: Object.fromEntries(Object.entries(view.features).map(([f, t]) => [f, toScalar(t, row[f])])),
        }));
      },
      close: async () => {},
    };
  };
}

/** Next `limit` entities (in key order, after a cursor) with a value in the window, and the row of each one's latest value. */
function latestPerEntitySql(target: SqlTarget, view: FeatureView, hasCursor: boolean): string {
  const table = qualified(target, stageTableName(view));
  const keys = joinKeysOf(view).map(quote);
  const cursor = hasCursor ? ` and (${keys.join(', ')}) > (${keys.map(() => '?').join(', ')})` : '';
  const entities = `select distinct ${keys.join(', ')} from ${table} where "_ts" >= ? and "_ts" < ?${cursor} order by ${keys.join(', ')} limit ?`;
  const match = keys.map((k) => `s.${k} = d.${k}`).join(' and ');
  const pick = `(select s."_row" from ${table} s where ${match} and s."_ts" >= ? and s."_ts" < ? order by s."_ts" desc, s."_row" desc limit 1)`;
  return `select f.* from (${entities}) d join ${table} f on f."_row" = ${pick} order by ${keys.map((k) => `d.${k}`).join(', ')}`;
}
