import { checkFeedbackLabel, type FeedbackLabel, type FeedbackReceipt } from '@mlops/core';
import type { SqlStoreHandle } from '@mlops/sql-metadata';
import { feedbackTable } from './feedbackMigrations';
import { withoutWaitingForLocks } from './withoutWaitingForLocks';

/**
 * Keys per `IN (...)` lookup: below SQLite's 32,766 and Postgres's 65,535 bindings, and large because
 * each statement's round trip dominates. Rows per INSERT: knex writes a multi-row insert on SQLite
 * as a compound SELECT, which SQLite limits to 500 terms.
 */
const chunk = 5000;
const insertRows = 500;
/** Row ranges per lookup: 3 bindings each, and few per window (one per batch job in it, usually). */
const rangesPerQuery = 200;
/** Past this many ranges (a window full of client ids shaped like chunks), one lookup per id beats hundreds of range statements. */
const rangeLookupsUpTo = 1000;
/** A window of at least `scanFrom` ids scans the table when it holds at most `scanShare` labels per id. */
const scanFrom = 5000;
const scanShare = 4;

/** Rows `from` to `to` (inclusive) of one request id. */
export interface RowRange {
  requestId: string;
  from: number;
  to: number;
}

/** A label's key in maps: request id and row (a request id may hold any character but NUL, which JSON ids rarely do). */
export const labelKey = (requestId: string, row: number) => `${row}\u0000${requestId}`;

/**
 * Stores labels in `monitor_feedback` (SQLite or Postgres, through the database service), one row per
 * (request id, row). Idempotent per key: the same label again is `unchanged`, another label is an
 * `update` (the newer wins). Labels are checked here too, whoever calls (server, CLI, code).
 */
export class FeedbackStore {
  private readonly table: string;

  constructor(
    private readonly sql: SqlStoreHandle,
    private readonly now: () => number = Date.now,
  ) {
    this.table = sql.schema ? `${sql.schema}.${feedbackTable}` : feedbackTable;
  }

  async record(labels: readonly FeedbackLabel[]): Promise<FeedbackReceipt> {
    // Last entry per key wins inside one batch, as it would across batches.
    const byKey = new Map<string, FeedbackLabel>();
    labels.forEach((l, i) => {
      const checked = checkFeedbackLabel(l, `labels[${i}]`);
      byKey.set(labelKey(checked.requestId, checked.row), { ...checked, label: String(checked.label) });
    });
    const receipt: FeedbackReceipt = { received: labels.length, inserted: 0, updated: 0, unchanged: 0 };
    const entries = [...byKey.values()];
    const receivedAt = this.now();
    await withoutWaitingForLocks(this.sql, async (trx) => {
      for (let start = 0; start < entries.length; start += chunk) {
        const part = entries.slice(start, start + chunk);
        const known = new Map<string, string>();
        const found = (await trx(this.table).whereIn('request_id', [...new Set(part.map((e) => e.requestId))]).select('request_id', 'row_index', 'label')) as { request_id: string; row_index: number; label: string }[];
        for (const f of found) known.set(labelKey(f.request_id, Number(f.row_index)), f.label);
        const fresh: Record<string, unknown>[] = [];
        for (const e of part) {
          const before = known.get(labelKey(e.requestId, e.row));
          if (before === e.label) receipt.unchanged++;
          else {
            if (before === undefined) receipt.inserted++;
            else receipt.updated++;
            fresh.push({ request_id: e.requestId, row_index: e.row, label: e.label, received_at: receivedAt });
          }
        }
        // Upsert: a concurrent writer (another server process) may have inserted a key since the lookup.
        for (let at = 0; at < fresh.length; at += insertRows) await trx(this.table).insert(fresh.slice(at, at + insertRows)).onConflict(['request_id', 'row_index']).merge(['label', 'received_at']);
      }
    });
    return receipt;
  }

  /**
   * Labels of the given request ids (every row of each), keyed by {@link labelKey}. When the ids are
   * a large share of the table (a big window), one scan of the table beats thousands of key lookups:
   * it reads the table once and keeps the rows whose id is wanted.
   */
  async labelsOf(requestIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const unique = [...new Set(requestIds)];
    if (unique.length === 0) return out;
    const keep = (rows: { request_id: string; row_index: number; label: string }[], wanted?: Set<string>) => {
      for (const r of rows) if (!wanted || wanted.has(r.request_id)) out.set(labelKey(r.request_id, Number(r.row_index)), r.label);
    };
    if (unique.length >= scanFrom && (await this.count()) <= unique.length * scanShare) {
      keep(await this.sql.knex(this.table).select('request_id', 'row_index', 'label'), new Set(unique));
      return out;
    }
    for (let start = 0; start < unique.length; start += chunk) keep(await this.sql.knex(this.table).whereIn('request_id', unique.slice(start, start + chunk)).select('request_id', 'row_index', 'label'));
    return out;
  }

  /**
   * Labels of rows `from`..`to` (inclusive) of each given request id, keyed by {@link labelKey}: an
   * index range scan per id, so a window that holds a few chunks of a large batch job reads the
   * labels of those rows, not of the whole job.
   */
  async labelsInRows(ranges: readonly RowRange[]): Promise<Map<string, string>> {
    if (ranges.length > rangeLookupsUpTo) return this.labelsOfRanges(ranges);
    const out = new Map<string, string>();
    for (let start = 0; start < ranges.length; start += rangesPerQuery) {
      const part = ranges.slice(start, start + rangesPerQuery);
      const rows = (await this.sql
        .knex(this.table)
        .where((q) => {
          for (const r of part) q.orWhere((w) => w.where('request_id', r.requestId).whereBetween('row_index', [r.from, r.to]));
        })
        .select('request_id', 'row_index', 'label')) as { request_id: string; row_index: number; label: string }[];
      for (const r of rows) out.set(labelKey(r.request_id, Number(r.row_index)), r.label);
    }
    return out;
  }

  /** Many ranges (client-chosen ids shaped like batch chunks): every label of the ids, by `labelsOf`'s batched lookups, kept where a range holds it. */
  private async labelsOfRanges(ranges: readonly RowRange[]): Promise<Map<string, string>> {
    const byId = new Map<string, RowRange[]>();
    for (const r of ranges) {
      const list = byId.get(r.requestId);
      if (list) list.push(r);
      else byId.set(r.requestId, [r]);
    }
    const all = await this.labelsOf([...byId.keys()]);
    const out = new Map<string, string>();
    for (const [key, label] of all) {
      const cut = key.indexOf('\u0000');
      const row = Number(key.slice(0, cut));
      if (byId.get(key.slice(cut + 1))?.some((r) => row >= r.from && row <= r.to)) out.set(key, label);
    }
    return out;
  }

  /** Labels stored in all. */
  async count(): Promise<number> {
    const [row] = (await this.sql.knex(this.table).count({ n: '*' })) as { n: number | string }[];
    return Number(row?.n ?? 0);
  }
}
