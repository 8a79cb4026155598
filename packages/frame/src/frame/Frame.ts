import type { Column, ColumnSchema, DType } from '../column/Column';
import { assertDType } from '../column/assertDType';
import { columnValue, type CellValue } from '../column/columnAccess';
import { columnFromValues } from '../column/columnFromValues';
import { gatherColumn, sliceColumn } from '../column/gatherColumn';
import { validateColumn } from '../column/validateColumn';
import { ColumnNotFoundError, InvalidColumnError } from '../errors/errors';
import { messages } from '../errors/messages';
import { frameBrand } from './brand';

/**
 * An immutable table of named, equally long typed-array columns. Every operation returns a new
 * Frame; columns are shared between frames wherever possible (select, drop, slice copy nothing).
 */
export class Frame {
  /** Marks frames for `isFrame` across package copies. */
  readonly [frameBrand] = true;
  /** Column names, in order. */
  readonly names: readonly string[];
  /** Number of rows (0 for a frame without columns unless it was sliced from one). */
  readonly rowCount: number;
  private readonly columns: ReadonlyMap<string, Column>;

  private constructor(names: readonly string[], columns: ReadonlyMap<string, Column>, rowCount: number) {
    this.names = Object.freeze([...names]);
    this.columns = columns;
    this.rowCount = rowCount;
    Object.freeze(this);
  }

  /** Builds a frame from named columns (insertion order); all must have the same length. */
  static fromColumns(columns: Readonly<Record<string, Column>>): Frame {
    const names = Object.keys(columns);
    const map = new Map<string, Column>();
    const rowCount = names.length === 0 ? 0 : columns[names[0]].length;
    for (const name of names) {
      const column = columns[name];
      validateColumn(name, column);
      if (column.length !== rowCount) throw new InvalidColumnError(messages.lengthMismatch(name, column.length, rowCount));
      map.set(name, column);
    }
    return new Frame(names, map, rowCount);
  }

  /**
   * Builds a frame from row objects, for small data and tests. Columns are the schema's names
   * (in its order) followed by any other keys, in first-seen order; missing keys are null.
   * Types come from `schema` or are inferred per column as `columnFromValues` does.
   */
  static fromRows(rows: readonly Readonly<Record<string, unknown>>[], schema?: Readonly<Record<string, DType>>): Frame {
    const names = new Set(Object.keys(schema ?? {}));
    for (const row of rows) for (const key of Object.keys(row)) names.add(key);
    const columns: Record<string, Column> = {};
    for (const name of names) {
      const dtype = schema?.[name];
      if (dtype !== undefined) assertDType(`schema column ${JSON.stringify(name)}`, dtype);
      columns[name] = columnFromValues(rows.map((row) => row[name]), dtype);
    }
    if (names.size === 0) return new Frame([], new Map(), rows.length);
    return Frame.fromColumns(columns);
  }

  /** The column called `name`; throws ColumnNotFoundError listing the existing names. */
  column(name: string): Column {
    const column = this.columns.get(name);
    if (column === undefined) throw new ColumnNotFoundError(name, this.names);
    return column;
  }

  /** True when the frame has a column called `name`. */
  has(name: string): boolean {
    return this.columns.has(name);
  }

  /** A frame with only `names`, in that order. */
  select(names: readonly string[]): Frame {
    const map = new Map<string, Column>();
    for (const name of names) {
      if (map.has(name)) throw new InvalidColumnError(messages.duplicateColumn(name));
      map.set(name, this.column(name));
    }
    return new Frame(names, map, this.rowCount);
  }

  /** A frame without `names` (each must exist). */
  drop(names: readonly string[]): Frame {
    for (const name of names) this.column(name);
    const dropped = new Set(names);
    return this.select(this.names.filter((n) => !dropped.has(n)));
  }

  /** Rows at `indices`, in that order (repeats allowed). Throws RangeError for an index out of range. */
  take(indices: Int32Array | readonly number[]): Frame {
    const index = indices instanceof Int32Array ? indices : Int32Array.from(indices);
    for (let i = 0; i < index.length; i++) {
      const at = index[i];
      if (at < 0 || at >= this.rowCount || (!(indices instanceof Int32Array) && at !== indices[i])) {
        throw new RangeError(messages.rowOutOfRange(indices[i], this.rowCount));
      }
    }
    return this.mapColumns((column) => gatherColumn(column, index), index.length);
  }

  /** Rows `[start, end)` as zero-copy views; negative bounds count from the end, like Array.slice. */
  slice(start = 0, end = this.rowCount): Frame {
    const from = clamp(start, this.rowCount);
    const to = Math.max(from, clamp(end, this.rowCount));
    return this.mapColumns((column) => sliceColumn(column, from, to), to - from);
  }

  /** The first `n` rows (default 5). */
  head(n = 5): Frame {
    return this.slice(0, n);
  }

  /** A frame with `column` added as `name`, or replacing the column of that name in place. */
  withColumn(name: string, column: Column): Frame {
    validateColumn(name, column);
    // A frame with neither columns nor rows takes any length; otherwise lengths must agree.
    if ((this.names.length > 0 || this.rowCount > 0) && column.length !== this.rowCount) {
      throw new InvalidColumnError(messages.lengthMismatch(name, column.length, this.rowCount));
    }
    const map = new Map(this.columns);
    map.set(name, column);
    const names = this.columns.has(name) ? this.names : [...this.names, name];
    return new Frame(names, map, column.length);
  }

  /** Name, dtype and nullability of each column, in order. */
  schema(): ColumnSchema[] {
    return this.names.map((name) => {
      const column = this.column(name);
      return { name, dtype: column.dtype, nullable: column.nulls !== undefined };
    });
  }

  /** Rows as plain objects, for display and tests only (allocates per row). */
  toRows(limit = this.rowCount): Record<string, CellValue>[] {
    const n = Math.max(0, Math.min(limit, this.rowCount));
    const rows: Record<string, CellValue>[] = [];
    for (let i = 0; i < n; i++) {
      const row: Record<string, CellValue> = {};
      for (const name of this.names) row[name] = columnValue(this.column(name), i);
      rows.push(row);
    }
    return rows;
  }

  private mapColumns(fn: (column: Column) => Column, rowCount: number): Frame {
    const map = new Map<string, Column>();
    for (const name of this.names) map.set(name, fn(this.column(name)));
    return new Frame(this.names, map, rowCount);
  }
}

function clamp(index: number, length: number): number {
  const i = Math.trunc(index);
  return i < 0 ? Math.max(0, length + i) : Math.min(i, length);
}
