import type { Column } from '../column/Column';
import { RandomAccessColumn } from '../build/RandomAccessColumn';
import { UnsupportedTypeError } from '../errors/errors';
import { Frame } from '../frame/Frame';
import { loadHyparquet } from './loadHyparquet';
import { parquetDType } from './parquetDType';
import { openRangeReader } from '../location/openLocation';

/** Options of `readParquet`. */
export interface ReadParquetOptions {
  /** Only these top-level columns, in this order (default: all). */
  readonly columns?: readonly string[];
}

/**
 * Reads a Parquet file (a local path or a registered URI such as `s3://…`, read by byte ranges) with hyparquet, column chunk by column chunk (never row objects), mapping
 * Parquet types to dtypes as `parquetDType` documents. Throws UnsupportedTypeError naming the
 * column for nested or unsupported types; pass `columns` to leave such columns out.
 */
export async function readParquet(path: string, options: ReadParquetOptions = {}): Promise<Frame> {
  const { parquetMetadataAsync, parquetRead, parquetSchema } = await loadHyparquet();
  const reader = await openRangeReader(path);
  try {
    const file = { byteLength: reader.byteLength, slice: async (start: number, end = reader.byteLength) => toArrayBuffer(await reader.readRange(start, end)) };
    const metadata = await parquetMetadataAsync(file);
    const rowCount = Number(metadata.num_rows);
    const fields = parquetSchema(metadata).children;
    const wanted = options.columns ?? fields.map((f) => f.element.name);
    const columns = new Map<string, RandomAccessColumn>();
    for (const name of wanted) {
      const field = fields.find((f) => f.element.name === name);
      if (field === undefined) throw new UnsupportedTypeError(path, name, 'missing (no such column in the file)');
      const dtype = field.children.length === 0 && field.element.repetition_type !== 'REPEATED' ? parquetDType(field.element) : undefined;
      if (dtype === undefined) throw new UnsupportedTypeError(path, name, describe(field.element));
      columns.set(name, new RandomAccessColumn(dtype, rowCount));
    }
    await parquetRead({
      file,
      metadata,
      columns: [...columns.keys()],
      onChunk: ({ columnName, columnData, rowStart }) => columns.get(columnName)?.setMany(rowStart, columnData),
    });
    const out: Record<string, Column> = {};
    for (const [name, column] of columns) out[name] = column.finish();
    return Frame.fromColumns(out);
  } finally {
    await reader.close();
  }
}

function describe(element: { type?: string; converted_type?: string; logical_type?: { type: string }; repetition_type?: string }): string {
  const parts = [element.repetition_type === 'REPEATED' ? 'REPEATED' : '', element.type ?? 'group', element.logical_type?.type ?? element.converted_type ?? ''];
  return parts.filter(Boolean).join(' ');
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}
