import type { MonitorWindow } from '@mlops/core';
import { DatasetProfile, type DatasetProfileJson } from '@mlops/drift';
import type { SqlStoreHandle } from '@mlops/sql-metadata';
import { decodeCall } from '../lib/decodeCall';
import { predictionLogTable } from '../migrations/0001_prediction_log';
import { windowProfilesTable } from '../migrations/0002_monitor_profiles';
import { profileTensors } from './profileTensors';

/** How window profiles are cut: interval length, and how long after an interval ends its rows are final. */
export interface WindowProfileOptions {
  intervalMs: number;
  /** An interval is profiled and stored once `end + settleMs` has passed (rows still in a writer's buffer land by then). */
  settleMs: number;
}

/** Log rows decoded per query while profiling an interval (each holds a flush's worth of calls). */
const pageSize = 200;

/**
 * Profiles of served traffic per model version, built incrementally: each closed interval of the
 * prediction log is decoded once, profiled and stored in `monitor_window_profiles`; a window merges
 * the stored interval profiles it covers (a day of hourly profiles is 24 small JSON documents, never
 * the day's rows) and profiles only its unfinished edges from raw rows.
 */
export class WindowProfiles {
  private readonly logTable: string;
  private readonly table: string;

  constructor(
    private readonly sql: SqlStoreHandle,
    private readonly options: WindowProfileOptions,
  ) {
    this.logTable = sql.schema ? `${sql.schema}.${predictionLogTable}` : predictionLogTable;
    this.table = sql.schema ? `${sql.schema}.${windowProfilesTable}` : windowProfilesTable;
  }

  /** Model versions with logged rows in the window, and their row counts (from the log's index columns). */
  async servedVersions(window: MonitorWindow): Promise<{ model: string; version: number | null; rows: number }[]> {
    const rows = (await this.sql.knex(this.logTable).select('model', 'version').sum({ rows: 'row_count' }).where('served_at', '>=', window.since).andWhere('served_at', '<', window.until).groupBy('model', 'version').orderBy(['model', 'version'])) as { model: string; version: number | null; rows: unknown }[];
    return rows.map((r) => ({ model: r.model, version: r.version === null ? null : Number(r.version), rows: Number(r.rows) }));
  }

  /** The merged profile of a model version's calls served in `[since, until)`, as of `now`. */
  async window(model: string, version: number | null, window: MonitorWindow, now: number): Promise<DatasetProfile> {
    const { intervalMs, settleMs } = this.options;
    const firstFull = Math.ceil(window.since / intervalMs) * intervalMs;
    // Intervals that lie inside the window and are settled come from the table; the rest from raw rows.
    let lastFullEnd = firstFull;
    while (lastFullEnd + intervalMs <= window.until && lastFullEnd + intervalMs + settleMs <= now) lastFullEnd += intervalMs;
    const parts: DatasetProfile[] = [];
    if (lastFullEnd > firstFull) parts.push(...(await this.storedIntervals(model, version, firstFull, lastFullEnd, now)));
    if (lastFullEnd > firstFull) {
      if (window.since < firstFull) parts.push(await this.profileRaw(model, version, window.since, firstFull));
      if (lastFullEnd < window.until) parts.push(await this.profileRaw(model, version, lastFullEnd, window.until));
    } else parts.push(await this.profileRaw(model, version, window.since, window.until));
    return mergeOwned(parts);
  }

  /** Stored profiles of the intervals in `[from, to)`, profiling and storing the missing ones first. */
  private async storedIntervals(model: string, version: number | null, from: number, to: number, now: number): Promise<DatasetProfile[]> {
    const key = version ?? -1;
    const { intervalMs } = this.options;
    const stored = (await this.sql.knex(this.table).select('interval_start', 'profile').where({ model, version: key, interval_ms: intervalMs }).andWhere('interval_start', '>=', from).andWhere('interval_start', '<', to)) as { interval_start: unknown; profile: string }[];
    const byStart = new Map(stored.map((r) => [Number(r.interval_start), r.profile]));
    const out: DatasetProfile[] = [];
    for (let start = from; start < to; start += intervalMs) {
      const text = byStart.get(start);
      if (text !== undefined) {
        out.push(DatasetProfile.fromJSON(JSON.parse(text) as DatasetProfileJson));
        continue;
      }
      const profile = await this.profileRaw(model, version, start, start + intervalMs);
      // Another evaluator may have stored it meanwhile: both computed the same rows, keep the first.
      await this.sql.knex(this.table).insert({ model, version: key, interval_start: start, interval_ms: intervalMs, row_count: profile.rowCount, profile: JSON.stringify(profile), created_at: now }).onConflict(['model', 'version', 'interval_ms', 'interval_start']).ignore();
      out.push(profile);
    }
    return out;
  }

  /**
   * Deletes interval profiles that ended before `before` (the log's retention). On SQLite it does not
   * wait for another process's lock (better-sqlite3 would wait synchronously, freezing a server's
   * event loop): it fails, and the next retention check retries.
   */
  async expire(before: number): Promise<number> {
    let deleted = 0;
    await this.sql.knex.transaction(async (trx) => {
      const sqlite = this.sql.dialect === 'sqlite';
      const busy = sqlite ? (((await trx.raw('PRAGMA busy_timeout')) as { timeout?: number }[])[0]?.timeout ?? 5000) : 0;
      if (sqlite) await trx.raw('PRAGMA busy_timeout = 0');
      try {
        deleted = await trx(this.table).whereRaw('interval_start + interval_ms <= ?', [before]).delete();
      } finally {
        if (sqlite) await trx.raw(`PRAGMA busy_timeout = ${Math.floor(busy)}`);
      }
    });
    return deleted;
  }

  /** Decodes the log rows of `[since, until)` page by page into one profile (memory: one page of rows). */
  async profileRaw(model: string, version: number | null, since: number, until: number): Promise<DatasetProfile> {
    const profile = DatasetProfile.empty();
    let after = 0;
    for (;;) {
      const q = this.sql.knex(this.logTable).where('model', model).andWhere('served_at', '>=', since).andWhere('served_at', '<', until).andWhere('id', '>', after).orderBy('id').limit(pageSize);
      if (version === null) q.whereNull('version');
      else q.andWhere('version', version);
      const page = (await q) as Record<string, unknown>[];
      for (const row of page) {
        const call = decodeCall(row);
        profileTensors(profile, 'input', call.inputs, call.rows);
        profileTensors(profile, 'output', call.outputs, call.rows);
        profile.rowCount += call.rows;
        after = call.id;
      }
      if (page.length < pageSize) return profile;
    }
  }
}

/**
 * Merges profiles this class just built or parsed (nobody else holds them) into the first, column
 * by column in place: `DatasetProfile.merge` copies its receiver each time, which for a day of
 * intervals would copy the growing window 24 times.
 */
function mergeOwned(parts: DatasetProfile[]): DatasetProfile {
  const out = DatasetProfile.empty();
  for (const part of parts) {
    out.rowCount += part.rowCount;
    for (const [name, column] of part.columns) {
      const mine = out.columns.get(name);
      if (mine === undefined) out.columns.set(name, column);
      else if (mine.kind === 'numeric' && column.kind === 'numeric') mine.merge(column);
      else if (mine.kind === 'counts' && column.kind === 'counts') mine.merge(column);
      else throw new Error(`monitor: column ${name} is ${mine.kind} in one interval profile and ${column.kind} in another`);
    }
  }
  return out;
}
