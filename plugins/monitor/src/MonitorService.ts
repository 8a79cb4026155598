import type { AlertSink, ArtifactStore, Json, ModelVersion, Monitor, MonitorAlertRecord, MonitorEvaluation, MonitorWindow, ModelRegistry, Orchestrator, RetrainRequestRecord } from '@mlops/core';
import type { DriftOptions } from '@mlops/drift';
import { AlertHistory, dedupeKey } from './alerts/AlertHistory';
import type { PerformanceDropRule } from './alerts/alertRules';
import { applyRules, type AlertCandidate } from './alerts/applyRules';
import { applyPerformanceRules } from './alerts/performanceRules';
import { windowDrift } from './drift/windowDrift';
import type { MonitorOptions } from './options';
import { PredictionLog, type PredictionLogDeps } from './PredictionLog';
import { ReferenceProfiles } from './profiles/loadReference';
import { WindowProfiles } from './profiles/WindowProfiles';
import { VersionPerformances, type PerformanceReader } from './performance/versionPerformance';
import { buildWindowReport, type WindowReport } from './report/buildWindowReport';
import { toDriftReportData } from './report/toDriftReportData';
import { MonitorMetrics } from './metrics/MonitorMetrics';

/** Services the monitor uses when they are configured. */
export interface MonitorServiceDeps extends PredictionLogDeps {
  registry?: ModelRegistry;
  artifactStore?: ArtifactStore;
  alertSink?: AlertSink;
  /** Receives retraining runs (`retrainPipeline`); without one requests are recorded only. */
  orchestrator?: Orchestrator;
  /** Reads a window's realized and estimated performance (the feedback store's): for `performance-drop` rules and the report's panel. */
  performance?: PerformanceReader;
  now?: () => number;
}

/** The job handed to the orchestrator's `submit` (and stored with the request). */
export interface RetrainJob {
  kind: 'retrain';
  model: string;
  version: number | null;
  reason: string;
  alertId: number;
  requestedAt: number;
  [key: string]: Json;
}

/**
 * The monitor: the prediction log (inherited: it records every served prediction), plus window
 * profiles, drift against each version's reference profile, alert rules with a cooldown, their
 * history, and retraining requests.
 */
export class MonitorService extends PredictionLog implements Monitor {
  readonly windows: WindowProfiles;
  readonly references: ReferenceProfiles;
  readonly history: AlertHistory;
  readonly performances: VersionPerformances | undefined;
  /** Drift and performance as last computed, for `/metrics` (see `metrics/withMetrics.ts`). */
  readonly metricsCache = new MonitorMetrics();
  private readonly clock: () => number;

  constructor(
    private readonly monitorOptions: MonitorOptions,
    private readonly services: MonitorServiceDeps,
  ) {
    super(monitorOptions, services);
    this.windows = new WindowProfiles(services.sql, { intervalMs: monitorOptions.profileIntervalMs, settleMs: monitorOptions.settleMs });
    this.references = new ReferenceProfiles(services.registry, services.artifactStore);
    this.history = new AlertHistory(services.sql);
    this.clock = services.now ?? Date.now;
    this.performances = services.performance ? new VersionPerformances(services.performance, services.artifactStore) : undefined;
  }

  private stopWatchingRegistrations: (() => void) | undefined;

  /**
   * Starts the log, and checks every version registered in this process for a readable reference
   * profile: a version registered without one would only be noticed when its traffic is skipped.
   */
  override async start(): Promise<void> {
    await super.start();
    this.stopWatchingRegistrations ??= this.services.hooks.on('modelRegistered', (event) => this.checkReference(event.version));
  }

  override async close(): Promise<void> {
    this.stopWatchingRegistrations?.();
    this.stopWatchingRegistrations = undefined;
    await super.close();
  }

  private async checkReference(version: ModelVersion): Promise<void> {
    try {
      const loaded = await this.references.load(version.name, version.version);
      if ('missing' in loaded) this.services.logger.warn(`monitor: ${loaded.missing}; its served traffic will not be judged`);
    } catch (error) {
      this.services.logger.warn(`monitor: the reference profile of ${version.name}:${version.version} cannot be read (${(error as Error).message}); its served traffic will not be judged`);
    }
  }

