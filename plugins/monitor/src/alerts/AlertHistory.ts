import type { Json, MonitorAlertRecord, MonitorWindow, RetrainRequestRecord } from '@mlops/core';
import type { SqlStoreHandle } from '@mlops/sql-metadata';
import { alertsTable, retrainRequestsTable } from '../migrations/0002_monitor_profiles';
import type { AlertCandidate } from './applyRules';

/** The cooldown's identity of an alert: the same rule on the same model version and column. */
export function dedupeKey(c: AlertCandidate, model: string, version: number | null): string {
  // JSON, not a control-character separator: Postgres text refuses NUL bytes.
  return JSON.stringify([c.rule, model, version, c.column]);
}

/** Alert history and retraining requests in `monitor_alerts` / `monitor_retrain_requests`. */
export class AlertHistory {
  private readonly alerts: string;
  private readonly requests: string;

  constructor(private readonly sql: SqlStoreHandle) {
    this.alerts = sql.schema ? `${sql.schema}.${alertsTable}` : alertsTable;
    this.requests = sql.schema ? `${sql.schema}.${retrainRequestsTable}` : retrainRequestsTable;
  }

  /** True when the same alert fired at or after `since` (inside its cooldown). */
  async firedSince(key: string, since: number): Promise<boolean> {
    const row = await this.sql.knex(this.alerts).first('id').where('dedupe_key', key).andWhere('fired_at', '>=', since);
    return row !== undefined;
  }

  async addAlert(c: AlertCandidate, model: string, version: number | null, window: MonitorWindow, firedAt: number): Promise<number> {
    const row = { rule: c.rule, kind: c.kind, model, version, column_name: c.column, dedupe_key: dedupeKey(c, model, version), severity: c.severity, title: c.title, detail: c.detail, value: finiteOrNull(c.value), threshold: finiteOrNull(c.threshold), window_since: window.since, window_until: window.until, fired_at: firedAt, alert_sink: 'none' };
    return insertedId(await this.sql.knex(this.alerts).insert(row).returning('id'));
  }

  async markDelivered(id: number, alertSink: MonitorAlertRecord['delivered']['alertSink'], retrainRequestId: number | null): Promise<void> {
    await this.sql.knex(this.alerts).update({ alert_sink: alertSink, retrain_request_id: retrainRequestId }).where('id', id);
  }

  async addRetrainRequest(r: Omit<RetrainRequestRecord, 'id'>): Promise<number> {
    return insertedId(await this.sql.knex(this.requests).insert({ model: r.model, version: r.version, reason: r.reason, alert_id: r.alertId, requested_at: r.requestedAt, status: r.status, job: JSON.stringify(r.job) }).returning('id'));
  }

  async listAlerts(options: { limit?: number; model?: string } = {}): Promise<MonitorAlertRecord[]> {
    const q = this.sql.knex(this.alerts).orderBy('id', 'desc').limit(options.limit ?? 50);
    if (options.model) q.where('model', options.model);
    return ((await q) as Record<string, unknown>[]).map(toAlert);
  }

  async listRetrainRequests(options: { limit?: number; model?: string } = {}): Promise<RetrainRequestRecord[]> {
    const q = this.sql.knex(this.requests).orderBy('id', 'desc').limit(options.limit ?? 50);
    if (options.model) q.where('model', options.model);
    return ((await q) as Record<string, unknown>[]).map((r) => ({ id: Number(r.id), model: String(r.model), version: nullableNumber(r.version), reason: String(r.reason), alertId: nullableNumber(r.alert_id), requestedAt: Number(r.requested_at), status: r.status as RetrainRequestRecord['status'], job: JSON.parse(String(r.job)) as Json }));
  }
}

function toAlert(r: Record<string, unknown>): MonitorAlertRecord {
  return {
    id: Number(r.id),
    rule: String(r.rule),
    kind: String(r.kind),
    model: String(r.model),
    version: nullableNumber(r.version),
    column: r.column_name === null ? null : String(r.column_name),
    severity: r.severity as MonitorAlertRecord['severity'],
    title: String(r.title),
    detail: String(r.detail),
    value: nullableNumber(r.value),
    threshold: nullableNumber(r.threshold),
    window: { since: Number(r.window_since), until: Number(r.window_until) },
    firedAt: Number(r.fired_at),
    delivered: { alertSink: r.alert_sink as MonitorAlertRecord['delivered']['alertSink'], retrainRequestId: nullableNumber(r.retrain_request_id) },
  };
}

const nullableNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));
// SQL has no Infinity in a double column on every driver: a shift from a constant baseline is stored as null.
const finiteOrNull = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);

/** `insert ... returning id`: pg gives `[{ id }]` (bigint as a string), better-sqlite3 `[{ id }]` or `[id]`. */
function insertedId(result: unknown[]): number {
  const first = result[0] as { id?: unknown } | number | string;
  return Number(typeof first === 'object' && first !== null ? first.id : first);
}
