import type { Knex } from 'knex';
import {
  createId,
  isMlopsError,
  NotFoundError,
  StorageError,
  type DatasetRef,
  type Health,
  type Json,
  type MetricPoint,
  type MetricSummary,
  type NewTrackedRun,
  type RunEnvironment,
  type RunSearchQuery,
  type RunSearchResult,
  type TrackedArtifact,
  type TrackedRun,
  type TrackedRunStatus,
  type Tracker,
} from '@mlops/core';
import { runMigrations, type SqlStoreHandle } from '@mlops/sql-metadata';
import { ParamConflictError, TrackerError, trackerErrorCodes } from './errors';
import type { SqlContext } from './filter/SqlFragment';
import { chunksFor } from './lib/chunks';
import { isForeignKeyViolation, isUniqueViolation } from './lib/dbErrors';
import { findRunRow } from './lib/findRunRow';
import { loadRunDetails } from './lib/loadRunDetails';
import { latestPerKey, metricRows, summariesPerKey, type MetricInput, type MetricRow } from './lib/metricRows';
import { compare, paramRows } from './lib/paramRows';
import { datasetToRow, metricValue, runFromRow, type RunRow } from './lib/runRows';
import { searchRunRows } from './lib/searchRunRows';
import { trackerMessages } from './messages';
import { trackerMigrations, trackerMigrationsTable } from './migrations/trackerMigrations';

const finalStatuses = new Set<TrackedRunStatus>(['succeeded', 'failed', 'crashed', 'pruned']);

type Db = Knex | Knex.Transaction;

/**
 * {@link Tracker} over the metadata store's SQL database (SQLite or Postgres), in `tracker_*` tables.
 *
 * Every write is one transaction whose first statement writes, so on SQLite it takes the write lock
 * at once (waiting up to busy_timeout) instead of failing on a lock upgrade when another process wrote.
 */
export class SqlTracker implements Tracker {
  private readonly knex: Knex;
  private readonly schema: string | undefined;
  private readonly sql: SqlContext;

  constructor(handle: SqlStoreHandle) {
    this.knex = handle.knex;
    this.schema = handle.schema;
    this.sql = { dialect: handle.dialect, table: (name) => this.qualified(name) };
  }

  /** Creates or updates the tracker's tables; safe to call from several processes at once. */
  migrate(): Promise<string[]> {
    return this.op('migrate', () => runMigrations(this.knex, this.schema, { migrations: trackerMigrations, tableName: trackerMigrationsTable }));
  }

  async start(): Promise<void> {
    await this.migrate();
  }

