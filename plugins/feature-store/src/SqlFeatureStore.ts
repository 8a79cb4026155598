import { describeCoverage, featureCoverage } from '@mlops/core';
import type {
  FeatureApplyResult,
  FeatureServiceDescription,
  IncompatibleFeatureChange,
  ModelRegistry,
  FeatureRegistryPlan,
  FeatureStore,
  Health,
  IngestOptions,
  IngestProgress,
  MaterializeOptions,
  MaterializeResult,
  OnlineFeaturesRequest,
  OnlineFeaturesResult,
  OnlineStore,
  PushResult,
} from '@mlops/core';
import { canonicalJson, sha256 } from '@mlops/core';
import type { Frame } from '@mlops/frame';
import { runMigrations } from '@mlops/sql-metadata';
import { collectDefinitions, type FeatureDefinitions } from './definitions/collectDefinitions';
import { isFeatureService } from './definitions/isDefinition';
import { serviceColumns, type ServicePlan } from './definitions/serviceColumns';
import type { FeatureService, FeatureView, StreamSource } from './definitions/types';
import { commitEvents, type CommitContext } from './stream/commitEvents';
import { openTransport } from './stream/openTransport';
import { defaultBatchSize, runIngest } from './stream/runIngest';
import { ensureStreamTable } from './stream/streamTable';
import { FeatureStoreUsageError, IncompatibleChangeError } from './errors';
import type { SqlTarget } from './lib/SqlTarget';
import { MaterializationState } from './materialize/MaterializationState';
import { materializeView } from './materialize/materializeView';
import { createFeatureMetrics, type FeatureMetrics } from './metrics/createFeatureMetrics';
import { DuckDbEngine, type DuckDbEngineOptions } from './duckdb/DuckDbEngine';
import { sqlWindowLatest } from './materialize/sqlWindowLatest';
import { getHistoricalFeatures } from './offline/getHistoricalFeatures';
import { stageSource } from './offline/stageSource';
import { diffSnapshots } from './registry/diffSnapshots';
import { featureMigrations, featureMigrationsTable } from './registry/migrations';
import { appliedService } from './registry/appliedService';
import { RegistryStore, snapshotDigest, type RegistryVersion } from './registry/RegistryStore';
import { snapshotDefinitions, type RegistrySnapshot } from './registry/snapshotDefinitions';
import { getOnlineFeatures } from './serving/getOnlineFeatures';

/** Options of {@link SqlFeatureStore}. */
export interface SqlFeatureStoreOptions {
  /** Definition objects, or a module's exports (`import * as features from './features'`). */
  definitions: readonly unknown[] | Readonly<Record<string, unknown>>;
  /** Where the registry and materialization state live (the metadata store's database). */
  registry: SqlTarget;
  /** Where sources are read, staged and joined; default `registry`. */
  offline?: SqlTarget;
  online: OnlineStore;
  /** Start and close `online` with this store (default true); false when another plugin provides it and the runtime manages it. */
  manageOnline?: boolean;
  /** Folder that relative file source paths resolve against. */
  projectRoot: string;
  /** Called on close (e.g. to destroy an offline connection the plugin opened). */
  onClose?: () => Promise<void>;
  /** The model registry, when configured: `apply` refuses a change that breaks a service a registered alias serves. */
  modelRegistry?: ModelRegistry;
  /**
   * The engine of historical retrieval and materialization: `sql` (default) joins in the offline
   * SQL database; `duckdb` stages sources into an in-process DuckDB (optional dependency
   * `@duckdb/node-api`, loaded by `start`) and joins with ASOF JOIN. Results are the same.
   */
  offlineEngine?: 'sql' | 'duckdb';
  /** Options of the DuckDB engine. */
  duckdb?: DuckDbEngineOptions;
  /** The clock (epoch ms) for online freshness, staleness and the default incremental end; tests fix it. */
  now?: () => number;
}

/** The feature store over SQL: registry and state beside the metadata store, offline joins in SQL, any online store. */
export class SqlFeatureStore implements FeatureStore {
  readonly definitions: FeatureDefinitions;
  /** Prometheus metrics: staleness per view, online missing values, online read latency. */
  readonly metrics: FeatureMetrics;
  private readonly registry: RegistryStore;
  private readonly state: MaterializationState;
  private readonly offline: SqlTarget;
  private readonly now: () => number;
  private duck: DuckDbEngine | undefined;

  constructor(private readonly options: SqlFeatureStoreOptions) {
    this.definitions = collectDefinitions(options.definitions);
    this.registry = new RegistryStore(options.registry);
    this.state = new MaterializationState(options.registry);
    this.offline = options.offline ?? options.registry;
    this.now = options.now ?? Date.now;
    this.metrics = createFeatureMetrics(this.now);
  }

