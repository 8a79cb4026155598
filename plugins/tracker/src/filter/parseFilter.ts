import { QueryLimitError, QuerySyntaxError } from '../errors';
import type { ComparisonOp, FieldRef, FilterExpr, FilterLiteral } from './FilterAst';
import { tokenize, type Token } from './tokenize';

/**
 * Parses a filter such as `metrics.rocAuc > 0.95 and params.train.maxDepth = 4 and tags.team = "risk"`.
 *
 *   expr       := and ('or' and)*
 *   and        := primary ('and' primary)*
 *   primary    := '(' expr ')' | field op literal
 *   field      := metrics.<key> | params.<key> | tags.<key> | <run field>
 *   op         := = | != | < | <= | > | >= | like
 *   literal    := number | 'string' | "string" | true | false
 *
 * Keywords are case-insensitive. Errors name the 1-based column and what was expected there.
 */
export function parseFilter(source: string): FilterExpr {
  if (source.length > filterLimits.length) throw new QueryLimitError('filter', `at most ${filterLimits.length} characters`, `${source.length}`);
  const parser = new FilterParser(source, tokenize(source, 'filter'));
  const expr = parser.expr();
  parser.expectEnd();
  return expr;
}

/**
 * The parser recurses once per "(" and the compiled SQL nests once per and/or, so a hostile filter
 * (50,000 parentheses) would overflow the stack, and a long chain would exceed SQLite's expression
 * depth (1000). Real filters are a few comparisons deep.
 */
export const filterLimits = { length: 10_000, depth: 32, comparisons: 200 } as const;

/** Splits `metrics.a.b` into scope and key; a bare name is a run field (checked by the compiler). */
export function fieldOf(token: Token, source: string, what: 'filter' | 'orderBy'): FieldRef {
  const dot = token.text.indexOf('.');
  const prefix = dot === -1 ? '' : token.text.slice(0, dot);
  if (prefix === 'metrics' || prefix === 'params' || prefix === 'tags') {
    const key = token.text.slice(dot + 1);
    if (key === '') throw new QuerySyntaxError(source, what, token.pos + token.text.length + 1, `a key after "${prefix}."`, describe(token));
    return { scope: prefix, key, pos: token.pos };
  }
  if (dot !== -1) throw new QuerySyntaxError(source, what, token.pos + 1, 'a field starting with metrics., params. or tags., or a run field', JSON.stringify(token.text));
  return { scope: 'run', key: token.text, pos: token.pos };
}

/** How a token reads in an error message. */
export function describe(token: Token): string {
  return token.kind === 'end' ? 'the end of the text' : JSON.stringify(token.text);
}

const isKeyword = (t: Token, word: string) => t.kind === 'ident' && t.text.toLowerCase() === word;

class FilterParser {
  private i = 0;
  private depth = 0;
  private comparisons = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  expr(): FilterExpr {
    let left = this.and();
    while (isKeyword(this.peek(), 'or')) {
      const pos = this.next().pos;
      left = { kind: 'or', left, right: this.and(), pos };
    }
    return left;
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'end') this.fail(t, t.kind === 'rparen' ? 'and, or or the end (this ")" closes nothing)' : 'and, or or the end of the filter');
  }

  private and(): FilterExpr {
    let left = this.primary();
    while (isKeyword(this.peek(), 'and')) {
      const pos = this.next().pos;
      left = { kind: 'and', left, right: this.primary(), pos };
    }
    return left;
  }

  private primary(): FilterExpr {
    const t = this.next();
    if (t.kind === 'lparen') {
      if (++this.depth > filterLimits.depth) throw new QueryLimitError('filter', `at most ${filterLimits.depth} nested parentheses`, `more at column ${t.pos + 1}`);
      const inner = this.expr();
      this.depth--;
      const close = this.next();
      if (close.kind !== 'rparen') this.fail(close, 'and, or or ")"');
      return inner;
    }
    if (t.kind !== 'ident' || ['and', 'or', 'like', 'true', 'false'].some((k) => isKeyword(t, k))) {
      this.fail(t, 'a field (metrics.<key>, params.<key>, tags.<key>, status, experiment, name, startedAt, …) or "("');
    }
    if (++this.comparisons > filterLimits.comparisons) throw new QueryLimitError('filter', `at most ${filterLimits.comparisons} comparisons`, `more at column ${t.pos + 1}`);
    const field = fieldOf(t, this.source, 'filter');
    const opToken = this.next();
    const op = this.operator(opToken);
    return { kind: 'compare', field, op, opPos: opToken.pos, value: this.literal(), pos: t.pos };
  }

  private operator(t: Token): ComparisonOp {
    if (t.kind === 'op') return t.text as ComparisonOp;
    if (isKeyword(t, 'like')) return 'like';
    return this.fail(t, 'an operator (= != < <= > >= like)');
  }

  private literal(): FilterLiteral {
    const t = this.next();
    if (t.kind === 'number') return { kind: 'number', value: t.value as number, pos: t.pos };
    if (t.kind === 'string') return { kind: 'string', value: t.value as string, pos: t.pos };
    if (isKeyword(t, 'true') || isKeyword(t, 'false')) return { kind: 'boolean', value: t.text.toLowerCase() === 'true', pos: t.pos };
    return this.fail(t, `a value (a number, a quoted string, true or false)${t.kind === 'ident' ? '; quote strings' : ''}`);
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    const t = this.tokens[this.i]!;
    if (t.kind !== 'end') this.i++;
    return t;
  }

  private fail(t: Token, expected: string): never {
    throw new QuerySyntaxError(this.source, 'filter', t.pos + 1, expected, describe(t));
  }
}
