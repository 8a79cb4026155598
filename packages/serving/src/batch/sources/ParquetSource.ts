import { open, type FileHandle } from 'node:fs/promises';
import { loadHyparquet, parquetFileBuffer, type Hyparquet } from '@mlops/frame';
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { BatchInputError } from '../errors';
import { chunkOf, keyOf, type ChunkSource, type RawValue, type SourceChunk, type SourcePosition } from './ChunkSource';

/**
 * Rows of a Parquet file, read by row range with hyparquet: only the row groups a chunk touches are
 * decoded. (`@mlops/frame`'s `readParquet` reads the whole file into one frame.)
 */
export class ParquetSource implements ChunkSource {
  readonly description: string;

  private constructor(
    private readonly hyparquet: Hyparquet,
    private readonly handle: FileHandle,
    private readonly file: AsyncBuffer,
    private readonly metadata: FileMetaData,
    readonly columns: readonly string[],
    readonly totalRows: number,
    private readonly idColumn: string | undefined,
    path: string,
  ) {
    this.description = path;
  }

  static async open(path: string, idColumn?: string): Promise<ParquetSource> {
    const hyparquet = await loadHyparquet();
    const handle = await open(path, 'r');
    try {
      const file = parquetFileBuffer(handle, (await handle.stat()).size);
      const metadata = await hyparquet.parquetMetadataAsync(file);
      const columns = hyparquet.parquetSchema(metadata).children.map((f) => f.element.name);
      if (idColumn !== undefined && !columns.includes(idColumn)) {
        throw new BatchInputError(`${path}: expected an id column "${idColumn}", found columns ${columns.join(', ')}`);
      }
      return new ParquetSource(hyparquet, handle, file, metadata, columns, Number(metadata.num_rows), idColumn, path);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async *chunks(from: SourcePosition | undefined, chunkRows: number): AsyncIterable<SourceChunk> {
    for (let start = from?.row ?? 0; start < this.totalRows; start += chunkRows) {
      const end = Math.min(start + chunkRows, this.totalRows);
      const rows = (await this.hyparquet.parquetReadObjects({ file: this.file, metadata: this.metadata, rowStart: start, rowEnd: end })) as Record<string, RawValue>[];
      const byName = new Map(this.columns.map((name) => [name, rows.map((r) => r[name])]));
      const ids = this.idColumn === undefined ? undefined : byName.get(this.idColumn);
      const keys = rows.map((_, i) => keyOf(ids?.[i], start + i, this.idColumn, this.description));
      yield chunkOf(byName, keys, { row: end });
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