  /** Creates the store's tables (and the staging bookkeeping in a separate offline database) and loads staleness. */
  async start(): Promise<void> {
    const set = { migrations: featureMigrations, tableName: featureMigrationsTable };
    await runMigrations(this.options.registry.knex, this.options.registry.schema, set);
    if (this.offline !== this.options.registry) await runMigrations(this.offline.knex, this.offline.schema, set);
    if (this.options.offlineEngine === 'duckdb') this.duck ??= await DuckDbEngine.open(this.offline, this.options.projectRoot, this.options.duckdb);
    if (this.options.manageOnline !== false) await this.options.online.start?.();
    for (const s of await this.state.all()) if (s.newestEventTs !== null) this.metrics.newestEventTs.set(s.view, s.newestEventTs);
    this.setApplied(await this.registry.latest());
  }

  async health(): Promise<Health> {
    try {
      await this.options.registry.knex.raw('select 1');
      const online = (await this.options.online.health?.()) ?? { ok: true };
      return online.ok ? { ok: true } : { ok: false, detail: `online store: ${online.detail ?? 'unhealthy'}` };
    } catch (error) {
      return { ok: false, detail: `feature store database: ${(error as Error).message}` };
    }
  }

  async close(): Promise<void> {
    await this.duck?.close();
    this.duck = undefined;
    if (this.options.manageOnline !== false) await this.options.online.close?.();
    await this.options.onClose?.();
  }

  async plan(): Promise<FeatureRegistryPlan> {
    const stored = await this.registry.latest();
    const { changes, incompatible } = diffSnapshots(stored?.snapshot ?? null, snapshotDefinitions(this.definitions));
    return { currentVersion: stored?.version ?? null, changes, incompatible };
  }

  async apply(options: { force?: boolean } = {}): Promise<FeatureApplyResult> {
    const stored = await this.registry.latest();
    const snapshot = snapshotDefinitions(this.definitions);
    const { changes, incompatible } = diffSnapshots(stored?.snapshot ?? null, snapshot);
    const plan = { currentVersion: stored?.version ?? null, changes, incompatible };
    if (stored && stored.digest === snapshotDigest(snapshot)) return { ...plan, version: stored.version, applied: false };
    const breaks = await this.breaksServedModels(snapshot);
    incompatible.push(...breaks);
    if (incompatible.length && !options.force) throw new IncompatibleChangeError(incompatible);
    const saved = await this.registry.append(snapshot, Boolean(options.force && incompatible.length));
    this.setApplied(saved);
    return { ...plan, incompatible, version: saved.version, applied: true };
  }

  /**
   * The service in the latest applied definitions, re-read from the registry so that a server
   * loading a model sees an apply made by another process since it started.
   */
  async describeService(name: string): Promise<FeatureServiceDescription> {
    const latest = await this.registry.latest();
    if (!latest) throw new FeatureStoreUsageError(`feature service "${name}": no feature definitions are applied yet; run mlops features apply`);
    this.setApplied(latest);
    const plan = this.onlinePlan(name);
    return { service: name, version: latest.version, digest: latest.digest, entityKeys: plan.joinKeys, columns: plan.columns.map((c) => ({ name: c.name, type: c.type })) };
  }

  /** Each model alias whose version was trained from a service that `snapshot` no longer covers. */
  private async breaksServedModels(snapshot: RegistrySnapshot): Promise<IncompatibleFeatureChange[]> {
    const registry = this.options.modelRegistry;
    if (!registry) return [];
    const out: IncompatibleFeatureChange[] = [];
    const next: RegistryVersion = { version: (this.applied?.version ?? 0) + 1, digest: snapshotDigest(snapshot), snapshot, createdAt: 0, forced: false };
    for (const model of await registry.listModels()) {
      for (const [alias, number] of Object.entries(model.aliases)) {
        const version = await registry.getVersion(model.name, number);
        const service = version?.features?.service;
        if (!version || !service) continue;
        let problem: string;
        try {
          const columns = serviceColumns(appliedService(next, service, this.definitions, snapshot)).columns;
          problem = describeCoverage(featureCoverage(columns, version.signature));
        } catch (error) {
          problem = (error as Error).message;
        }
        if (problem) out.push({ name: service, reason: `breaks model ${model.name}@${alias} (v${version.version}), which serves it: ${problem}` });
      }
    }
    return out;
  }

