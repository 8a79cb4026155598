import type { FailedCheck, SchemaIssue } from './errors';
import type { FittedFill } from './report/ReportEntry';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const q = (s: string) => JSON.stringify(s);
/** Verb agreeing with a count: `agree(1, 'repeats', 'repeat')`. */
const agree = (n: number, one: string, many: string) => (n === 1 ? one : many);
const list = (items: readonly string[], max = 8) => items.slice(0, max).map(q).join(', ') + (items.length > max ? `, … (${items.length} in all)` : '');

/** A JSON value shortened for one line of a message. */
function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function duration(ms: number): string {
  if (ms < 1000) return `${+ms.toFixed(3)}ms`;
  const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]];
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 || (unit === 's' && parts.length === 0)) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.slice(0, 2).join(' ');
}

function failureLine(f: FailedCheck): string {
  const where = f.column === undefined ? 'dataset' : `column ${q(f.column)}`;
  const rows = f.examples.slice(0, 3).map((e) => `row ${e.row} = ${short(e.value)}`).join(', ');
  return `  - ${where}, check ${f.check}: ${plural(f.badCount, 'bad row')}: ${f.message}${rows ? ` (e.g. ${rows})` : ''}`;
}

/** All user-facing wording of the validator, in one place. */
export const messages = {
  schemaIssue: (schema: string, i: SchemaIssue) => `schema ${q(schema)}: ${i.path || '(root)'}: expected ${i.expected}, received ${i.received}`,
  piiKeyMissing: (env: string) =>
    `PII tokenization needs an HMAC key, but environment variable ${env} is not set (or is empty); set it to a secret value, or use pii.action "mask"`,
  validationFailed: (step: string, failures: readonly FailedCheck[], paths: readonly string[]) =>
    [`validation failed in step ${q(step)}: ${plural(failures.length, 'check')} failed`, ...failures.map(failureLine), ...(paths.length ? [`full report: ${paths.join(' and ')}`] : [])].join('\n'),
  duration,

  missingColumn: (column: string, names: readonly string[]) => `column ${q(column)} is missing from the data (columns: ${list(names) || 'none'})`,
  unexpectedColumn: (column: string) => `column ${q(column)} is not declared in the schema`,
  columnsMatch: (n: number) => `all ${plural(n, 'declared column')} present, no others`,

  typeOk: (column: string, dtype: string) => `column ${q(column)} is ${dtype}`,
  typeConverted: (column: string, from: string, to: string) => `column ${q(column)} is ${from}, converted to ${to} without loss`,
  typeMismatch: (column: string, found: string, expected: string, bad: number) =>
    `column ${q(column)}: expected ${expected}, found ${found}` + (bad ? `; ${plural(bad, 'value')} cannot be read as ${expected}` : ''),

  missingNoStrategy: (column: string, n: number) => `column ${q(column)} has ${plural(n, 'missing value')}; no fill configured`,
  missingNone: (column: string) => `column ${q(column)} has no missing values`,
  missingFail: (column: string, n: number) => `column ${q(column)} has ${plural(n, 'missing value')} (strategy "fail")`,
  missingUnfittable: (column: string, strategy: string) => `column ${q(column)} has missing values but no present value to fit the ${strategy} on`,
  missingFilled: (column: string, n: number, fill: FittedFill) => `column ${q(column)}: filled ${plural(n, 'missing value')} with the ${fill.strategy} ${short(fill.value)}`,
  missingFfilled: (column: string, n: number, filled: number, remaining: number, by: string) =>
    `column ${q(column)}: forward-filled ${filled} of ${plural(n, 'missing value')} (ordered by ${by})` + (remaining ? `; ${remaining} had no earlier value and stay missing` : ''),

  nullable: (column: string, n: number) => (n ? `column ${q(column)} is not nullable but has ${plural(n, 'missing value')} after fills` : `column ${q(column)} has no missing values after fills`),
  range: (column: string, n: number, min: unknown, max: unknown) =>
    `${plural(n, 'value')} of ${q(column)} outside [${min ?? '-inf'}, ${max ?? 'inf'}]`,
  allowed: (column: string, n: number, values: readonly string[]) => `${plural(n, 'value')} of ${q(column)} not in the allowed set (${list(values)})`,
  unique: (column: string, n: number) => `${plural(n, 'value')} of ${q(column)} ${agree(n, 'repeats', 'repeat')} an earlier row (the column should be unique)`,
  outliers: (column: string, n: number, method: string, lower: number, upper: number, clip: boolean) =>
    `${plural(n, 'outlier')} in ${q(column)} by ${method} (bounds [${+lower.toPrecision(6)}, ${+upper.toPrecision(6)}]); ${clip ? 'clipped to the bounds' : 'kept as they are'}`,

  temporalOrder: (column: string, n: number, scope: string) => `${plural(n, 'row')} earlier than a previous row${scope} in ${q(column)} (not in time order)`,
  temporalGap: (column: string, n: number, expected: number, largest: number, scope: string) =>
    `${plural(n, 'gap')}${scope} longer than the expected ${duration(expected)} in ${q(column)}` + (n ? `; largest ${duration(largest)}` : ''),
  temporalDuplicate: (column: string, n: number, scope: string) => `${plural(n, 'row')} ${agree(n, 'repeats', 'repeat')} a timestamp${scope} in ${q(column)}`,
  futureTimestamp: (column: string, n: number, now: number) => `${plural(n, 'timestamp')} in ${q(column)} after now (${new Date(now).toISOString()})`,

  duplicateRows: (n: number, action: string) => `${plural(n, 'row')} ${agree(n, 'repeats', 'repeat')} an earlier row exactly${n ? action : ''}`,
  duplicateKeys: (keys: readonly string[], n: number, conflicting: number, action: string) =>
    `${plural(n, 'row')} ${agree(n, 'repeats', 'repeat')} a key (${keys.join(', ')})` + (n ? `, ${conflicting} with other values${action}` : ''),

  pii: (column: string, rows: number, kinds: Partial<Record<string, number>>, action: string, configured: boolean) => {
    const found = Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', ');
    const verb = action === 'tokenize' ? 'tokenized' : 'masked';
    return configured
      ? `column ${q(column)} is a declared PII column: ${plural(rows, 'value')} ${verb}`
      : `column ${q(column)} holds personal data (${found}) not declared in pii.columns: ${plural(rows, 'value')} ${verb}`;
  },
  piiNone: (kinds: readonly string[]) => `no personal data (${kinds.join(', ')}) found in category columns`,
} as const;
