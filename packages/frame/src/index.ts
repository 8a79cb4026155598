export type {
  BoolColumn,
  CategoryColumn,
  Column,
  ColumnSchema,
  DType,
  DTypeArrays,
  Float64Column,
  Int32Column,
  TimestampColumn,
} from './column/Column';
export { dtypes, isDType } from './column/Column';
export { boolColumn, categoryColumn, float64Column, int32Column, timestampColumn } from './column/createColumn';
export type { NullsInput } from './column/createColumn';
export { columnFromValues, inferValuesDType } from './column/columnFromValues';
export { columnValue, isNull, nullCount } from './column/columnAccess';
export type { CellValue } from './column/columnAccess';

export { Frame } from './frame/Frame';
export { isFrame } from './frame/isFrame';

export { numericColumnNames, toFeatureMatrix } from './matrix/toFeatureMatrix';
export { argmaxRows } from './matrix/argmaxRows';

export { encodeFrame } from './format/encodeFrame';
export { decodeFrame } from './format/decodeFrame';
export { digestFrame } from './digest/digestFrame';

export type { ReadResult, OnBadRow } from './read/ReadResult';
export type { BadRow } from './errors/BadRow';
export { readCsv } from './csv/readCsv';
export type { CsvColumnSpec, EpochUnit, ReadCsvOptions } from './csv/ReadCsvOptions';
export { writeCsv } from './csv/writeCsv';
export type { WriteCsvOptions } from './csv/writeCsv';
export { defaultNullTokens } from './text/NullTokens';
export { readJsonl } from './jsonl/readJsonl';
export type { ReadJsonlOptions } from './jsonl/readJsonl';
export { readParquet } from './parquet/readParquet';
// A fixed-length column filled by row index (Parquet and Arrow readers, the feature store's joins).
export { RandomAccessColumn } from './build/RandomAccessColumn';
export type { ReadParquetOptions } from './parquet/readParquet';
// For readers that decode Parquet by row range (batch inference): the ESM loader and a file-backed buffer.
export { loadHyparquet, type Hyparquet } from './parquet/loadHyparquet';
export { parquetFileBuffer } from './parquet/parquetFileBuffer';
export { readArrow } from './arrow/readArrow';
export { frameFromArrowTable } from './arrow/frameFromArrowTable';
export { readSql } from './sql/readSql';

// Data URIs (`s3://…`): a plugin registers a handler per scheme; every reader above then takes them.
export type { ByteRange, DataLocationHandler, LocationStat } from './location/DataLocationHandler';
export { dataLocationHandler, dataLocationScheme, isDataUri, localPathOf, registerDataLocationHandler } from './location/dataLocations';
export { locationStat, openRangeReader, openSequentialReader, type RangeReader, type SequentialReader } from './location/openLocation';
export type { ReadSqlOptions } from './sql/readSql';

export { FrameError } from './errors/FrameError';
export { frameErrorCodes } from './errors/codes';
export type { FrameErrorCode } from './errors/codes';
export {
  BadRowsError,
  ColumnNotFoundError,
  DataLocationError,
  FrameFormatError,
  InvalidColumnError,
  SchemaError,
  UnsupportedTypeError,
} from './errors/errors';
