import type { Knex } from 'knex';
import type { RunSearchQuery } from '@mlops/core';
import { TrackerError, trackerErrorCodes } from '../errors';
import { compileFilter } from '../filter/compileFilter';
import { compileOrderBy } from '../filter/compileOrderBy';
import { parseFilter } from '../filter/parseFilter';
import type { SqlContext, SqlFragment } from '../filter/SqlFragment';
import { trackerMessages } from '../messages';
import type { RunRow } from './runRows';

const defaultLimit = 100;

/**
 * The run rows of one page of a search, and the number of matches: two queries, run together. The
 * filter and order are parsed first, so a bad expression fails before touching the database.
 */
export async function searchRunRows(knex: Knex, sql: SqlContext, query: RunSearchQuery): Promise<{ rows: RunRow[]; total: number }> {
  const limit = query.limit ?? defaultLimit;
  const offset = query.offset ?? 0;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new TrackerError(trackerErrorCodes.query, trackerMessages.badField('limit', 'a non-negative integer', limit));
  if (!Number.isSafeInteger(offset) || offset < 0) throw new TrackerError(trackerErrorCodes.query, trackerMessages.badField('offset', 'a non-negative integer', offset));
  const where = whereOf(query, sql);
  const order = compileOrderBy(query.orderBy, sql);
  const runs = `${sql.table('tracker_runs')} as r`;

  const page = knex.select('r.*').from(runs);
  for (const j of order.joins) page.joinRaw(j.sql, j.bindings);
  for (const w of where) page.whereRaw(w.sql, w.bindings);
  for (const o of order.orderBy) page.orderByRaw(o.sql, o.bindings);
  page.limit(limit).offset(offset);

  const count = knex.count({ n: '*' }).from(runs);
  for (const w of where) count.whereRaw(w.sql, w.bindings);

  const [rows, counted] = (await Promise.all([limit === 0 ? [] : page, count])) as [RunRow[], { n: number | string }[]];
  return { rows, total: Number(counted[0]!.n) };
}

/** The WHERE fragments of a search: experiment, parent, then the parsed filter. */
function whereOf(query: RunSearchQuery, sql: SqlContext): SqlFragment[] {
  const where: SqlFragment[] = [];
  if (query.experiment !== undefined) where.push({ sql: 'r.experiment = ?', bindings: [query.experiment] });
  if (query.parentId === null) where.push({ sql: 'r.parent_id is null', bindings: [] });
  else if (query.parentId !== undefined) where.push({ sql: 'r.parent_id = ?', bindings: [query.parentId] });
  if (query.filter !== undefined && query.filter.trim() !== '') where.push(compileFilter(parseFilter(query.filter), query.filter, sql));
  return where;
}
