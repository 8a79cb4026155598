import type { BadRow } from './BadRow';

/** How many bad rows a BadRowsError message lists before it only counts. */
export const maxListedBadRows = 10;

const quote = (names: readonly string[]): string =>
  names.length === 0 ? '(none)' : names.map((n) => JSON.stringify(n)).join(', ');

/** All user-facing wording of this package, in one place. */
export const messages = {
  columnNotFound: (name: string, existing: readonly string[]) =>
    `column ${JSON.stringify(name)} not found; the frame has columns: ${quote(existing)}`,
  duplicateColumn: (name: string) => `column ${JSON.stringify(name)} appears more than once`,
  lengthMismatch: (name: string, length: number, rowCount: number) =>
    `column ${JSON.stringify(name)} has ${length} rows, expected ${rowCount}`,
  badRowLine: (row: BadRow) => `  ${row.path}:${row.line}: ${row.reason}`,
  badRows: (path: string, rows: readonly BadRow[], total: number) =>
    [
      `${path}: ${total} bad row${total === 1 ? '' : 's'}` +
        (total > rows.length ? ` (first ${rows.length} listed)` : '') +
        `; pass onBadRow: 'skip' to drop them and keep the good rows`,
      ...rows.map(messages.badRowLine),
    ].join('\n'),
  fieldCount: (expected: number, found: number) => `expected ${expected} fields, found ${found}`,
  badValue: (column: string, value: string, dtype: string) =>
    `column ${JSON.stringify(column)}: ${JSON.stringify(value)} is not a valid ${dtype}`,
  unterminatedQuote: () => 'unterminated quoted field (no closing quote before end of file)',
  junkAfterQuote: () => 'unexpected character after a closing quote',
  schemaColumnsMissing: (path: string, missing: readonly string[], header: readonly string[]) =>
    `${path}: schema names column(s) ${quote(missing)} not in the header; the header has: ${quote(header)}`,
  badDelimiter: (delimiter: string) =>
    `delimiter must be one single-byte character other than a quote or newline, received ${JSON.stringify(delimiter)}`,
  unsupportedType: (source: string, column: string, type: string) =>
    `${source}: column ${JSON.stringify(column)} has type ${type}, which @mlops/frame cannot represent`,
  formatTooShort: (length: number) => `not an encoded frame: ${length} bytes is shorter than the 16-byte preamble`,
  formatMagic: () => 'not an encoded frame: wrong magic bytes (expected "MLFR")',
  formatVersion: (version: number, supported: number) =>
    `encoded frame has format version ${version}; this build reads version ${supported}`,
  formatTruncated: (what: string, needed: number, length: number) =>
    `encoded frame is truncated: ${what} needs ${needed} bytes, only ${length} present`,
  formatHeader: (detail: string) => `encoded frame has an invalid header: ${detail}`,
  unknownDType: (where: string, dtype: unknown) =>
    `${where}: unknown dtype ${JSON.stringify(dtype)}; expected one of float64, int32, bool, category, timestamp`,
  invalidValue: (dtype: string, index: number, value: unknown) =>
    `cannot store ${describe(value)} at index ${index} in a ${dtype} column`,
  rowOutOfRange: (index: number, rowCount: number) => `row index ${index} is out of range for ${rowCount} rows`,
  bigEndian: () => '@mlops/frame stores typed arrays little-endian and does not support big-endian hosts',
};

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value instanceof Date) return `Date(${value.toISOString?.() ?? 'invalid'})`;
  return `${typeof value} ${String(value)}`;
}
