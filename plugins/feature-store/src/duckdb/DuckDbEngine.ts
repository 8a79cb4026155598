import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Column, Frame } from '@mlops/frame';
import type { ServicePlan } from '../definitions/serviceColumns';
import type { FeatureView } from '../definitions/types';
import type { SqlTarget } from '../lib/SqlTarget';
import type { OpenWindowLatest } from '../materialize/WindowLatest';
import { assembleTrainingSet, checkEntityRows } from '../offline/getHistoricalFeatures';
import { joinKeysOf } from '../offline/stageTable';
import { sourceSignature } from '../offline/stageSource';
import { duckAsOfJoin } from './duckAsOfJoin';
import { duckWindowLatest } from './duckWindowLatest';
import { loadDuckDb, type DuckDbApi } from './loadDuckDb';
import { stageIntoDuckDb } from './stageIntoDuckDb';
import type { StagedView } from './StagedView';

/** Options of the DuckDB offline engine. */
export interface DuckDbEngineOptions {
  /** DuckDB worker threads (default: DuckDB's, the number of cores). */
  threads?: number;
  /** DuckDB's memory limit, e.g. `"2GB"` (default: DuckDB's, 80% of RAM). */
  memoryLimit?: string;
}

/**
 * The columnar offline engine: sources are staged into an in-process, in-memory DuckDB database
 * (re-staged when they change, like the SQL engine's staged tables), point-in-time joins are DuckDB
 * ASOF JOINs and materialization reads the latest row per entity with a window function. Results
 * are the SQL engine's, cell for cell (same staging, same tie and TTL rules).
 */
export class DuckDbEngine {
  private readonly staged = new Map<string, StagedView>();
  private tableCounter = 0;

  private constructor(
    private readonly api: DuckDbApi,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    /** The offline SQL database: where SQL sources are, and staged first. */
    private readonly sql: SqlTarget,
    private readonly projectRoot: string,
  ) {}

  /** Loads `@duckdb/node-api` (optional dependency) and opens an in-memory database. */
  static async open(sql: SqlTarget, projectRoot: string, options: DuckDbEngineOptions = {}): Promise<DuckDbEngine> {
    const api = await loadDuckDb();
    const config: Record<string, string> = {};
    if (options.threads !== undefined) config.threads = String(options.threads);
    if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
    const instance = await api.DuckDBInstance.create(':memory:', config);
    return new DuckDbEngine(api, instance, await instance.connect(), sql, projectRoot);
  }

  /** Makes sure the staged copy of `view` is current. */
  stage(view: FeatureView, force = false): Promise<StagedView> {
    return this.exclusive(() => this.stageNow(view, force));
  }

  /** The training set, as {@link getHistoricalFeatures} of the SQL engine returns it. */
  getHistoricalFeatures(plan: ServicePlan, entityRows: Frame, timestampColumn: string): Promise<Frame> {
    checkEntityRows(plan, entityRows, timestampColumn);
    return this.exclusive(async () => {
      const features = new Map<string, Column>();
      const tsCol = entityRows.column(timestampColumn);
      for (const read of plan.reads) {
        const staged = await this.stageNow(read.view);
        const keyCols = joinKeysOf(read.view).map((k) => entityRows.column(k));
        const joined = duckAsOfJoin(staged, read, keyCols, tsCol);
        for (const [name, column] of joined) features.set(name, column);
      }
      return assembleTrainingSet(entityRows, plan, features);
    });
  }

  /**
   * Materialization's latest rows per entity, staging the view first. The window table is built
   * from one staged copy and decoded with that copy's columns, so a later restage cannot mix them.
   */
  readonly openWindow: OpenWindowLatest = (view, start, end) => this.exclusive(async () => duckWindowLatest(this.conn, await this.stageNow(view), start, end, this.scratchTable('window')));

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }

  private async stageNow(view: FeatureView, force = false): Promise<StagedView> {
    const signature = await sourceSignature(this.sql, view, this.projectRoot);
    const current = this.staged.get(view.name);
    if (!force && current?.signature === signature) return current;
    const staged = await stageIntoDuckDb(this.conn, this.api, view, `fs_stage_${view.name}`, signature, this.sql, this.projectRoot, force);
    this.staged.set(view.name, staged);
    return staged;
  }

  /**
   * Runs `work` after every earlier one: staging replaces a view's table, and a join must read the
   * table that matches the staged columns it gathers from. (One connection runs one query at a time anyway.)
   */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private queue: Promise<void> = Promise.resolve();

  /** A fresh table name, so concurrent calls never share a scratch table. */
  private scratchTable(kind: string): string {
    return `fs_${kind}_${++this.tableCounter}`;
  }
}
