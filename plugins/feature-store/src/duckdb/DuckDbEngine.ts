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
  private readonly staging = new Map<string, Promise<StagedView>>();
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

  /** Makes sure the staged copy of `view` is current (one staging at a time per view). */
  async stage(view: FeatureView, force = false): Promise<StagedView> {
    const running = this.staging.get(view.name);
    if (running) await running.catch(() => undefined);
    const signature = await sourceSignature(this.sql, view, this.projectRoot);
    const current = this.staged.get(view.name);
    if (!force && current?.signature === signature) return current;
    const table = `fs_stage_${view.name}`;
    const work = stageIntoDuckDb(this.conn, this.api, view, table, signature, this.sql, this.projectRoot, force);
    this.staging.set(view.name, work);
    try {
      const staged = await work;
      this.staged.set(view.name, staged);
      return staged;
    } finally {
      this.staging.delete(view.name);
    }
  }

  /** The training set, as {@link getHistoricalFeatures} of the SQL engine returns it. */
  async getHistoricalFeatures(plan: ServicePlan, entityRows: Frame, timestampColumn: string): Promise<Frame> {
    checkEntityRows(plan, entityRows, timestampColumn);
    const features = new Map<string, Column>();
    const tsCol = entityRows.column(timestampColumn);
    for (const read of plan.reads) {
      const staged = await this.stage(read.view);
      const keyCols = joinKeysOf(read.view).map((k) => entityRows.column(k));
      const joined = await duckAsOfJoin(this.conn, this.api, staged, read, keyCols, tsCol, this.scratchTable('entities'));
      for (const [name, column] of joined) features.set(name, column);
    }
    return assembleTrainingSet(entityRows, plan, features);
  }

  /** Materialization's latest rows per entity, staging the view first. */
  readonly openWindow: OpenWindowLatest = async (view, start, end) => duckWindowLatest(this.conn, await this.stage(view), start, end, this.scratchTable('window'));

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }

  /** A fresh table name, so concurrent calls never share a scratch table. */
  private scratchTable(kind: string): string {
    return `fs_${kind}_${++this.tableCounter}`;
  }
}
