import { QuerySyntaxError } from '../errors';

export type TokenKind = 'ident' | 'number' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end';

/** One lexical token; `pos` is the 0-based offset of its first character. */
export interface Token {
  kind: TokenKind;
  text: string;
  /** The unescaped content of a string, the parsed value of a number. */
  value?: string | number;
  pos: number;
}

// Keys: letters, digits and _ . - / : (dots separate the prefix from the key and nest param paths).
const identStart = /[A-Za-z_]/;
const identPart = /[A-Za-z0-9_.\-/:]/;
const numberPattern = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;
const operators = ['<=', '>=', '!=', '=', '<', '>'];

/** Splits a filter or orderBy into tokens; an unknown character fails with its column. */
export function tokenize(source: string, what: 'filter' | 'orderBy'): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, pos: i++ });
    } else if (c === '"' || c === "'") {
      const { value, end } = readString(source, i, what);
      tokens.push({ kind: 'string', text: source.slice(i, end), value, pos: i });
      i = end;
    } else if (/[\d.-]/.test(c) && numberPattern.test(source.slice(i))) {
      const text = numberPattern.exec(source.slice(i))![0];
      tokens.push({ kind: 'number', text, value: Number(text), pos: i });
      i += text.length;
    } else if (identStart.test(c)) {
      let end = i + 1;
      while (end < source.length && identPart.test(source[end]!)) end++;
      tokens.push({ kind: 'ident', text: source.slice(i, end), pos: i });
      i = end;
    } else {
      const op = operators.find((o) => source.startsWith(o, i));
      if (!op) throw new QuerySyntaxError(source, what, i + 1, 'a field, an operator (= != < <= > >= like) or a value', JSON.stringify(c));
      tokens.push({ kind: 'op', text: op, pos: i });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '', pos: source.length });
  return tokens;
}

/** A quoted string with \\ escapes for the quote and the backslash; the other quote needs none. */
function readString(source: string, start: number, what: 'filter' | 'orderBy'): { value: string; end: number } {
  const quote = source[start]!;
  let value = '';
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i]!;
    if (c === quote) return { value, end: i + 1 };
    if (c === '\\' && i + 1 < source.length) value += source[++i];
    else value += c;
  }
  throw new QuerySyntaxError(source, what, start + 1, `a closing ${quote}`, 'the end of the text');
}
