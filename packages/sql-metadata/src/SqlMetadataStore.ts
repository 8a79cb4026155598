import type { Knex } from 'knex';
import {
  isMlopsError,
  messages,
  NotFoundError,
  StorageError,
  type ArtifactQuery,
  type ArtifactRecord,
  type DatasetUseQuery,
  type DatasetUseRecord,
  type DatasetVersionRecord,
  type NewDatasetVersion,
  type Health,
  type Lifecycle,
  type MetadataStore,
  type NewArtifact,
  type RunPatch,
  type RunQuery,
  type RunRecord,
  type StepInputRecord,
  type StepRecordWriteOptions,
  type StepRunOutcome,
  type StepRunPatch,
  type StepRunRecord,
} from '@mlops/core';
import { createKnex } from './lib/createKnex';
import * as datasetQueries from './lib/datasetQueries';
import { findByIdOrPrefix } from './lib/findByIdOrPrefix';
import type { PreparedStatement } from './lib/pgQuery';
import { recordStepRunKnex, recordStepRunPostgres, recordStepRunStatement } from './lib/recordStepRunQuery';
import * as rows from './lib/rows';
import { SqliteReader } from './lib/SqliteReader';
import { writeDeferred } from './lib/writeDeferred';
import { sqlMessages } from './messages';
import { migrations } from './migrations/createMigrationSource';
import { migrationsTable, runMigrations } from './migrations/runMigrations';
import { SqlDatabase } from './SqlDatabase';

/** Options of {@link SqlMetadataStore}. */
export interface SqlMetadataStoreOptions {
  /**
   * A knex instance, which stays the caller's to destroy, or a knex config, from which the store
   * creates its own instance and destroys it in `close()`.
   */
  knex: Knex | Knex.Config;
  /** Postgres schema holding the tables and the migrations table; created by `migrate()`. Not for SQLite. */
  schema?: string;
}

const defaultLimit = 50;
// Ties broken by version, then id, so paging is stable when timestamps collide.
const newestArtifactsFirst = [
  { column: 'created_at', order: 'desc' },
  { column: 'version', order: 'desc' },
  { column: 'id', order: 'desc' },
] as const;
const schemaPattern = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * {@link MetadataStore} over knex, for SQLite (better-sqlite3) and PostgreSQL (pg). Call `migrate()` first.
 *
 * Given a config, the store creates its knex instance on first use. Until then, on a SQLite file, the
 * up-to-date check of `migrate()`, `listRuns()` and `health()` read through a plain better-sqlite3
 * connection ({@link SqliteReader}), so a read-only process such as `mlops runs ls` never loads knex.
 * Those reads are written as plain SQL, once, and go through `knex.raw` when knex is loaded.
 */
export class SqlMetadataStore implements MetadataStore, Lifecycle {
  readonly schema: string | undefined;
  /** The same pool as `tokens.database`, for plugins that keep their own tables beside the store's. */
  readonly database: SqlDatabase;
  private readonly ownsKnex: boolean;
  private readonly knexConfig: Knex.Config | undefined;
  private knexInstance: Knex | undefined;
  private reader: Promise<SqliteReader | undefined> | undefined;
  private recordStepRunSql: PreparedStatement | undefined;
  private closed = false;

  constructor(options: SqlMetadataStoreOptions) {
    this.ownsKnex = typeof options.knex !== 'function';
    if (typeof options.knex === 'function') this.knexInstance = options.knex;
    else this.knexConfig = options.knex;
    this.schema = options.schema;
    // A getter, not the instance: providing tokens.database must not load knex (runs ls never does).
    this.database = new SqlDatabase(() => this.knex, this.configuredDialect(), this.schema);
    if (this.schema !== undefined) {
      if (this.dialect !== 'postgresql') throw new StorageError(sqlMessages.schemaOnSqlite(this.schema));
      if (!schemaPattern.test(this.schema)) throw new StorageError(`invalid schema name "${this.schema}": expected letters, digits and _`);
    }
  }

