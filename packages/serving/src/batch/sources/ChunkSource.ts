import { BatchInputError } from '../errors';

/** Where the next chunk starts: the row number, plus what the source needs to seek there fast. */
export interface SourcePosition {
  /** Rows before this position (0-based number of the next row). */
  row: number;
  /** CSV: byte offset of the next record. */
  offset?: number;
  /** SQL with an id column: the last key read (keyset pagination). */
  lastKey?: string | number;
}

/** A value as a source yields it, before conversion to the model's tensor type. */
export type RawValue = number | string | bigint | boolean | Date | null | undefined;

/** Up to `chunkRows` input rows, column-wise. */
export interface SourceChunk {
  rowCount: number;
  /** Key of each row: the id column's value, or the row number. */
  keys: (string | number)[];
  /** Values of a column, one per row; undefined when the input has no such column. */
  column(name: string): readonly RawValue[] | undefined;
  /** Position after this chunk. */
  next: SourcePosition;
  /** Input bytes consumed after this chunk (CSV). */
  bytesDone?: number;
}

/** A resumable reader of input rows in chunks. */
export interface ChunkSource {
  /** What the input is, for messages and the job fingerprint (`data.csv`, `sqlite:x.db: SELECT …`). */
  readonly description: string;
  readonly columns: readonly string[];
  readonly totalRows?: number;
  readonly totalBytes?: number;
  /**
   * Chunks from `from` (the start when undefined) to the end of the input. `numericColumns`: columns
   * the model reads as numbers, which a text source may parse as it reads.
   */
  chunks(from: SourcePosition | undefined, chunkRows: number, numericColumns?: ReadonlySet<string>): AsyncIterable<SourceChunk>;
  close(): Promise<void>;
}

/** A chunk built from row-major columns held in a map. */
export function chunkOf(columns: Map<string, RawValue[]>, keys: (string | number)[], next: SourcePosition, bytesDone?: number): SourceChunk {
  return { rowCount: keys.length, keys, column: (name) => columns.get(name), next, bytesDone };
}

/** The key of a row: its id column's value, or its row number. */
export function keyOf(value: RawValue, row: number, idColumn: string | undefined, description: string): string | number {
  if (idColumn === undefined) return row;
  if (value === null || value === undefined || value === '') {
    throw new BatchInputError(`${description}: row ${row} has no value in the id column "${idColumn}"`);
  }
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return String(value);
  return value;
}
