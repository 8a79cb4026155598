import type { BadRow } from './BadRow';
import { frameErrorCodes } from './codes';
import { FrameError } from './FrameError';
import { maxListedBadRows, messages } from './messages';

/** `frame.column(name)` (or select/drop) named a column the frame does not have. */
export class ColumnNotFoundError extends FrameError {
  constructor(
    readonly column: string,
    readonly existing: readonly string[],
  ) {
    super(frameErrorCodes.columnNotFound, messages.columnNotFound(column, existing), { path: column });
  }
}

/** A column or frame was built from inconsistent parts (lengths, array types, values). */
export class InvalidColumnError extends FrameError {
  constructor(message: string) {
    super(frameErrorCodes.invalidColumn, message);
  }
}

/** A reader's schema or options do not fit the input. */
export class SchemaError extends FrameError {
  constructor(message: string) {
    super(frameErrorCodes.schema, message);
  }
}

/** `decodeFrame` was given bytes that are not a valid encoded frame. */
export class FrameFormatError extends FrameError {
  constructor(message: string) {
    super(frameErrorCodes.format, message);
  }
}

/** A source column has a type no dtype can hold (nested lists, structs, binary...). */
export class UnsupportedTypeError extends FrameError {
  constructor(
    readonly source: string,
    readonly column: string,
    readonly type: string,
  ) {
    super(frameErrorCodes.unsupportedType, messages.unsupportedType(source, column, type), { path: column, received: type });
  }
}

/** A reader met malformed rows with `onBadRow: 'fail'`. Lists the first ten, counts all. */
export class BadRowsError extends FrameError {
  /** The first bad rows (at most ten), in file order. */
  readonly badRows: readonly BadRow[];
  /** The file the rows are in. */
  declare readonly path: string;

  constructor(
    path: string,
    badRows: readonly BadRow[],
    readonly total: number,
  ) {
    const listed = badRows.slice(0, maxListedBadRows);
    super(frameErrorCodes.badRows, messages.badRows(path, listed, total), { path });
    this.badRows = listed;
  }
}

/**
 * A data URI (`s3://bucket/key`) could not be read or written: unknown scheme, malformed URI,
 * missing object, unreachable endpoint, refused credentials. `path` is the URI.
 */
export class DataLocationError extends FrameError {
  constructor(
    readonly uri: string,
    message: string,
    data: { badInput?: boolean; cause?: unknown; expected?: string } = {},
  ) {
    super(frameErrorCodes.location, message, { path: uri, ...data });
  }
}