  /** The knex instance the store queries through (created from the config on first use). */
  get knex(): Knex {
    if (this.knexInstance) return this.knexInstance;
    if (this.closed) throw new StorageError(sqlMessages.failed('query', 'the store is closed'));
    this.knexInstance = createKnex(this.knexConfig!);
    // From here on every statement goes through knex: the reader is closed, so that the process
    // never holds two connections to the file (better-sqlite3 waits for a lock synchronously, so two
    // connections in one thread can block each other until busy_timeout).
    const reader = this.reader;
    this.reader = undefined;
    void reader?.then((r) => r?.close(), () => undefined);
    return this.knexInstance;
  }

  /** The dialect from the given instance or config's client, without loading knex. */
  private configuredDialect(): 'sqlite' | 'postgres' {
    if (this.knexInstance) return (this.knexInstance.client as { dialect?: string }).dialect === 'postgresql' ? 'postgres' : 'sqlite';
    const client = this.knexConfig?.client;
    return typeof client === 'string' && /^(pg|postgres|postgresql|pg-native)$/.test(client) ? 'postgres' : 'sqlite';
  }

  /** knex's dialect name, e.g. `sqlite3` (also for better-sqlite3) or `postgresql`. */
  get dialect(): string {
    return (this.knex.client as { dialect?: string }).dialect ?? 'unknown';
  }

  /**
   * Creates the schema if missing and applies pending migrations; returns the names applied. When the
   * migrations table already lists exactly the known migrations (every start but the first), one read
   * says so and knex's migrator (and its lock) is skipped; anything else, including a failed read, is
   * left to the migrator.
   */
  async migrate(): Promise<string[]> {
    if (await this.migrationsUpToDate()) return [];
    return this.op('migrate', () => runMigrations(this.knex, this.schema));
  }

  async start(): Promise<void> {
    await this.migrate();
  }

