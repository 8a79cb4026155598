import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import { createHookBus, silentLogger, type HookBus, type Logger, type PredictionsServedEvent, type ServedRequest } from '@mlops/core';
import { openSqlMetadataStore, postgresKnexConfig, sqlHandleOf, sqliteKnexConfig, type SqlMetadataStore, type SqlStoreHandle } from '@mlops/sql-metadata';
import { dropPostgresSchema, postgresTestUrl, uniqueTestName } from '@mlops/testkit';
import { monitorMigrations, predictionLogTable } from '../migrations/0001_prediction_log';
import { monitorOptions, type MonitorUserOptions } from '../options';
import { PredictionLog } from '../PredictionLog';

/** A migrated metadata store (SQLite file or Postgres schema of its own) to open prediction logs on. */
export interface LogSubject {
  dialect: 'sqlite' | 'postgresql';
  store: SqlMetadataStore;
  sql: SqlStoreHandle;
  /** The log table, qualified by the schema on Postgres. */
  table: string;
  /** A started log on a new hook bus. */
  open(options?: MonitorUserOptions, logger?: Logger): Promise<{ log: PredictionLog; hooks: HookBus }>;
  /** Takes the database's write lock from another connection (a slow or busy database) until released. */
  holdWriteLock(): Promise<() => Promise<void>>;
  cleanup(): Promise<void>;
}

async function subject(dialect: 'sqlite' | 'postgresql', store: SqlMetadataStore, holdWriteLock: LogSubject['holdWriteLock'], cleanup: () => Promise<void>): Promise<LogSubject> {
  await store.start();
  await store.database.migrate('monitor', monitorMigrations);
  const sql = sqlHandleOf(store.database, 'monitor');
  const logs: PredictionLog[] = [];
  return {
    dialect,
    store,
    sql,
    table: sql.schema ? `${sql.schema}.${predictionLogTable}` : predictionLogTable,
    async open(options = {}, logger = silentLogger) {
      const hooks = createHookBus(logger);
      const log = new PredictionLog(monitorOptions.parse(options), { sql, hooks, logger, migrate: () => store.database.migrate('monitor', monitorMigrations) });
      await log.start();
      logs.push(log);
      return { log, hooks };
    },
    holdWriteLock,
    cleanup: async () => {
      for (const log of logs) await log.close();
      await store.close();
      await cleanup();
    },
  };
}

/** A log on a new SQLite file in a temp folder. */
export async function sqliteLogSubject(): Promise<LogSubject> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-monitor-'));
  const path = join(dir, 'metadata.sqlite');
  // Another connection's open write transaction: its first write takes SQLite's one write lock and
  // keeps it until COMMIT.
  let holds = 0;
  const holdWriteLock = async () => {
    const other = knexFactory(sqliteKnexConfig(path));
    const trx = await other.transaction();
    await trx.raw(`create table lock_holder_${++holds} (x integer)`);
    return async () => {
      await trx.commit();
      await other.destroy();
    };
  };
  return subject('sqlite', openSqlMetadataStore({ kind: 'sqlite', path }), holdWriteLock, () => rm(dir, { recursive: true, force: true }));
}

/**
 * A log in a new `mlops_test_<random>` Postgres schema, dropped afterwards; the store connects to
 * `connection` (the test server, or a relay in front of it), the lock holder to the server itself.
 */
export async function postgresLogSubject(connection = postgresTestUrl()): Promise<LogSubject> {
  const schema = uniqueTestName();
  // Another session locks the log table: inserts wait (asynchronously) until it commits.
  const holdWriteLock = async () => {
    const other = knexFactory(postgresKnexConfig(postgresTestUrl(), { pool: { min: 0, max: 1 } }));
    const trx = await other.transaction();
    await trx.raw('LOCK TABLE ?? IN ACCESS EXCLUSIVE MODE', [`${schema}.${predictionLogTable}`]);
    return async () => {
      await trx.commit();
      await other.destroy();
    };
  };
  return subject('postgresql', openSqlMetadataStore({ kind: 'pg', connection, schema }), holdWriteLock, () => dropPostgresSchema(schema));
}

/**
 * An inference call's event as the server builds it: inputs `a` (float32, NaN = missing) and `b`
 * (float64), outputs `label` (int64) and `probabilities` (rows × 2), for requests of the given sizes.
 */
export function servedEvent(sizes: readonly number[], options: { servedAt?: number; idPrefix?: string; version?: number | null; withRequests?: boolean } = {}): PredictionsServedEvent {
  const rows = sizes.reduce((s, n) => s + n, 0);
  const a = Float32Array.from({ length: rows }, (_, i) => (i === 1 ? NaN : i + 0.5));
  const b = Float64Array.from({ length: rows }, (_, i) => -i / 4);
  const label = BigInt64Array.from({ length: rows }, (_, i) => BigInt(i % 2));
  const probabilities = Float32Array.from({ length: rows * 2 }, (_, k) => (k % 2 ? 0.75 : 0.25));
  const requests: ServedRequest[] = sizes.map((n, i) => ({ id: `${options.idPrefix ?? 'req'}-${i}`, rows: n, latencyMs: 2.5 + i }));
  return {
    model: { name: 'churn', version: options.version === undefined ? 3 : options.version, alias: 'champion', digest: 'd', signature: { task: 'binary', inputs: [], outputs: [] } as never, loadedAt: 0 },
    rows,
    inputs: { a: { data: a, dims: [rows, 1] }, b: { data: b, dims: [rows, 1] } },
    outputs: { label: { data: label, dims: [rows] }, probabilities: { data: probabilities, dims: [rows, 2] } },
    servedAt: options.servedAt ?? Date.now(),
    ...(options.withRequests === false ? {} : { requests, inferenceMs: 1.25 }),
  };
}
