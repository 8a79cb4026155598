import { describe, expect, it } from '@jest/globals';
import { QueryLimitError, QuerySyntaxError } from '../errors';
import { filterLimits, parseFilter } from './parseFilter';

describe('parseFilter', () => {
  it('parses comparisons into an AST with the position of every part', () => {
    expect(parseFilter('metrics.rocAuc > 0.95')).toEqual({
      kind: 'compare',
      field: { scope: 'metrics', key: 'rocAuc', pos: 0 },
      op: '>',
      opPos: 15,
      value: { kind: 'number', value: 0.95, pos: 17 },
      pos: 0,
    });
  });

  it('keeps dots in keys after the prefix and reads every literal kind', () => {
    const ast = parseFilter(`params.train.maxDepth = 4 AND tags.team = "risk" and status != 'failed' and params.flag = false and metrics.loss >= -1.5e-3`);
    const comparisons: unknown[] = [];
    const walk = (e: ReturnType<typeof parseFilter>): void => {
      if (e.kind === 'compare') comparisons.push([e.field.scope, e.field.key, e.op, e.value.value]);
      else (walk(e.left), walk(e.right));
    };
    walk(ast);
    expect(comparisons).toEqual([
      ['params', 'train.maxDepth', '=', 4],
      ['tags', 'team', '=', 'risk'],
      ['run', 'status', '!=', 'failed'],
      ['params', 'flag', '=', false],
      ['metrics', 'loss', '>=', -0.0015],
    ]);
  });

  it('makes and bind tighter than or, and honours parentheses', () => {
    const shape = (e: ReturnType<typeof parseFilter>): unknown => (e.kind === 'compare' ? e.field.key : [e.kind, shape(e.left), shape(e.right)]);
    expect(shape(parseFilter('a = 1 or b = 2 and c = 3'))).toEqual(['or', 'a', ['and', 'b', 'c']]);
    expect(shape(parseFilter('(a = 1 or b = 2) and c = 3'))).toEqual(['and', ['or', 'a', 'b'], 'c']);
    expect(shape(parseFilter('a = 1 and b = 2 and c = 3'))).toEqual(['and', ['and', 'a', 'b'], 'c']);
  });

  it('unescapes quotes inside strings and accepts like in any case', () => {
    expect(parseFilter(`tags.note LIKE 'it\\'s "%"'`)).toMatchObject({ op: 'like', value: { kind: 'string', value: `it's "%"` } });
  });

  it('throws a QuerySyntaxError with the 1-based column, what was expected and what was found', () => {
    const errorOf = (source: string) => {
      try {
        parseFilter(source);
      } catch (e) {
        return e as QuerySyntaxError;
      }
      throw new Error(`${source} parsed`);
    };
    expect(errorOf('metrics.auc')).toMatchObject({ column: 12, expected: 'an operator (= != < <= > >= like)', found: 'the end of the text' });
    expect(errorOf('and = 1')).toMatchObject({ column: 1, found: '"and"' });
    expect(errorOf('a = 1)')).toMatchObject({ column: 6, expected: 'and, or or the end (this ")" closes nothing)' });
    expect(errorOf('x.y = 1').message).toBe('invalid filter "x.y = 1" at column 1: expected a field starting with metrics., params. or tags., or a run field, found "x.y"');
    expect(errorOf('')).toMatchObject({ column: 1, found: 'the end of the text' });
  });

  it('refuses a filter nested, long or chained beyond its limits with a usage error naming the limit', () => {
    const nested = (depth: number) => `${'('.repeat(depth)}metrics.a > 1${')'.repeat(depth)}`;
    // At the limit it parses; one more level is refused before the recursion goes deeper.
    expect(parseFilter(nested(filterLimits.depth))).toMatchObject({ kind: 'compare', field: { key: 'a' } });
    expect(() => parseFilter(nested(filterLimits.depth + 1))).toThrow(`filter too large: at most ${filterLimits.depth} nested parentheses allowed, found more at column ${filterLimits.depth + 1}`);
    // 50,000 levels overflowed the stack ("Maximum call stack size exceeded") before the limit.
    const hostile = '('.repeat(50_000);
    expect(() => parseFilter(hostile)).toThrow(new QueryLimitError('filter', `at most ${filterLimits.length} characters`, '50000'));
    const deepButShort = nested(5_000).slice(0, filterLimits.length);
    expect(() => parseFilter(deepButShort)).toThrow(QueryLimitError);
    const chain = (n: number) => Array.from({ length: n }, (_, i) => `metrics.m${i} > ${i}`).join(' and ');
    expect(() => parseFilter(chain(filterLimits.comparisons))).not.toThrow();
    expect(() => parseFilter(chain(filterLimits.comparisons + 1))).toThrow(`filter too large: at most ${filterLimits.comparisons} comparisons allowed`);
    try {
      parseFilter(hostile);
    } catch (e) {
      expect(e).toMatchObject({ code: 'E_TRACKER_QUERY', badInput: true });
    }
    expect.assertions(7);
  });
});