  async health(): Promise<Health> {
    try {
      await this.select('select 1', []);
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Destroys the connection pool if the store created it, or closes the SQLite reader if that is open. */
  async close(): Promise<void> {
    this.closed = true;
    const reader = this.reader;
    this.reader = undefined;
    (await reader?.catch(() => undefined))?.close();
    if (this.ownsKnex) await this.knexInstance?.destroy();
  }

  createRun(run: RunRecord): Promise<void> {
    return this.op('createRun', async () => {
      await this.table('runs').insert(rows.runToRow(run));
    });
  }

  finishRun(id: string, patch: RunPatch): Promise<void> {
    return this.op('finishRun', async () => {
      const changes: Partial<rows.RunRow> = { status: patch.status, ended_at: patch.endedAt };
      if (patch.error !== undefined) changes.error = patch.error;
      const n = await this.table('runs').where({ id }).update(changes);
      if (n === 0) throw new NotFoundError(messages.runNotFound(id));
    });
  }

  getRun(idOrPrefix: string): Promise<RunRecord | undefined> {
    return this.op('getRun', async () => {
      const row = await findByIdOrPrefix<rows.RunRow>(() => this.table('runs'), 'run', idOrPrefix, [
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
      return row && rows.runFromRow(row);
    });
  }

  listRuns(query: RunQuery = {}): Promise<RunRecord[]> {
    return this.op('listRuns', async () => {
      const where: string[] = [];
      const bindings: unknown[] = [];
      if (query.pipeline !== undefined) {
        where.push('pipeline = ?');
        bindings.push(query.pipeline);
      }
      if (query.status !== undefined) {
        where.push('status = ?');
        bindings.push(query.status);
      }
      const found = await this.select<rows.RunRow>(
        `select * from ${this.quoted('runs')}${where.length ? ` where ${where.join(' and ')}` : ''} order by started_at desc, id desc limit ? offset ?`,
        [...bindings, query.limit ?? defaultLimit, query.offset ?? 0],
      );
      return found.map(rows.runFromRow);
    });
  }

  createStepRun(stepRun: StepRunRecord, options: StepRecordWriteOptions = {}): Promise<void> {
    return this.op('createStepRun', async () => {
      const insert = this.table('step_runs').insert(rows.stepRunToRow(stepRun));
      await (this.defers(options) ? writeDeferred(this.knex, insert.returning('id')) : insert);
    });
  }

  finishStepRun(id: string, patch: StepRunPatch, options: StepRecordWriteOptions = {}): Promise<void> {
    return this.op('finishStepRun', async () => {
      const changes: Partial<rows.StepRunRow> = { status: patch.status, ended_at: patch.endedAt };
      if (patch.logs !== undefined) changes.logs = patch.logs;
      if (patch.error !== undefined) changes.error = patch.error;
      if (patch.cachedFrom !== undefined) changes.cached_from = patch.cachedFrom;
      const update = this.table('step_runs').where({ id });
      const n = this.defers(options) ? await writeDeferred(this.knex, update.update(changes, ['id'])) : await update.update(changes);
      if (n === 0) throw new NotFoundError(sqlMessages.stepRunNotFound(id));
    });
  }

  recordStepRun(outcome: StepRunOutcome, options: StepRecordWriteOptions = {}): Promise<ArtifactRecord[]> {
    return this.op('recordStepRun', () => {
      if (this.dialect !== 'postgresql') return recordStepRunKnex(this.knex, this.tableOf, (t) => this.qualified(t), outcome);
      this.recordStepRunSql ??= recordStepRunStatement((t) => this.quoted(t));
      return recordStepRunPostgres(this.knex, this.recordStepRunSql, outcome, this.defers(options));
    });
  }

  listStepRuns(runId: string): Promise<StepRunRecord[]> {
    return this.op('listStepRuns', async () => {
      const found = (await this.table('step_runs').select('*').where('run_id', runId).orderBy([
        { column: 'started_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])) as rows.StepRunRow[];
      return found.map(rows.stepRunFromRow);
    });
  }

  findCachedStepRun(cacheKey: string): Promise<StepRunRecord | undefined> {
    return this.op('findCachedStepRun', async () => {
      const row = (await this.table('step_runs')
        .select('*')
        .where({ cache_key: cacheKey, status: 'succeeded' })
        .orderBy([
          { column: 'started_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .first()) as rows.StepRunRow | undefined;
      return row && rows.stepRunFromRow(row);
    });
  }

  /**
   * Bumps the name's counter and inserts the artifact in one transaction: the upsert row-locks the
   * counter (Postgres) or takes the write lock (SQLite), so concurrent writers get distinct versions
   * and a failed insert leaves no gap.
   */
  recordArtifact(artifact: NewArtifact): Promise<ArtifactRecord> {
    return this.op('recordArtifact', () =>
      this.knex.transaction(async (trx) => {
        const result = await trx.raw(
          'insert into ?? (name, last_version) values (?, 1) on conflict (name) do update set last_version = artifact_names.last_version + 1 returning last_version',
          [this.qualified('artifact_names'), artifact.name],
        );
        const returned = (Array.isArray(result) ? result : result.rows) as { last_version: number | string }[];
        const record: ArtifactRecord = { ...artifact, version: Number(returned[0]!.last_version) };
        await this.table('artifacts', trx).insert(rows.artifactToRow(record));
        return record;
      }),
    );
  }

  getArtifact(idOrPrefix: string): Promise<ArtifactRecord | undefined> {
    return this.op('getArtifact', async () => {
      const row = await findByIdOrPrefix<rows.ArtifactRow>(() => this.table('artifacts'), 'artifact', idOrPrefix, newestArtifactsFirst);
      return row && rows.artifactFromRow(row);
    });
  }

  listArtifacts(query: ArtifactQuery = {}): Promise<ArtifactRecord[]> {
    return this.op('listArtifacts', async () => {
      const q = this.paged(this.table('artifacts').select('*'), query);
      if (query.runId !== undefined) q.where('run_id', query.runId);
      if (query.name !== undefined) q.where('name', query.name);
      const found = (await q.orderBy([...newestArtifactsFirst])) as rows.ArtifactRow[];
      return found.map(rows.artifactFromRow);
    });
  }

  artifactsOfStepRun(stepRunId: string): Promise<ArtifactRecord[]> {
    return this.op('artifactsOfStepRun', async () => {
      const found = (await this.table('artifacts').select('*').where('step_run_id', stepRunId).orderBy('output', 'asc')) as rows.ArtifactRow[];
      return found.map(rows.artifactFromRow);
    });
  }

  recordStepInputs(inputs: StepInputRecord[]): Promise<void> {
    return this.op('recordStepInputs', async () => {
      if (inputs.length === 0) return;
      await this.table('step_inputs').insert(inputs.map(rows.stepInputToRow));
    });
  }

  inputsOfStepRun(stepRunId: string): Promise<StepInputRecord[]> {
    return this.op('inputsOfStepRun', async () => {
      const found = (await this.table('step_inputs').select('*').where('step_run_id', stepRunId).orderBy('name', 'asc')) as rows.StepInputRow[];
      return found.map(rows.stepInputFromRow);
    });
  }

  recordDatasetVersion(dataset: NewDatasetVersion): Promise<DatasetVersionRecord> {
    return this.op('recordDatasetVersion', () => datasetQueries.recordDatasetVersion(this.knex, this.tableOf, this.qualified('dataset_names'), dataset));
  }

  getDatasetVersion(name: string, version?: number): Promise<DatasetVersionRecord | undefined> {
    return this.op('getDatasetVersion', () => datasetQueries.getDatasetVersion(this.tableOf, name, version));
  }

  listDatasetVersions(name?: string): Promise<DatasetVersionRecord[]> {
    return this.op('listDatasetVersions', () => datasetQueries.listDatasetVersions(this.tableOf, name));
  }

  recordDatasetUses(uses: DatasetUseRecord[]): Promise<void> {
    return this.op('recordDatasetUses', () => datasetQueries.recordDatasetUses(this.tableOf, uses));
  }

  listDatasetUses(query: DatasetUseQuery): Promise<DatasetUseRecord[]> {
    return this.op('listDatasetUses', () => datasetQueries.listDatasetUses(this.tableOf, query));
  }

  private readonly tableOf = (name: string, db?: Knex | Knex.Transaction): Knex.QueryBuilder => this.table(name, db);

  private qualified(table: string): string {
    return this.schema ? `${this.schema}.${table}` : table;
  }

  /** A table name for plain SQL: double-quoted (both dialects), schema-qualified on Postgres. */
  private quoted(table: string): string {
    return this.schema ? `"${this.schema}"."${table}"` : `"${table}"`;
  }

  /**
   * Runs a read-only statement with `?` bindings: through knex once the store has loaded it, else on
   * a SQLite file through the {@link SqliteReader}.
   */
  private async select<Row>(sql: string, bindings: readonly unknown[]): Promise<Row[]> {
    if (!this.knexInstance && this.knexConfig && !this.closed) {
      const reader = await (this.reader ??= SqliteReader.open(this.knexConfig));
      if (reader && !this.knexInstance) return reader.all<Row>(sql, bindings);
    }
    const result = (await this.knex.raw(sql, bindings as Knex.RawBinding[])) as Row[] | { rows: Row[] };
    return Array.isArray(result) ? result : result.rows;
  }

  /** Whether the migrations table lists exactly the known migrations (false also when it cannot be read). */
  private async migrationsUpToDate(): Promise<boolean> {
    try {
      const recorded = new Set((await this.select<{ name: string }>(`select name from ${this.quoted(migrationsTable)}`, [])).map((r) => r.name));
      return recorded.size === migrations.length && migrations.every((m) => recorded.has(m.name));
    } catch {
      return false;
    }
  }

  /** Only Postgres has a commit that need not wait for the disk; SQLite commits as usual. */
  private defers(options: StepRecordWriteOptions): boolean {
    return options.durableWithNextCommit === true && this.dialect === 'postgresql';
  }

  private table(name: string, db: Knex | Knex.Transaction = this.knex): Knex.QueryBuilder {
    return db(this.qualified(name));
  }

  private paged(q: Knex.QueryBuilder, query: { limit?: number; offset?: number }): Knex.QueryBuilder {
    return q.limit(query.limit ?? defaultLimit).offset(query.offset ?? 0);
  }

  /** Passes mlops errors through and wraps driver errors, keeping the cause. */
  private async op<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isMlopsError(error)) throw error;
      throw new StorageError(sqlMessages.failed(operation, error instanceof Error ? error.message : String(error)), { cause: error });
    }
  }
}
