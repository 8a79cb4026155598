import type { AlertSink, ArtifactStore, Json, ModelVersion, Monitor, MonitorAlertRecord, MonitorEvaluation, MonitorWindow, ModelRegistry, RetrainRequestRecord, StageService } from '@mlops/core';
import type { DriftOptions } from '@mlops/drift';
import { AlertHistory, dedupeKey } from './alerts/AlertHistory';
import { applyRules, type AlertCandidate } from './alerts/applyRules';
import { windowDrift } from './drift/windowDrift';
import type { MonitorOptions } from './options';
import { PredictionLog, type PredictionLogDeps } from './PredictionLog';
import { ReferenceProfiles } from './profiles/loadReference';
import { WindowProfiles } from './profiles/WindowProfiles';
import { buildWindowReport } from './report/buildWindowReport';
import { MonitorMetrics } from './metrics/MonitorMetrics';

/** Services the monitor uses when they are configured. */
export interface MonitorServiceDeps extends PredictionLogDeps {
  registry?: ModelRegistry;
  artifactStore?: ArtifactStore;
  alertSink?: AlertSink;
  /** An orchestrator with `submit(job)` receives retraining jobs; without one they are recorded only. */
  orchestrator?: StageService;
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

  /** Hands the job to the orchestrator when one with `submit` is configured; records the request either way. */
  private async requestRetraining(job: RetrainJob): Promise<number> {
    const orchestrator = this.services.orchestrator;
    let status: RetrainRequestRecord['status'] = 'recorded';
    let stored: Json = job;
    if (orchestrator) {
      const submit = orchestrator.submit;
      if (typeof submit !== 'function') {
        status = 'failed';
        stored = { ...job, error: 'the configured orchestrator has no submit(job) method' };
      } else {
        try {
          const answer = (await (submit as (j: RetrainJob) => unknown).call(orchestrator, job)) as Json | undefined;
          status = 'submitted';
          stored = { ...job, orchestrator: answer ?? null };
        } catch (error) {
          status = 'failed';
          stored = { ...job, error: (error as Error).message };
        }
      }
      if (status === 'failed') this.services.logger.warn(`monitor: retraining ${job.model} was recorded but not submitted: ${(stored as { error: string }).error}`);
    }
    return this.history.addRetrainRequest({ model: job.model, version: job.version, reason: job.reason, alertId: job.alertId, requestedAt: job.requestedAt, status, job: stored });
  }

  async windowReport(model: string, window: MonitorWindow): Promise<Json> {
    const { version, profile } = await this.references.resolve(model);
    const now = this.clock();
    const current = await this.windows.window(version.name, version.version, window, now);
    return buildWindowReport(version.name, version.version, window, profile, current, windowDrift(profile, current, this.driftOptions), now);
  }

  listAlerts(options?: { limit?: number; model?: string }): Promise<MonitorAlertRecord[]> {
    return this.history.listAlerts(options);
  }

  listRetrainRequests(options?: { limit?: number; model?: string }): Promise<RetrainRequestRecord[]> {
    return this.history.listRetrainRequests(options);
  }
}