  /** The log's retention, and the same for the interval profiles (their rows are gone by then too). */
  override async expire(): Promise<number> {
    const n = await super.expire();
    try {
      await this.windows.expire(this.clock() - this.monitorOptions.retentionDays * 86_400_000);
    } catch (error) {
      this.services.logger.warn(`monitor: deleting window profiles older than ${this.monitorOptions.retentionDays} days failed (retried in ${this.monitorOptions.retentionCheckMs} ms): ${(error as Error).message}`);
    }
    return n;
  }

  get evaluateEveryMs(): number {
    return this.monitorOptions.evaluateEveryMs;
  }

  private get driftOptions(): DriftOptions {
    return this.monitorOptions.drift;
  }

  async evaluate(options: { now?: number } = {}): Promise<MonitorEvaluation> {
    const now = options.now ?? this.clock();
    const window = { since: now - this.monitorOptions.windowMs, until: now };
    const result: MonitorEvaluation = { evaluatedAt: now, window, models: [], fired: [], suppressed: 0 };
    const wanted = this.monitorOptions.models;
    for (const served of await this.windows.servedVersions(window)) {
      if (wanted && !wanted.includes(served.model)) continue;
      const entry: MonitorEvaluation['models'][number] = { ...served, driftedFeatures: [], driftShare: null };
      result.models.push(entry);
      if (served.version === null) {
        entry.skipped = 'logged without a model version: no reference profile to compare with';
        continue;
      }
      if (served.rows < this.monitorOptions.minRows) {
        entry.skipped = `${served.rows} rows in the window, fewer than minRows (${this.monitorOptions.minRows})`;
        continue;
      }
      let candidates: AlertCandidate[];
      try {
        const reference = await this.references.load(served.model, served.version);
        if ('missing' in reference) {
          entry.skipped = reference.missing;
          continue;
        }
        const current = await this.windows.window(served.model, served.version, window, now);
        const drift = windowDrift(reference.profile, current, this.driftOptions);
        entry.driftedFeatures = drift.features.columns.filter((c) => c.drifted).map((c) => c.column);
        entry.driftShare = drift.features.share;
        this.metricsCache.recordDrift(served.model, served.version, served.rows, drift, now);
        candidates = applyRules(this.monitorOptions.rules, drift, current, `${served.model}:${served.version}`);
        const performanceRules = this.monitorOptions.rules.filter((r): r is PerformanceDropRule => r.kind === 'performance-drop');
        if (performanceRules.length) {
          if (!this.performances) entry.notes = ['performance-drop rules: this monitor was built without a performance reader (deps.performance; the plugin passes one)'];
          else {
            // Unreadable performance (a broken calibration, bad labels) must not hide the drift alerts.
            try {
              const judged = applyPerformanceRules(performanceRules, await this.performances.of(reference.version, window), `${served.model}:${served.version}`);
              candidates.push(...judged.candidates);
              if (judged.skipped.length) entry.notes = judged.skipped;
            } catch (error) {
              entry.notes = [`performance-drop rules: reading the window's performance failed: ${(error as Error).message}`];
              this.services.logger.warn(`monitor: ${served.model}:${served.version}: ${entry.notes[0]}`);
            }
          }
        }
      } catch (error) {
        // One model's broken reference (or an unreadable window) must not hide the others' alerts.
        entry.skipped = `evaluation failed: ${(error as Error).message}`;
        this.services.logger.warn(`monitor: evaluating ${served.model}:${served.version} failed: ${(error as Error).message}`);
        continue;
      }
      for (const candidate of candidates) {
        const fired = await this.fire(candidate, served.model, served.version, window, now);
        if (fired) result.fired.push(fired);
        else result.suppressed++;
      }
    }
    return result;
  }

