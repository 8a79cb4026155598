import { createReadStream, existsSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { PredictionColumn } from '../lib/predictionColumns';
import { syncDir } from '../lib/writeFileAtomic';
import type { SourcePosition } from '../sources/ChunkSource';
import { FileSink } from './FileSink';
import type { BatchJob, Checkpoint, ResultSink } from './ResultSink';

// The package's Node entry adds `fileWriter`; its default type entry is the browser one.
type HyparquetWriter = typeof import('hyparquet-writer') & { fileWriter(filename: string): ConstructorParameters<typeof import('hyparquet-writer').ParquetWriter>[0]['writer'] };
type Cell = string | number | null;

/** hyparquet-writer is ESM-only: `import()` becomes `require()` (fine on Node >= 20.19), else a real import. */
async function loadWriter(): Promise<HyparquetWriter> {
  try {
    return (await import('hyparquet-writer')) as unknown as HyparquetWriter;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_REQUIRE_ESM') throw error;
    const dynamicImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<HyparquetWriter>;
    return dynamicImport('hyparquet-writer');
  }
}

/**
 * Parquet output. A Parquet file is only valid once its footer is written, so chunks are committed
 * (with their checkpoints, crash-safe and resumable) as JSON Lines to `<path>.rows.jsonl.partial`
 * by a {@link FileSink}; `finish` then streams those rows, one row group per `rowGroupRows`, into
 * `<path>.tmp`, fsyncs it and renames it to `path`. A crash during the conversion leaves the staged
 * rows and their checkpoint, and a resume converts again; `path` only ever holds a complete file.
 */
export class ParquetSink implements ResultSink {
  readonly description: string;
  private readonly staged: string;
  private readonly rows: FileSink;
  private columns: string[] = [];

  constructor(
    private readonly path: string,
    private readonly keyName: string,
    private readonly rowGroupRows = 100_000,
  ) {
    this.description = path;
    this.staged = `${path}.rows.jsonl`;
    this.rows = new FileSink(this.staged, 'jsonl', keyName);
  }

  async begin(job: BatchJob, resume: boolean): Promise<Checkpoint> {
    this.columns = [this.keyName, ...job.columns];
    return this.rows.begin(job, resume);
  }

  commit(keys: readonly (string | number)[], columns: readonly PredictionColumn[], next: SourcePosition): Promise<Checkpoint> {
    return this.rows.commit(keys, columns, next);
  }

  async finish(): Promise<void> {
    // The staged rows are still `.partial` unless a crash came after the FileSink's own rename.
    const source = existsSync(`${this.staged}.partial`) ? `${this.staged}.partial` : this.staged;
    const tmp = `${this.path}.tmp`;
    await this.convert(source, tmp);
    await rename(tmp, this.path);
    await syncDir(dirname(this.path) || '.');
    await this.rows.finish();
    await unlink(this.staged);
  }

  close(): Promise<void> {
    return this.rows.close();
  }

  /** Streams JSON Lines into a Parquet file in bounded memory: one row group in memory at a time. */
  private async convert(source: string, target: string): Promise<void> {
    const hw = await loadWriter();
    const file = hw.fileWriter(target);
    let writer: InstanceType<HyparquetWriter['ParquetWriter']> | undefined;
    let types: ('STRING' | 'DOUBLE')[] = [];
    let batch: Cell[][] = this.columns.map(() => []);
    let count = 0;
    const flush = () => {
      if (!count) return;
      // Column types come from the first row group: text stays text, numbers are doubles.
      if (!writer) {
        types = batch.map((values) => (values.some((v) => typeof v === 'string') ? 'STRING' : 'DOUBLE'));
        const schema = hw.schemaFromColumnData({ columnData: this.columnData(batch, types) });
        writer = new hw.ParquetWriter({ writer: file, schema, createdBy: '@mlops/serving batchPredict' });
      }
      void writer.write({ columnData: this.columnData(batch, types), rowGroupSize: count });
      batch = this.columns.map(() => []);
      count = 0;
    };
    const lines = createInterface({ input: createReadStream(source), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const row = JSON.parse(line) as Record<string, Cell>;
      this.columns.forEach((name, c) => batch[c]!.push(row[name] ?? null));
      if (++count === this.rowGroupRows) flush();
    }
    flush();
    if (!writer) {
      // No rows: still a valid, empty file with the right columns.
      types = this.columns.map((name) => (name === 'label' ? 'STRING' : 'DOUBLE'));
      writer = new hw.ParquetWriter({ writer: file, schema: hw.schemaFromColumnData({ columnData: this.columns.map((name, c) => ({ name, data: [], type: types[c]!, nullable: true })) }) });
    }
    writer.finish();
    const fd = openSync(target, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  private columnData(batch: Cell[][], types: ('STRING' | 'DOUBLE')[]) {
    return this.columns.map((name, c) => ({
      name,
      type: types[c]!,
      nullable: true,
      data: types[c] === 'STRING' ? batch[c]!.map((v) => (v === null ? null : String(v))) : batch[c]!.map((v) => (v === null ? null : Number(v))),
    }));
  }
}
