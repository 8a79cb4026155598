/**
 * One column of input, however it arrives: plain values (a lookup result, a batch chunk, request
 * rows) or a typed array with a null mask and, for categories, a dictionary (a frame column).
 */
export interface FeedColumn {
  values: ArrayLike<unknown>;
  /** 1 where the value is missing (frame columns). */
  nulls?: ArrayLike<number>;
  /** Category labels: `values` are codes into it. */
  dictionary?: readonly string[];
}

/** Columns by name, all `rowCount` long: what {@link toFeeds} reads. */
export interface FeedSource {
  rowCount: number;
  column(name: string): FeedColumn | undefined;
}

/** Structural view of a `@mlops/frame` Frame, so this package needs no runtime import of it. */
interface FrameLike {
  rowCount: number;
  has(name: string): boolean;
  column(name: string): { data: ArrayLike<number>; nulls: Uint8Array | undefined; dictionary?: readonly string[] };
}

/** A frame as a feed source: its typed columns are read in place. */
export function frameSource(frame: FrameLike): FeedSource {
  return {
    rowCount: frame.rowCount,
    column: (name) => {
      if (!frame.has(name)) return undefined;
      const c = frame.column(name);
      return { values: c.data, nulls: c.nulls, dictionary: c.dictionary };
    },
  };
}

/** Plain columns by name (an online lookup's `values`, a batch chunk's columns). */
export function columnsSource(rowCount: number, columns: Readonly<Record<string, ArrayLike<unknown> | undefined>>): FeedSource {
  return { rowCount, column: (name) => (columns[name] === undefined ? undefined : { values: columns[name]! }) };
}

/** Request rows (`{ rows: [...] }` bodies, already parsed from JSON) read column by column. */
export function rowsSource(rows: readonly Readonly<Record<string, unknown>>[]): FeedSource {
  return {
    rowCount: rows.length,
    column: (name) => {
      const values = new Array<unknown>(rows.length);
      for (let i = 0; i < rows.length; i++) values[i] = rows[i]![name];
      return { values };
    },
  };
}