  /** Stores and delivers an alert unless the same one fired within the cooldown; null when suppressed. */
  private async fire(c: AlertCandidate, model: string, version: number, window: MonitorWindow, now: number): Promise<MonitorAlertRecord | null> {
    if (this.monitorOptions.cooldownMs > 0 && (await this.history.firedSince(dedupeKey(c, model, version), now - this.monitorOptions.cooldownMs))) return null;
    const id = await this.history.addAlert(c, model, version, window, now);
    let sink: MonitorAlertRecord['delivered']['alertSink'] = 'none';
    if (this.services.alertSink) {
      try {
        await this.services.alertSink.send({ severity: c.severity, title: c.title, detail: c.detail, labels: { source: 'monitor', rule: c.rule, model, version: String(version), ...(c.column ? { column: c.column } : {}) } });
        sink = 'sent';
      } catch (error) {
        sink = 'failed';
        this.services.logger.warn(`monitor: the alert sink failed to deliver "${c.title}": ${(error as Error).message}`);
      }
    }
    const retrainId = c.retrain ? await this.requestRetraining({ kind: 'retrain', model, version, reason: c.title, alertId: id, requestedAt: now }) : null;
    await this.history.markDelivered(id, sink, retrainId);
    const finite = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);
    return { id, rule: c.rule, kind: c.kind, model, version, column: c.column, severity: c.severity, title: c.title, detail: c.detail, value: finite(c.value), threshold: finite(c.threshold), window, firedAt: now, delivered: { alertSink: sink, retrainRequestId: retrainId } };
  }

  /**
   * Submits the configured retraining pipeline to the orchestrator when one is configured (the
   * alert's id is the idempotency key, so a re-evaluated alert never starts a second run); records
   * the request either way.
   */
  private async requestRetraining(job: RetrainJob): Promise<number> {
    const orchestrator = this.services.orchestrator;
    let status: RetrainRequestRecord['status'] = 'recorded';
    let stored: Json = job;
    if (orchestrator) {
      const pipeline = this.monitorOptions.retrainPipeline;
      try {
        const { run, created } = await orchestrator.submit({
          pipeline,
          idempotencyKey: `monitor-alert-${job.alertId}`,
          trigger: { kind: 'alert', source: 'monitor', detail: { alertId: job.alertId, reason: job.reason } },
          tags: { model: job.model, version: String(job.version ?? ''), reason: job.reason.slice(0, 200) },
        });
        status = 'submitted';
        stored = { ...job, orchestrator: { pipeline, runId: run.id, status: run.status, created } };
      } catch (error) {
        status = 'failed';
        stored = { ...job, orchestrator: { pipeline }, error: (error as Error).message };
        this.services.logger.warn(`monitor: retraining ${job.model} was recorded but not submitted: ${(error as Error).message}`);
      }
    }
    return this.history.addRetrainRequest({ model: job.model, version: job.version, reason: job.reason, alertId: job.alertId, requestedAt: job.requestedAt, status, job: stored });
  }

  async windowReport(model: string, window: MonitorWindow): Promise<WindowReport & Json> {
    const { version, profile } = await this.references.resolve(model);
    const now = this.clock();
    const current = await this.windows.window(version.name, version.version, window, now);
    return buildWindowReport(version.name, version.version, window, profile, current, windowDrift(profile, current, this.driftOptions), now);
  }

  /**
   * The window report as `@mlops/report`'s `DriftReportData`, with the performance panel (when the
   * monitor reads feedback) and the alerts of this version that fired within the window.
   */
  async driftReport(model: string, window: MonitorWindow): Promise<Json> {
    const { version } = await this.references.resolve(model);
    const report = await this.windowReport(`${version.name}:${version.version}`, window);
    const performance = this.performances ? await this.performances.of(version, window) : undefined;
    const alerts = (await this.history.listAlerts({ model: version.name, limit: 1000 })).filter((a) => a.version === version.version && a.firedAt >= window.since && a.firedAt <= window.until);
    const at = model.indexOf('@');
    const alias = at > 0 ? model.slice(at + 1) : undefined;
    return toDriftReportData(report, { alias: alias && !/^\d+$/.test(alias) ? alias : undefined, performance, alerts: alerts.reverse() }) as unknown as Json;
  }

  listAlerts(options?: { limit?: number; model?: string }): Promise<MonitorAlertRecord[]> {
    return this.history.listAlerts(options);
  }

  listRetrainRequests(options?: { limit?: number; model?: string }): Promise<RetrainRequestRecord[]> {
    return this.history.listRetrainRequests(options);
  }
}
