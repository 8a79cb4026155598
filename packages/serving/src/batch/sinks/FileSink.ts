import { existsSync } from 'node:fs';
import { open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BatchInputError } from '../errors';
import { csvHeader, csvRows, jsonlRows } from '../lib/formatRows';
import type { PredictionColumn } from '../lib/predictionColumns';
import { syncDir, writeFileAtomic } from '../lib/writeFileAtomic';
import type { SourcePosition } from '../sources/ChunkSource';
import { jobDifferences, type BatchJob, type Checkpoint, type ResultSink } from './ResultSink';

interface FileCheckpoint extends Checkpoint {
  /** Valid bytes of the partial file: bytes after this were written by a chunk that never committed. */
  outputBytes: number;
}

/**
 * CSV or JSON Lines output. Rows go to `<path>.partial`; after each chunk is appended and fsynced,
 * `<path>.checkpoint.json` is replaced atomically with the new byte length. A resume truncates the
 * partial file to that length (dropping a chunk that was written but not committed) and continues;
 * the end renames the partial file to `path`, so `path` only ever holds a complete result.
 */
export class FileSink implements ResultSink {
  readonly description: string;
  private readonly partial: string;
  private readonly checkpointPath: string;
  private handle?: FileHandle;
  private state?: FileCheckpoint;

  constructor(
    private readonly path: string,
    private readonly format: 'csv' | 'jsonl',
    private readonly keyName: string,
  ) {
    this.description = path;
    this.partial = `${path}.partial`;
    this.checkpointPath = `${path}.checkpoint.json`;
  }

  async begin(job: BatchJob, resume: boolean): Promise<Checkpoint> {
    if (!existsSync(dirname(this.path) || '.')) throw new BatchInputError(`${this.path}: expected an existing folder for the output, found none`);
    const saved = await this.readCheckpoint();
    if (saved && !resume) {
      throw new BatchInputError(`${this.path}: an interrupted run left ${this.checkpointPath} (${saved.rowsDone} rows done); pass --resume to continue it, or delete it to start over`);
    }
    if (saved) {
      const diff = jobDifferences(saved.job, job);
      if (diff.length > 0) throw new BatchInputError(`${this.checkpointPath}: the checkpoint is for another job, refusing to resume (${diff.join('; ')})`);
      this.state = saved;
      if (saved.complete) return saved;
      this.handle = await open(this.partial, 'r+');
      await this.handle.truncate(saved.outputBytes);
      return saved;
    }
    const header = this.format === 'csv' ? csvHeader([this.keyName, ...job.columns]) : '';
    this.handle = await open(this.partial, 'w');
    await this.handle.write(header, 0);
    await this.handle.sync();
    this.state = { job, rowsDone: 0, chunksDone: 0, complete: false, outputBytes: Buffer.byteLength(header) };
    await writeFileAtomic(this.checkpointPath, JSON.stringify(this.state));
    return this.state;
  }

  async commit(keys: readonly (string | number)[], columns: readonly PredictionColumn[], next: SourcePosition): Promise<Checkpoint> {
    const state = this.state!;
    const bytes = Buffer.from(this.format === 'csv' ? csvRows(keys, columns) : jsonlRows(this.keyName, keys, columns));
    await this.handle!.write(bytes, 0, bytes.length, state.outputBytes);
    await this.handle!.sync();
    this.state = { ...state, position: next, rowsDone: state.rowsDone + keys.length, chunksDone: state.chunksDone + 1, outputBytes: state.outputBytes + bytes.length };
    await writeFileAtomic(this.checkpointPath, JSON.stringify(this.state));
    return this.state;
  }

  async finish(): Promise<void> {
    const state = { ...this.state!, complete: true };
    // Complete is recorded first: a crash after it and before the rename is finished by a resume.
    await writeFileAtomic(this.checkpointPath, JSON.stringify(state));
    await this.handle?.close();
    this.handle = undefined;
    if (existsSync(this.partial)) await rename(this.partial, this.path);
    await syncDir(dirname(this.path) || '.');
    await unlink(this.checkpointPath);
    this.state = state;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }

  private async readCheckpoint(): Promise<FileCheckpoint | undefined> {
    let text: string;
    try {
      text = await readFile(this.checkpointPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return JSON.parse(text) as FileCheckpoint;
    } catch (error) {
      throw new BatchInputError(`${this.checkpointPath}: expected a checkpoint (JSON), found unreadable text; delete it to start over`, { cause: error });
    }
  }
}
