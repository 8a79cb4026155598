import type { Knex } from 'knex';
import { BatchInputError } from '../errors';
import { openKnex, splitTableName } from '../lib/openKnex';
import type { PredictionColumn } from '../lib/predictionColumns';
import type { SourcePosition } from '../sources/ChunkSource';
import { redact } from '../sources/SqlSource';
import { jobDifferences, type BatchJob, type Checkpoint, type ResultSink } from './ResultSink';

/** One row per output table, in the output table's schema. */
export const checkpointTable = 'mlops_batch_checkpoints';

// SQLite refuses a compound SELECT of more than 500 rows (knex's multi-row insert) and 32 766 bindings.
const maxRowsPerInsert = 500;
const maxBindings = 30_000;

/**
 * An SQL table output through knex. Each chunk's rows and the checkpoint row that counts them are
 * written in one transaction, so the table never holds a row the checkpoint does not know about.
 * The table is created in the first chunk's transaction, its key column typed from the keys
 * (whole numbers → bigint, anything else → text), predictions as text or double precision.
 */
export class SqlSink implements ResultSink {
  readonly description: string;
  private readonly knex: Knex;
  private readonly schema?: string;
  private readonly table: string;
  private state?: Checkpoint;

  constructor(
    url: string,
    private readonly name: string,
    private readonly keyName: string,
  ) {
    ({ schema: this.schema, table: this.table } = splitTableName(name));
    this.knex = openKnex(url);
    this.description = `${redact(url)} table ${name}`;
  }

  async begin(job: BatchJob, resume: boolean): Promise<Checkpoint> {
    await this.ensureCheckpointTable();
    const row = await this.checkpoints(this.knex).where({ output_table: this.name }).first();
    const saved = row === undefined ? undefined : checkpointOf(row);
    if (saved && !resume) {
      const what = saved.complete ? 'a completed run' : `an interrupted run (${saved.rowsDone} rows done)`;
      throw new BatchInputError(`${this.description}: ${what} is recorded in ${checkpointTable}; pass --resume to continue it, or drop the table and its checkpoint row to start over`);
    }
    if (saved) {
      const diff = jobDifferences(saved.job, job);
      if (diff.length > 0) throw new BatchInputError(`${this.description}: the checkpoint is for another job, refusing to resume (${diff.join('; ')})`);
      return (this.state = saved);
    }
    if (await this.tableExists(this.knex)) {
      throw new BatchInputError(`${this.description}: expected a new table, found an existing one without a checkpoint; drop it or choose another name`);
    }
    this.state = { job, rowsDone: 0, chunksDone: 0, complete: false };
    await this.checkpoints(this.knex).insert(rowOf(this.name, this.state));
    return this.state;
  }

  async commit(keys: readonly (string | number)[], columns: readonly PredictionColumn[], next: SourcePosition): Promise<Checkpoint> {
    const state = this.state!;
    const updated: Checkpoint = { ...state, position: next, rowsDone: state.rowsDone + keys.length, chunksDone: state.chunksDone + 1 };
    await this.knex.transaction(async (trx) => {
      if (!(await this.tableExists(trx))) await this.createTable(trx, keys, columns);
      const perInsert = Math.max(1, Math.min(maxRowsPerInsert, Math.floor(maxBindings / (columns.length + 1))));
      for (let start = 0; start < keys.length; start += perInsert) {
        const rows = [];
        for (let i = start; i < Math.min(keys.length, start + perInsert); i++) {
          const row: Record<string, string | number | null> = { [this.keyName]: keys[i] };
          for (const c of columns) {
            const v = c.values[i];
            row[c.name] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
          }
          rows.push(row);
        }
        await this.output(trx).insert(rows);
      }
      const n = await this.checkpoints(trx).where({ output_table: this.name, rows_done: state.rowsDone }).update(rowOf(this.name, updated));
      // Another process resumed the same job at the same time: its rows and ours must not both land.
      if (n !== 1) throw new Error(`${this.description}: the checkpoint moved under this run (another process is writing this table)`);
    });
    return (this.state = updated);
  }

  async finish(): Promise<void> {
    const done = { ...this.state!, complete: true };
    await this.checkpoints(this.knex).where({ output_table: this.name }).update(rowOf(this.name, done));
    this.state = done;
  }

  async close(): Promise<void> {
    await this.knex.destroy();
  }

  private output(db: Knex | Knex.Transaction): Knex.QueryBuilder {
    return this.schema ? db.withSchema(this.schema).table(this.table) : db.table(this.table);
  }

  private checkpoints(db: Knex | Knex.Transaction): Knex.QueryBuilder {
    return this.schema ? db.withSchema(this.schema).table(checkpointTable) : db.table(checkpointTable);
  }

  private schemaBuilder(db: Knex | Knex.Transaction): Knex.SchemaBuilder {
    return this.schema ? db.schema.withSchema(this.schema) : db.schema;
  }

  private tableExists(db: Knex | Knex.Transaction): Promise<boolean> {
    return this.schemaBuilder(db).hasTable(this.table);
  }

  private async ensureCheckpointTable(): Promise<void> {
    if (await this.schemaBuilder(this.knex).hasTable(checkpointTable)) return;
    try {
      await this.schemaBuilder(this.knex).createTable(checkpointTable, (t) => {
        t.string('output_table', 255).primary();
        t.text('job').notNullable();
        t.text('position');
        t.bigInteger('rows_done').notNullable();
        t.integer('chunks_done').notNullable();
        t.boolean('complete').notNullable();
        t.bigInteger('updated_at').notNullable();
      });
    } catch (error) {
      // Two jobs creating it at once: the loser finds it there.
      if (!(await this.schemaBuilder(this.knex).hasTable(checkpointTable))) throw error;
    }
  }

  private async createTable(trx: Knex.Transaction, keys: readonly (string | number)[], columns: readonly PredictionColumn[]): Promise<void> {
    const wholeNumbers = keys.every((k) => typeof k === 'number' && Number.isSafeInteger(k));
    await this.schemaBuilder(trx).createTable(this.table, (t) => {
      if (wholeNumbers) t.bigInteger(this.keyName).primary();
      else t.string(this.keyName, 255).primary();
      for (const c of columns) {
        if (c.kind === 'text') t.text(c.name);
        else t.double(c.name);
      }
    });
  }
}

function rowOf(name: string, c: Checkpoint): Record<string, unknown> {
  return { output_table: name, job: JSON.stringify(c.job), position: c.position ? JSON.stringify(c.position) : null, rows_done: c.rowsDone, chunks_done: c.chunksDone, complete: c.complete, updated_at: Date.now() };
}

function checkpointOf(row: Record<string, unknown>): Checkpoint {
  return {
    job: JSON.parse(String(row.job)) as BatchJob,
    position: row.position ? (JSON.parse(String(row.position)) as SourcePosition) : undefined,
    rowsDone: Number(row.rows_done),
    chunksDone: Number(row.chunks_done),
    complete: Boolean(row.complete),
  };
}