  /** The latency histogram's child for a service, labelled once (prom-client hashes labels per call otherwise). */
  private readTimer(service: string) {
    let child = this.readTimers.get(service);
    if (!child) this.readTimers.set(service, (child = this.metrics.onlineReadSeconds.labels({ feature_service: service })));
    return child;
  }

  private readonly readTimers = new Map<string, { observe(seconds: number): void }>();

  private setApplied(version: RegistryVersion | null): void {
    if (version?.version === this.applied?.version) return;
    this.applied = version;
    this.appliedPlans.clear();
  }

  private applied: RegistryVersion | null = null;
  private readonly appliedPlans = new Map<string, ServicePlan>();
  private codeSnapshotCache: RegistrySnapshot | undefined;

  async getHistoricalFeatures(entityRows: Frame, featureService: string | FeatureService, options: { timestampColumn?: string; chunkSize?: number } = {}): Promise<Frame> {
    const plan = this.servicePlan(featureService);
    const duck = this.duckEngine();
    if (duck) return duck.getHistoricalFeatures(plan, entityRows, options.timestampColumn ?? 'event_timestamp');
    for (const read of plan.reads) await stageSource(this.offline, read.view, this.options.projectRoot);
    return getHistoricalFeatures(this.offline, plan, entityRows, { timestampColumn: options.timestampColumn ?? 'event_timestamp', chunkSize: options.chunkSize });
  }

  /**
   * Stages the sources of `views` (default all) into the offline database now; `force` restages
   * even when the source looks unchanged (an in-place update keeping row count and time range).
   */
  async stageSources(options: { views?: readonly string[]; force?: boolean } = {}): Promise<void> {
    const duck = this.duckEngine();
    for (const view of this.viewsNamed(options.views)) {
      if (duck) await duck.stage(view, options.force);
      else await stageSource(this.offline, view, this.options.projectRoot, options.force);
    }
  }

  async materialize(options: MaterializeOptions): Promise<MaterializeResult> {
    if (!(options.start < options.end)) throw new FeatureStoreUsageError(`materialize: expected start < end, received start ${options.start} and end ${options.end}`);
    const result: MaterializeResult = { views: [] };
    for (const view of this.viewsNamed(options.views)) {
      const written = await this.materializeWindow(view, options.start, options.end, options);
      result.views.push({ view: view.name, start: options.start, end: options.end, written });
    }
    return result;
  }

  /**
   * Per view, from its watermark (or an unfinished window, resumed) to `end`. A view never
   * materialized starts from the beginning of its data. Rows that arrive later with an event time
   * before the watermark are not picked up: run `materialize` over their window.
   */
  async materializeIncremental(options: Omit<MaterializeOptions, 'start' | 'end'> & { end?: number } = {}): Promise<MaterializeResult> {
    const end = options.end ?? this.now();
    const result: MaterializeResult = { views: [] };
    for (const view of this.viewsNamed(options.views)) {
      const state = await this.state.get(view.name);
      const start = state.pending && state.pending.end <= end ? state.pending.start : (state.watermark ?? -8.64e15);
      const windowEnd = state.pending && state.pending.end <= end ? state.pending.end : end;
      if (!(start < windowEnd)) {
        result.views.push({ view: view.name, start, end: windowEnd, written: 0 });
        continue;
      }
      const written = await this.materializeWindow(view, start, windowEnd, options);
      result.views.push({ view: view.name, start, end: windowEnd, written });
    }
    return result;
  }

  getOnlineFeatures(request: OnlineFeaturesRequest | (Omit<OnlineFeaturesRequest, 'featureService'> & { featureService: FeatureService })): Promise<OnlineFeaturesResult> {
    let plan: ServicePlan;
    try {
      plan = typeof request.featureService === 'string' ? this.onlinePlan(request.featureService) : this.servicePlan(request.featureService);
    } catch (error) {
      return Promise.reject(error);
    }
    const timer = this.readTimer(plan.service.name);
    const started = performance.now();
    const observe = () => timer.observe((performance.now() - started) / 1000);
    // A then, not an async wrapper with try/finally: one promise less on every online read.
    return getOnlineFeatures({ plan, online: this.options.online, entities: request.entities, request: request.request, metrics: this.metrics, now: this.now }).then(
      (result) => {
        observe();
        return result;
      },
      (error: unknown) => {
        observe();
        throw error;
      },
    );
  }

