import { open, type FileHandle } from 'node:fs/promises';
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { BatchInputError } from '../errors';
import { chunkOf, keyOf, type ChunkSource, type RawValue, type SourceChunk, type SourcePosition } from './ChunkSource';

type Hyparquet = typeof import('hyparquet');

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
      const file = fileBuffer(handle, (await handle.stat()).size);
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

/** hyparquet is ESM-only: `require` of ESM works on Node >= 20.19, else fall back to a real import(). */
async function loadHyparquet(): Promise<Hyparquet> {
  try {
    return await import('hyparquet');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_REQUIRE_ESM') throw error;
    const dynamicImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<Hyparquet>;
    return dynamicImport('hyparquet');
  }
}

function fileBuffer(handle: FileHandle, byteLength: number): AsyncBuffer {
  return {
    byteLength,
    async slice(start: number, end = byteLength): Promise<ArrayBuffer> {
      const out = new Uint8Array(end - start);
      let done = 0;
      while (done < out.length) {
        const { bytesRead } = await handle.read(out, done, out.length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return out.buffer;
    },
  };
}
