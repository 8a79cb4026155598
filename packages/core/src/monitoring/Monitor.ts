import type { Lifecycle } from '../plugins/Lifecycle';
import type { Json } from '../storage/records';

/** A time window of served traffic, epoch ms: `since` inclusive, `until` exclusive. */
export interface MonitorWindow {
  since: number;
  until: number;
}

/** One alert a monitor rule raised, as stored in its history. */
export interface MonitorAlertRecord {
  id: number;
  /** The rule's name (its `name` option, or `<kind>` by default). */
  rule: string;
  kind: string;
  model: string;
  version: number | null;
  /** The feature or output column the alert is about; null for dataset-level rules. */
  column: string | null;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  detail: string;
  /** The number that crossed the threshold (drift statistic, shift in standard deviations, share) and the threshold. */
  value: number | null;
  threshold: number | null;
  window: MonitorWindow;
  firedAt: number;
  /** Where it went: `alertSink` delivered, `retrain` requested (ids of the requests). */
  delivered: { alertSink: 'sent' | 'failed' | 'none'; retrainRequestId: number | null };
}

/** A request to retrain a model, handed to the orchestrator or recorded for a person or a cron job. */
export interface RetrainRequestRecord {
  id: number;
  model: string;
  version: number | null;
  /** Why: the alert's title. */
  reason: string;
  alertId: number | null;
  requestedAt: number;
  /** `submitted`: the orchestrator accepted the job (its answer in `job`); `recorded`: no orchestrator, stored only. */
  status: 'submitted' | 'recorded' | 'failed';
  job: Json;
}

/** What one evaluation of the alert rules did (`mlops monitor --once`). */
export interface MonitorEvaluation {
  evaluatedAt: number;
  window: MonitorWindow;
  /** Per served model version: rows in the window and what happened (or why it was skipped). */
  models: { model: string; version: number | null; rows: number; skipped?: string; driftedFeatures: string[]; driftShare: number | null; notes?: string[] }[];
  fired: MonitorAlertRecord[];
  /** Alerts that matched but were inside their cooldown (same rule, model, version and column). */
  suppressed: number;
}

/**
 * The monitor slot (`tokens.monitor`): the prediction log, reference profiles, window profiles,
 * drift and alert rules. Implemented by `@mlops/monitor`.
 */
export interface Monitor extends Lifecycle {
  /** How often `mlops monitor` calls `evaluate` (milliseconds). */
  readonly evaluateEveryMs: number;
  /** Writes every buffered prediction-log row now. */
  flush(): Promise<void>;
  /** Runs every alert rule over the window ending at `now` (default: the clock), delivering and storing what fires. */
  evaluate(options?: { now?: number }): Promise<MonitorEvaluation>;
  /**
   * Drift of one model's served traffic in a window against its reference profile, as plain JSON
   * for reports (shape in the `@mlops/monitor` README). `model` is `name@alias`, `name:3` or `name`.
   */
  windowReport(model: string, window: MonitorWindow): Promise<Json>;
  /**
   * The drift report of one model's window as `@mlops/report`'s `DriftReportData` (plain JSON:
   * summary, per-feature histograms and verdicts, the performance panel, the window's alerts), for
   * `mlops monitor report`, which validates and renders it. `model` as in `windowReport`.
   */
  driftReport(model: string, window: MonitorWindow): Promise<Json>;
  /** Alert history, newest first. */
  listAlerts(options?: { limit?: number; model?: string }): Promise<MonitorAlertRecord[]>;
  /** Retraining requests, newest first. */
  listRetrainRequests(options?: { limit?: number; model?: string }): Promise<RetrainRequestRecord[]>;
}
