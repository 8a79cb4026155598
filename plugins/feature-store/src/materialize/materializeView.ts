import type { MaterializeProgress, OnlineFeatureRow, OnlineStore } from '@mlops/core';
import type { FeatureView } from '../definitions/types';
import { entityKeyOf } from '../lib/entityKey';
import { qualified, quote, type SqlTarget } from '../lib/SqlTarget';
import { toScalar } from '../lib/toScalar';
import { countOf, resultRows } from '../lib/resultRows';
import { joinKeysOf, stageTableName } from '../offline/stageTable';
import type { MaterializationState } from './MaterializationState';

/** What {@link materializeView} needs besides the view. */
export interface MaterializeViewContext {
  target: SqlTarget;
  online: OnlineStore;
  state: MaterializationState;
  chunkSize: number;
  onProgress?: (progress: MaterializeProgress) => void;
}

/**
 * Copies the latest value per entity with event time in `[start, end)` into the online store.
 * Entities are walked in key order, `chunkSize` at a time (one result set in memory); after each
 * chunk is written the last key is stored, so a killed run resumes after it when called again with
 * the same window. Writes are idempotent (the online store ignores older event times).
 */
export async function materializeView(ctx: MaterializeViewContext, view: FeatureView, start: number, end: number): Promise<number> {
  const keys = joinKeysOf(view);
  const previous = await ctx.state.get(view.name);
  let after = previous.pending && previous.pending.start === start && previous.pending.end === end ? previous.pending.after : null;
  let newest = previous.newestEventTs;
  await ctx.state.savePending(view.name, start, end, after, newest);
  const table = qualified(ctx.target, stageTableName(view));
  const keyList = keys.map(quote).join(', ');
  const distinct = `select count(*) as n from (select distinct ${keyList} from ${table} where "_ts" >= ? and "_ts" < ?`;
  const total = countOf(await ctx.target.knex.raw(`${distinct}) d`, [start, end]));
  // On a resume, the entities up to the cursor were written by the interrupted run.
  let written = after === null ? 0 : countOf(await ctx.target.knex.raw(`${distinct} and (${keyList}) <= (${keys.map(() => '?').join(', ')})) d`, [start, end, ...after]));
  for (;;) {
    const rows = resultRows(await ctx.target.knex.raw(latestPerEntitySql(ctx.target, view, after !== null), [start, end, ...(after ?? []), ctx.chunkSize, start, end]));
    if (rows.length === 0) break;
    const online: OnlineFeatureRow[] = rows.map((row) => ({
      entityKey: entityKeyOf(keys, keys.map((k) => row[k] as string)),
      eventTimestamp: Number(row._ts),
      values: Object.fromEntries(Object.entries(view.features).map(([f, t]) => [f, toScalar(t, row[f])])),
    }));
    await ctx.online.write(view.name, online, { expireAfterMs: view.ttlMs });
    for (const r of online) newest = newest === null ? r.eventTimestamp : Math.max(newest, r.eventTimestamp);
    const last = rows[rows.length - 1]!;
    after = keys.map((k) => last[k] as string);
    written += rows.length;
    await ctx.state.savePending(view.name, start, end, after, newest);
    ctx.onProgress?.({ view: view.name, written, total });
    if (rows.length < ctx.chunkSize) break;
  }
  await ctx.state.complete(view.name, end, previous.watermark, newest);
  return written;
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
