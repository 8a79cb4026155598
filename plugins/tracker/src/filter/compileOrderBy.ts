import { QuerySyntaxError } from '../errors';
import { describe, fieldOf } from './parseFilter';
import { isRunField, runFieldNames, runFields } from './runFields';
import type { SqlContext, SqlFragment } from './SqlFragment';
import { tokenize } from './tokenize';

/** LEFT JOINs and ORDER BY terms for a page query over `tracker_runs as r`. */
export interface CompiledOrder {
  joins: SqlFragment[];
  orderBy: SqlFragment[];
}

// Ties (and the default order) are newest first, then by id, so paging is stable.
const tieBreak: SqlFragment[] = [
  { sql: 'r.started_at desc', bindings: [] },
  { sql: 'r.id desc', bindings: [] },
];

/**
 * Parses `metrics.rocAuc desc, name` (comma-separated; ascending unless `desc`). Runs lacking a
 * metric, param or tag, or whose value is NaN/NULL, sort last in either direction.
 */
export function compileOrderBy(source: string | undefined, ctx: SqlContext): CompiledOrder {
  const out: CompiledOrder = { joins: [], orderBy: [] };
  if (source === undefined || source.trim() === '') return { joins: [], orderBy: tieBreak };
  const tokens = tokenize(source, 'orderBy');
  const fail = (pos: number, expected: string, found: string): never => {
    throw new QuerySyntaxError(source, 'orderBy', pos + 1, expected, found);
  };
  let i = 0;
  for (;;) {
    let t = tokens[i++]!;
    if (t.kind !== 'ident') fail(t.pos, 'a field to sort by (metrics.<key>, min(metrics.<key>), params.<key>, tags.<key>, startedAt, name, …)', describe(t));
    // `min(metrics.loss)` / `max(metrics.loss)`: over the curve's steps, from the summary table.
    let aggregate: 'min' | 'max' | undefined;
    if (/^(min|max)$/i.test(t.text) && tokens[i]!.kind === 'lparen') {
      aggregate = t.text.toLowerCase() as 'min' | 'max';
      t = tokens[++i]!;
      i++;
      if (t.kind !== 'ident' || !t.text.startsWith('metrics.')) fail(t.pos, `metrics.<key> inside ${aggregate}(…)`, describe(t));
      if (tokens[i]!.kind !== 'rparen') fail(tokens[i]!.pos, '")"', describe(tokens[i]!));
      i++;
    }
    const field = fieldOf(t, source, 'orderBy');
    let direction: 'asc' | 'desc' = 'asc';
    const d = tokens[i]!;
    if (d.kind === 'ident' && ['asc', 'desc'].includes(d.text.toLowerCase())) {
      direction = d.text.toLowerCase() as 'asc' | 'desc';
      i++;
    }
    const alias = `o${out.joins.length}`;
    if (field.scope === 'run') {
      if (!isRunField(field.key)) fail(field.pos, `metrics.<key>, params.<key>, tags.<key> or a run field (${runFieldNames.join(', ')})`, JSON.stringify(field.key));
      const column = `r.${runFields[field.key as keyof typeof runFields].column}`;
      out.orderBy.push({ sql: `(${column} is null) asc`, bindings: [] }, { sql: `${column} ${direction}`, bindings: [] });
    } else if (aggregate) {
      const column = `${aggregate}_value`;
      out.joins.push({ sql: `left join ?? as ${alias} on ${alias}.run_id = r.id and ${alias}.key = ?`, bindings: [ctx.table('tracker_metric_summaries'), field.key] });
      out.orderBy.push({ sql: `(${alias}.${column} is null) asc`, bindings: [] }, { sql: `${alias}.${column} ${direction}`, bindings: [] });
    } else {
      const [table, keyColumn, columns] =
        field.scope === 'metrics'
          ? ['tracker_latest_metrics', 'key', ['value']]
          : field.scope === 'tags'
            ? ['tracker_tags', 'key', ['value']]
            : ['tracker_param_leaves', 'path', ['num', 'str']];
      out.joins.push({ sql: `left join ?? as ${alias} on ${alias}.run_id = r.id and ${alias}.${keyColumn} = ?`, bindings: [ctx.table(table), field.key] });
      for (const c of columns) out.orderBy.push({ sql: `(${alias}.${c} is null) asc`, bindings: [] }, { sql: `${alias}.${c} ${direction}`, bindings: [] });
    }
    const sep = tokens[i++]!;
    if (sep.kind === 'end') break;
    if (sep.kind !== 'comma') fail(sep.pos, '"asc", "desc", "," or the end', describe(sep));
  }
  out.orderBy.push(...tieBreak);
  return out;
}