  async health(): Promise<Health> {
    try {
      await this.table('tracker_runs').select('id').limit(1);
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Nothing to release: the connection pool belongs to the metadata store. */
  close(): void {}

  startRun(run: NewTrackedRun): Promise<TrackedRun> {
    return this.op('startRun', async () => {
      const startedAt = run.startedAt ?? Date.now();
      const id = run.id ?? createId(startedAt);
      requireString('experiment', run.experiment);
      const { params, leaves } = paramRows(id, run.params ?? {});
      const row: RunRow = {
        id,
        experiment: run.experiment,
        name: run.name ?? null,
        parent_id: run.parentId ?? null,
        status: 'running',
        started_at: startedAt,
        ended_at: null,
        pipeline_run_id: run.pipelineRunId ?? null,
      };
      await this.knex.transaction(async (trx) => {
        try {
          await this.table('tracker_runs', trx).insert(row);
        } catch (error) {
          if (isUniqueViolation(error)) throw new TrackerError(trackerErrorCodes.duplicateRun, trackerMessages.duplicateRun(id), { cause: error });
          if (row.parent_id !== null && isForeignKeyViolation(error)) throw new NotFoundError(trackerMessages.parentNotFound(id, row.parent_id));
          throw error;
        }
        await this.insertChunked(trx, 'tracker_params', params, 3);
        await this.insertChunked(trx, 'tracker_param_leaves', leaves, 5);
        await this.upsertTags(trx, id, run.tags ?? {});
        if (run.environment) await this.table('tracker_environments', trx).insert({ run_id: id, environment: JSON.stringify(run.environment) });
      });
      // Built from what was written rather than read back: startRun is on every run's hot path.
      return runFromRow(row, {
        params: new Map([[id, Object.fromEntries(params.map((p) => [p.key, JSON.parse(p.value) as Json]))]]),
        metrics: new Map(),
        tags: new Map([[id, { ...run.tags }]]),
        datasets: new Map(),
        artifacts: new Map(),
        environments: run.environment ? new Map([[id, JSON.parse(JSON.stringify(run.environment)) as RunEnvironment]]) : new Map(),
      });
    });
  }

  endRun(id: string, status: Exclude<TrackedRunStatus, 'running'>, endedAt: number = Date.now()): Promise<void> {
    return this.op('endRun', async () => {
      if (!finalStatuses.has(status)) throw new TrackerError(trackerErrorCodes.input, trackerMessages.badStatus(status));
      const n = await this.table('tracker_runs').where({ id }).update({ status, ended_at: endedAt });
      if (n === 0) throw new NotFoundError(trackerMessages.runNotFound(id));
    });
  }

  /**
   * Inserts new keys and ignores equal re-logs; a different value for a logged key rolls the whole
   * call back. Insert first, then compare, so two processes racing on one key cannot both win.
   */
  logParams(id: string, params: Record<string, Json>): Promise<void> {
    return this.op('logParams', async () => {
      const rows = paramRows(id, params);
      if (rows.params.length === 0) return this.requireRun(this.knex, id);
      await this.knex.transaction(async (trx) => {
        await this.withRunCheck(id, async () => {
          for (const chunk of chunksFor(rows.params, 3)) await this.table('tracker_params', trx).insert(chunk).onConflict(['run_id', 'key']).ignore();
          for (const chunk of chunksFor(rows.leaves, 5)) await this.table('tracker_param_leaves', trx).insert(chunk).onConflict(['run_id', 'path']).ignore();
        });
        const stored = (await this.table('tracker_params', trx)
          .select('key', 'value')
          .where('run_id', id)
          .whereIn('key', rows.params.map((p) => p.key))) as { key: string; value: string }[];
        const storedByKey = new Map(stored.map((s) => [s.key, s.value]));
        for (const p of rows.params) {
          const old = storedByKey.get(p.key);
          if (old !== undefined && old !== p.value) throw new ParamConflictError(id, p.key, old, p.value);
        }
        // A nested and a dotted key can name the same leaf (`{a: {b: 1}}` and `a.b`): they must agree too.
        const leaves = (await this.table('tracker_param_leaves', trx)
          .select('path', 'json')
          .where('run_id', id)
          .whereIn('path', rows.leaves.map((l) => l.path))) as { path: string; json: string }[];
        const leafByPath = new Map(leaves.map((l) => [l.path, l.json]));
        for (const l of rows.leaves) {
          const old = leafByPath.get(l.path);
          if (old !== undefined && old !== l.json) throw new ParamConflictError(id, l.path, old, l.json);
        }
      });
    });
  }

  /**
   * Appends points in chunks and moves each key's latest value forward, all in one transaction: the
   * latest table never disagrees with the curves, and a failed batch leaves nothing behind.
   */
  logMetrics(id: string, points: MetricInput[]): Promise<void> {
    return this.op('logMetrics', async () => {
      const rows = metricRows(id, points, Date.now());
      if (rows.length === 0) return this.requireRun(this.knex, id);
      await this.knex.transaction(async (trx) => {
        await this.withRunCheck(id, async () => {
          for (const chunk of chunksFor(rows, 5)) await this.table('tracker_metrics', trx).insert(chunk);
        });
        await this.upsertLatest(trx, latestPerKey(rows));
        await this.upsertSummaries(trx, summariesPerKey(rows));
      });
    });
  }

  setTags(id: string, tags: Record<string, string>): Promise<void> {
    return this.op('setTags', async () => {
      if (Object.keys(tags).length === 0) return this.requireRun(this.knex, id);
      await this.knex.transaction((trx) => this.withRunCheck(id, () => this.upsertTags(trx, id, tags)));
    });
  }

  logDatasets(id: string, datasets: DatasetRef[]): Promise<void> {
    return this.op('logDatasets', async () => {
      const rows = datasets.map((d) => {
        if (d.role !== 'input' && d.role !== 'output') throw new TrackerError(trackerErrorCodes.input, trackerMessages.badField(`run ${id}: dataset "${d.name}" role`, '"input" or "output"', d.role));
        requireString(`dataset name`, d.name);
        requireString(`dataset "${d.name}" digest`, d.digest);
        return datasetToRow(id, d);
      });
      if (rows.length === 0) return this.requireRun(this.knex, id);
      await this.knex.transaction((trx) =>
        this.withRunCheck(id, async () => {
          for (const chunk of chunksFor(rows, 6)) {
            await this.table('tracker_datasets', trx).insert(chunk).onConflict(['run_id', 'role', 'name', 'digest']).merge(['rows', 'artifact_id']);
          }
        }),
      );
    });
  }

  logArtifacts(id: string, artifacts: TrackedArtifact[]): Promise<void> {
    return this.op('logArtifacts', async () => {
      const rows = artifacts.map((a) => {
        requireString('artifact name', a.name);
        requireString(`artifact "${a.name}" digest`, a.digest);
        return { run_id: id, name: a.name, digest: a.digest, artifact_id: a.artifactId ?? null };
      });
      if (rows.length === 0) return this.requireRun(this.knex, id);
      await this.knex.transaction((trx) =>
        this.withRunCheck(id, async () => {
          for (const chunk of chunksFor(rows, 4)) await this.table('tracker_artifacts', trx).insert(chunk).onConflict(['run_id', 'name', 'digest']).merge(['artifact_id']);
        }),
      );
    });
  }

  getRun(idOrPrefix: string): Promise<TrackedRun | undefined> {
    return this.op('getRun', async () => {
      const row = await findRunRow(() => this.table('tracker_runs'), idOrPrefix);
      if (!row) return undefined;
      return runFromRow(row, await loadRunDetails((name) => this.table(name), [row.id]));
    });
  }

  metricHistory(id: string, key: string): Promise<MetricPoint[]> {
    return this.op('metricHistory', async () => {
      const rows = (await this.table('tracker_metrics')
        .select('key', 'value', 'step', 'timestamp')
        .where({ run_id: id, key })
        .orderBy(['step', 'timestamp'])) as MetricRow[];
      return rows.map((r) => ({ key: r.key, value: metricValue(r.value), step: Number(r.step), timestamp: Number(r.timestamp) }));
    });
  }

  /** Read from `tracker_metric_summaries` (kept by `logMetrics`), one query per 400 runs. */
  metricSummaries(runIds: readonly string[], keys: readonly string[]): Promise<Record<string, Record<string, MetricSummary>>> {
    return this.op('metricSummaries', async () => {
      const out: Record<string, Record<string, MetricSummary>> = {};
      if (!runIds.length || !keys.length) return out;
      for (let i = 0; i < runIds.length; i += 400) {
        const rows = (await this.table('tracker_metric_summaries')
          .select('run_id', 'key', 'min_value', 'max_value', 'points')
          .whereIn('run_id', runIds.slice(i, i + 400))
          .whereIn('key', [...keys])) as { run_id: string; key: string; min_value: number | null; max_value: number | null; points: number | string }[];
        for (const r of rows) (out[r.run_id] ??= {})[r.key] = { min: r.min_value === null ? null : Number(r.min_value), max: r.max_value === null ? null : Number(r.max_value), points: Number(r.points) };
      }
      return out;
    });
  }

  /** Two queries for the page and the total, then six for the details of the page (see loadRunDetails). */
  searchRuns(query: RunSearchQuery = {}): Promise<RunSearchResult> {
    return this.op('searchRuns', async () => {
      const { rows, total } = await searchRunRows(this.knex, this.sql, query);
      const details = await loadRunDetails((name) => this.table(name), rows.map((r) => r.id));
      return { runs: rows.map((r) => runFromRow(r, details)), total };
    });
  }

  private async upsertTags(db: Db, id: string, tags: Record<string, string>): Promise<void> {
    // Sorted: one lock order for every writer (see paramRows).
    const rows = Object.entries(tags).sort(([a], [b]) => compare(a, b)).map(([key, value]) => {
      if (key === '') throw new TrackerError(trackerErrorCodes.input, trackerMessages.badField(`run ${id}: tag name`, 'a non-empty string', key));
      if (typeof value !== 'string') throw new TrackerError(trackerErrorCodes.input, trackerMessages.badField(`run ${id}: tag "${key}"`, 'a string', value));
      return { run_id: id, key, value };
    });
    for (const chunk of chunksFor(rows, 3)) await this.table('tracker_tags', db).insert(chunk).onConflict(['run_id', 'key']).merge(['value']);
  }

  /** One upsert per chunk; the WHERE keeps a newer value another process already wrote. */
  private async upsertLatest(trx: Knex.Transaction, rows: MetricRow[]): Promise<void> {
    for (const chunk of chunksFor(rows, 5)) {
      const values = chunk.map(() => '(?, ?, ?, ?, ?)').join(', ');
      await trx.raw(
        `insert into ?? (run_id, key, value, step, timestamp) values ${values}
         on conflict (run_id, key) do update set value = excluded.value, step = excluded.step, timestamp = excluded.timestamp
         where excluded.step > tracker_latest_metrics.step
            or (excluded.step = tracker_latest_metrics.step and excluded.timestamp >= tracker_latest_metrics.timestamp)`,
        [this.qualified('tracker_latest_metrics'), ...chunk.flatMap((r) => [r.run_id, r.key, r.value, r.step, r.timestamp])],
      );
    }
  }

  /** Widens each (run, key)'s min/max and adds its point count; a NULL (NaN) bound never replaces a number. */
  private async upsertSummaries(trx: Knex.Transaction, rows: { run_id: string; key: string; min_value: number | null; max_value: number | null; points: number }[]): Promise<void> {
    const t = 'tracker_metric_summaries';
    for (const chunk of chunksFor(rows, 5)) {
      const values = chunk.map(() => '(?, ?, ?, ?, ?)').join(', ');
      await trx.raw(
        `insert into ?? (run_id, key, min_value, max_value, points) values ${values}
         on conflict (run_id, key) do update set
           min_value = case when ${t}.min_value is null or excluded.min_value < ${t}.min_value then coalesce(excluded.min_value, ${t}.min_value) else ${t}.min_value end,
           max_value = case when ${t}.max_value is null or excluded.max_value > ${t}.max_value then coalesce(excluded.max_value, ${t}.max_value) else ${t}.max_value end,
           points = ${t}.points + excluded.points`,
        [this.qualified(t), ...chunk.flatMap((r) => [r.run_id, r.key, r.min_value, r.max_value, r.points])],
      );
    }
  }

  private async insertChunked(db: Db, table: string, rows: object[], columns: number): Promise<void> {
    for (const chunk of chunksFor(rows, columns)) await this.table(table, db).insert(chunk);
  }

  /** Runs writes that reference the run; a foreign key violation means the run does not exist. */
  private async withRunCheck<T>(id: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new NotFoundError(trackerMessages.runNotFound(id));
      throw error;
    }
  }

  private async requireRun(db: Db, id: string): Promise<void> {
    const found = await this.table('tracker_runs', db).select('id').where({ id }).first();
    if (!found) throw new NotFoundError(trackerMessages.runNotFound(id));
  }

  private qualified(table: string): string {
    return this.schema ? `${this.schema}.${table}` : table;
  }

  private table(name: string, db: Db = this.knex): Knex.QueryBuilder {
    return db(this.qualified(name));
  }

  /** Passes mlops errors through and wraps driver errors, keeping the cause. */
  private async op<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isMlopsError(error)) throw error;
      throw new StorageError(`tracker ${operation} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}

function requireString(what: string, value: unknown): void {
  if (typeof value !== 'string' || value === '') throw new TrackerError(trackerErrorCodes.input, trackerMessages.badField(what, 'a non-empty string', value));
}
