import { QuerySyntaxError } from '../errors';
import type { FilterComparison, FilterExpr, FilterLiteral } from './FilterAst';
import { isRunField, runFieldNames, runFields } from './runFields';
import type { SqlContext, SqlFragment } from './SqlFragment';

/**
 * Turns a parsed filter into a parameterised WHERE fragment over `tracker_runs as r`. Values are
 * always bound, never spliced into the text. Each metric/param/tag condition is a semi-join on the
 * indexed `(key, value)` of the latest-metric, param-leaf or tag table.
 */
export function compileFilter(expr: FilterExpr, source: string, ctx: SqlContext): SqlFragment {
  if (expr.kind === 'compare') return compileComparison(expr, source, ctx);
  const left = compileFilter(expr.left, source, ctx);
  const right = compileFilter(expr.right, source, ctx);
  return { sql: `(${left.sql} ${expr.kind} ${right.sql})`, bindings: [...left.bindings, ...right.bindings] };
}

function compileComparison(c: FilterComparison, source: string, ctx: SqlContext): SqlFragment {
  const fail = (pos: number, expected: string, found: string): never => {
    throw new QuerySyntaxError(source, 'filter', pos + 1, expected, found);
  };
  const sqlOp = c.op === 'like' ? (ctx.dialect === 'postgresql' ? 'ilike' : 'like') : c.op;
  const semiJoin = (table: string, keyColumn: string, condition: string, value: string | number): SqlFragment => ({
    sql: `r.id in (select run_id from ?? where ${keyColumn} = ? and ${condition} ${sqlOp} ?)`,
    bindings: [ctx.table(table), c.field.key, value],
  });

  switch (c.field.scope) {
    case 'metrics': {
      const value = expectKind(c.value, 'number', 'a number (metrics are numbers)', fail);
      if (c.op === 'like') fail(c.opPos, 'a numeric operator (= != < <= > >=) for a metric', '"like"');
      return semiJoin('tracker_latest_metrics', 'key', 'value', value);
    }
    case 'tags':
      return semiJoin('tracker_tags', 'key', 'value', expectKind(c.value, 'string', 'a quoted string (tags are strings)', fail));
    case 'params':
      return compileParam(c, ctx, semiJoin, fail);
    case 'run': {
      if (!isRunField(c.field.key)) {
        return fail(c.field.pos, `metrics.<key>, params.<key>, tags.<key> or a run field (${runFieldNames.join(', ')})`, JSON.stringify(c.field.key));
      }
      const field = runFields[c.field.key];
      if (field.type === 'number') {
        if (c.op === 'like') fail(c.opPos, `a numeric operator (= != < <= > >=) for ${c.field.key}`, '"like"');
        return { sql: `r.${field.column} ${sqlOp} ?`, bindings: [expectKind(c.value, 'number', `a number (${c.field.key} is epoch milliseconds)`, fail)] };
      }
      return { sql: `r.${field.column} ${sqlOp} ?`, bindings: [expectKind(c.value, 'string', `a quoted string (${c.field.key} is a string)`, fail)] };
    }
  }
}

/** Numbers compare with numeric params, strings with string params, booleans by equality only. */
function compileParam(
  c: FilterComparison,
  ctx: SqlContext,
  semiJoin: (table: string, keyColumn: string, condition: string, value: string | number) => SqlFragment,
  fail: (pos: number, expected: string, found: string) => never,
): SqlFragment {
  const v = c.value;
  if (v.kind === 'number') {
    if (c.op === 'like') fail(c.opPos, 'a numeric operator (= != < <= > >=) for a number', '"like"');
    return semiJoin('tracker_param_leaves', 'path', 'num', v.value);
  }
  if (v.kind === 'string') return semiJoin('tracker_param_leaves', 'path', 'str', v.value);
  if (c.op !== '=' && c.op !== '!=') fail(c.opPos, '= or != for true/false', JSON.stringify(c.op));
  return {
    sql: `r.id in (select run_id from ?? where path = ? and json ${c.op} ?)`,
    bindings: [ctx.table('tracker_param_leaves'), c.field.key, String(v.value)],
  };
}

interface LiteralValue {
  number: number;
  string: string;
  boolean: boolean;
}

function expectKind<K extends keyof LiteralValue>(
  literal: FilterLiteral,
  kind: K,
  expected: string,
  fail: (pos: number, expected: string, found: string) => never,
): LiteralValue[K] {
  if (literal.kind !== kind) fail(literal.pos, expected, `the ${literal.kind} ${JSON.stringify(literal.value)}`);
  return literal.value as LiteralValue[K];
}
