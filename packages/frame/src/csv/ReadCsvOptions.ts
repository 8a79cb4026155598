import type { DType } from '../column/Column';
import { assertDType } from '../column/assertDType';
import { SchemaError } from '../errors/errors';
import { messages } from '../errors/messages';
import type { OnBadRow } from '../read/ReadResult';
import { defaultNullTokens } from '../text/NullTokens';

/** A schema entry with its own null tokens. */
export interface CsvColumnSpec {
  readonly dtype: DType;
  /** Replaces the reader-wide `nullTokens` for this column. */
  readonly nullTokens?: readonly string[];
}

/** Unit of plain numbers found in a timestamp column. */
export type EpochUnit = 's' | 'ms' | 'us' | 'ns';

/** Options of `readCsv`. Everything is optional. */
export interface ReadCsvOptions {
  /** Field separator, one byte (default `,`). */
  readonly delimiter?: string;
  /**
   * dtype per column name (the first line must be a header). Columns not listed are inferred from
   * the first `inferRows` rows and widened later if needed (see README "Type inference").
   */
  readonly schema?: Readonly<Record<string, DType | CsvColumnSpec>>;
  /** Cells that mean null (default: empty, `NA`, `NaN`, `null`, `N/A`). */
  readonly nullTokens?: readonly string[];
  /** `'fail'` (default) throws a BadRowsError; `'skip'` drops bad rows and returns them. */
  readonly onBadRow?: OnBadRow;
  /** Rows sampled to infer dtypes (default 1000). */
  readonly inferRows?: number;
  /** Bytes per file read (default 4 MiB). Tests use tiny values to force rows across chunks. */
  readonly highWaterMark?: number;
  /** Unit of plain numbers in timestamp columns (default `'ms'`). */
  readonly epochUnit?: EpochUnit;
}

/** Options with defaults filled in. */
export interface ResolvedCsvOptions {
  readonly delimiter: number;
  readonly schema: ReadonlyMap<string, CsvColumnSpec>;
  readonly nullTokens: readonly string[];
  readonly onBadRow: OnBadRow;
  readonly inferRows: number;
  readonly highWaterMark: number;
  readonly epochScale: number;
}

const epochScales: Record<EpochUnit, number> = { s: 1000, ms: 1, us: 1e-3, ns: 1e-6 };

/** Fills defaults and checks the delimiter. */
export function resolveCsvOptions(options: ReadCsvOptions): ResolvedCsvOptions {
  const delimiter = options.delimiter ?? ',';
  const code = delimiter.charCodeAt(0);
  if (delimiter.length !== 1 || code > 127 || code === 34 || code === 10 || code === 13) {
    throw new SchemaError(messages.badDelimiter(delimiter));
  }
  const schema = new Map<string, CsvColumnSpec>();
  for (const [name, spec] of Object.entries(options.schema ?? {})) {
    const resolved = typeof spec === 'string' ? { dtype: spec } : spec;
    assertDType(`schema column ${JSON.stringify(name)}`, resolved.dtype);
    schema.set(name, resolved);
  }
  return {
    delimiter: code,
    schema,
    nullTokens: options.nullTokens ?? defaultNullTokens,
    onBadRow: options.onBadRow ?? 'fail',
    inferRows: Math.max(1, options.inferRows ?? 1000),
    highWaterMark: Math.max(1, options.highWaterMark ?? 4 << 20),
    epochScale: epochScales[options.epochUnit ?? 'ms'],
  };
}
