import knexFactory, { type Knex } from 'knex';
import {
  isMlopsError,
  messages,
  NotFoundError,
  StorageError,
  type ArtifactQuery,
  type ArtifactRecord,
  type Health,
  type Lifecycle,
  type MetadataStore,
  type NewArtifact,
  type RunPatch,
  type RunQuery,
  type RunRecord,
  type StepInputRecord,
  type StepRunPatch,
  type StepRunRecord,
} from '@mlops/core';
import { findByIdOrPrefix } from './lib/findByIdOrPrefix';
import * as rows from './lib/rows';
import { sqlMessages } from './messages';
import { runMigrations } from './migrations/runMigrations';
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

/** {@link MetadataStore} over knex, for SQLite (better-sqlite3) and PostgreSQL (pg). Call `migrate()` first. */
export class SqlMetadataStore implements MetadataStore, Lifecycle {
  /** The knex instance the store queries through. */
  readonly knex: Knex;
  readonly schema: string | undefined;
  /** The same pool as `tokens.database`, for plugins that keep their own tables beside the store's. */
  readonly database: SqlDatabase;
  private readonly ownsKnex: boolean;

  constructor(options: SqlMetadataStoreOptions) {
    this.ownsKnex = typeof options.knex !== 'function';
    this.knex = typeof options.knex === 'function' ? options.knex : knexFactory(options.knex);
    this.schema = options.schema;
    this.database = new SqlDatabase(this.knex, this.schema);
    if (this.schema !== undefined) {
      if (this.dialect !== 'postgresql') throw new StorageError(sqlMessages.schemaOnSqlite(this.schema));
      if (!schemaPattern.test(this.schema)) throw new StorageError(`invalid schema name "${this.schema}": expected letters, digits and _`);
    }
  }

  /** knex's dialect name, e.g. `sqlite3` (also for better-sqlite3) or `postgresql`. */
  get dialect(): string {
    return (this.knex.client as { dialect?: string }).dialect ?? 'unknown';
  }

  /** Creates the schema if missing and applies pending migrations; returns the names applied. */
  migrate(): Promise<string[]> {
    return this.op('migrate', () => runMigrations(this.knex, this.schema));
  }

  async start(): Promise<void> {
    await this.migrate();
  }

  async health(): Promise<Health> {
    try {
      await this.knex.raw('select 1');
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Destroys the connection pool if the store created it. */
  async close(): Promise<void> {
    if (this.ownsKnex) await this.knex.destroy();
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
      const q = this.paged(this.table('runs').select('*'), query);
      if (query.pipeline !== undefined) q.where('pipeline', query.pipeline);
      if (query.status !== undefined) q.where('status', query.status);
      const found = (await q.orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])) as rows.RunRow[];
      return found.map(rows.runFromRow);
    });
  }

  createStepRun(stepRun: StepRunRecord): Promise<void> {
    return this.op('createStepRun', async () => {
      await this.table('step_runs').insert(rows.stepRunToRow(stepRun));
    });
  }

  finishStepRun(id: string, patch: StepRunPatch): Promise<void> {
    return this.op('finishStepRun', async () => {
      const changes: Partial<rows.StepRunRow> = { status: patch.status, ended_at: patch.endedAt };
      if (patch.logs !== undefined) changes.logs = patch.logs;
      if (patch.error !== undefined) changes.error = patch.error;
      if (patch.cachedFrom !== undefined) changes.cached_from = patch.cachedFrom;
      const n = await this.table('step_runs').where({ id }).update(changes);
      if (n === 0) throw new NotFoundError(sqlMessages.stepRunNotFound(id));
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

  private qualified(table: string): string {
    return this.schema ? `${this.schema}.${table}` : table;
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