  async push(view: string, events: readonly Readonly<Record<string, unknown>>[], options: { ids?: readonly string[] } = {}): Promise<PushResult> {
    const found = await this.streamView(view, 'push');
    if (options.ids && options.ids.length !== events.length) throw new FeatureStoreUsageError(`push to "${view}": ids: expected one id per event (${events.length}), received ${options.ids.length}`);
    const incoming = events.map((data, i) => ({ id: options.ids?.[i] ?? `sha256:${sha256(canonicalJson(data))}`, data }));
    const outcome = await commitEvents(this.commitContext(), found, incoming);
    return { written: outcome.written, refused: outcome.refused.map((r) => ({ index: r.index, reason: `${r.problem.code}: ${r.problem.reason}` })) };
  }

  async ingest(view: string, options: IngestOptions = {}): Promise<IngestProgress> {
    const found = await this.streamView(view, 'ingest');
    if (options.batchSize !== undefined && !(Number.isInteger(options.batchSize) && options.batchSize > 0)) throw new FeatureStoreUsageError(`ingest "${view}": batchSize: expected a positive integer, received ${options.batchSize}`);
    const batchSize = options.batchSize ?? defaultBatchSize;
    return runIngest(this.commitContext(), found, openTransport(found.source as StreamSource, { consumerName: options.consumerName, batchSize }), { ...options, batchSize });
  }

  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }

  /** The view, if its source is a stream; its offline stream table is created on first use. */
  private async streamView(name: string, what: string): Promise<FeatureView> {
    const [view] = this.viewsNamed([name]);
    if (view!.source.kind !== 'streamSource') throw new FeatureStoreUsageError(`${what} "${name}": expected a view with a streamSource, received one with a ${view!.source.kind}`);
    if (!this.streamTables.has(name)) {
      await ensureStreamTable(this.offline, view!);
      this.streamTables.add(name);
    }
    return view!;
  }

  private readonly streamTables = new Set<string>();

  private commitContext(): CommitContext {
    return { offline: this.offline, online: this.options.online, metrics: this.metrics.stream, now: this.now };
  }

  private materializeContext(options: Pick<MaterializeOptions, 'chunkSize' | 'onProgress'>) {
    const openWindow = this.duckEngine()?.openWindow ?? sqlWindowLatest(this.offline);
    return { openWindow, online: this.options.online, state: this.state, chunkSize: options.chunkSize ?? 5000, onProgress: options.onProgress };
  }

  /** Materializes one window of one view, then updates the staleness gauge from the stored state. */
  private async materializeWindow(view: FeatureView, start: number, end: number, options: Pick<MaterializeOptions, 'chunkSize' | 'onProgress'>): Promise<number> {
    if (!this.duckEngine()) await stageSource(this.offline, view, this.options.projectRoot);
    const written = await materializeView(this.materializeContext(options), view, start, end);
    const state = await this.state.get(view.name);
    if (state.newestEventTs !== null) this.metrics.newestEventTs.set(view.name, state.newestEventTs);
    return written;
  }

  /** The DuckDB engine when it is selected; refuses use before `start` opened it. */
  private duckEngine(): DuckDbEngine | undefined {
    if (this.options.offlineEngine !== 'duckdb') return undefined;
    if (!this.duck) throw new FeatureStoreUsageError('feature store: offlineEngine "duckdb" is opened by start(); call start() before offline reads');
    return this.duck;
  }

  /**
   * Online reads follow the applied definitions (loaded at start, after each apply and each
   * describeService); before anything is applied they use the definitions in code.
   */
  private onlinePlan(name: string): ServicePlan {
    if (!this.applied) return this.servicePlan(name);
    let plan = this.appliedPlans.get(name);
    if (!plan) {
      this.codeSnapshotCache ??= snapshotDefinitions(this.definitions);
      this.appliedPlans.set(name, (plan = serviceColumns(appliedService(this.applied, name, this.definitions, this.codeSnapshotCache))));
    }
    return plan;
  }

  private servicePlan(service: string | FeatureService): ServicePlan {
    const found = isFeatureService(service) ? service : this.definitions.services.get(service);
    if (!found) throw new FeatureStoreUsageError(`unknown feature service "${service}": expected one of ${[...this.definitions.services.keys()].join(', ') || '(none defined)'}`);
    // Definitions are immutable: plan a service once, not on every online read.
    let plan = this.plans.get(found);
    if (!plan) this.plans.set(found, (plan = serviceColumns(found)));
    return plan;
  }

  private readonly plans = new WeakMap<FeatureService, ServicePlan>();

  private viewsNamed(names: readonly string[] | undefined) {
    if (!names) return [...this.definitions.views.values()];
    return names.map((name) => {
      const view = this.definitions.views.get(name);
      if (!view) throw new FeatureStoreUsageError(`unknown feature view "${name}": expected one of ${[...this.definitions.views.keys()].join(', ')}`);
      return view;
    });
  }
}
