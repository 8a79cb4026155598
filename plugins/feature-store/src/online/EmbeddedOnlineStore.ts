import type { Knex } from 'knex';
import { StorageError, type FeatureScalar, type Health, type OnlineFeatureRow, type OnlineReadResult, type OnlineStore } from '@mlops/core';
import { runMigrations } from '@mlops/sql-metadata';
import { onlineMigrationsTable, onlineTable, onlineTableMigrations } from './onlineTableMigrations';
import { checkKeyText } from '../errors';
import { prepareOnlineWrite } from './prepareOnlineWrite';

/** Options of {@link EmbeddedOnlineStore}. */
export interface EmbeddedOnlineStoreOptions {
  /** The knex handle to use, normally the one of `tokens.database` (`sqlHandleOf(db, …).knex`); stays the caller's to destroy. */
  knex: Knex;
  /** Postgres schema for the table (the metadata store's schema); none for SQLite. */
  schema?: string | undefined;
  /** Rows per INSERT statement; all statements of one write share a transaction. Default 500 (6 parameters per row). */
  rowsPerStatement?: number;
}

interface StoredRow {
  entity_key: string;
  feature_values: string;
  event_ts: number;
  written_at: number;
}

/**
 * {@link OnlineStore} in one SQL table (SQLite or Postgres) through knex: the default when no
 * online store plugin is configured, so serving needs no extra server. Values are stored as JSON;
 * a write is one transaction of monotonic upserts; a read of many keys is one query.
 */
export class EmbeddedOnlineStore implements OnlineStore {
  private readonly knex: Knex;
  private readonly table: string;
  private readonly schema: string | undefined;
  private readonly postgres: boolean;
  private readonly rowsPerStatement: number;
  private ready: Promise<void> | undefined;

  constructor(options: EmbeddedOnlineStoreOptions) {
    this.knex = options.knex;
    this.schema = options.schema;
    this.table = options.schema ? `${options.schema}.${onlineTable}` : onlineTable;
    this.postgres = (options.knex.client as { dialect?: string }).dialect === 'postgresql';
    this.rowsPerStatement = options.rowsPerStatement ?? 500;
    if (options.schema !== undefined && !this.postgres) throw new StorageError(`EmbeddedOnlineStore: a schema ("${options.schema}") is only supported on Postgres`);
  }

  /** Creates the table if missing (safe from several processes at once). */
  async start(): Promise<void> {
    await this.ensureTable();
  }

  async health(): Promise<Health> {
    try {
      await this.ensureTable();
      await this.knex.raw('select 1 from ?? limit 1', [this.table]);
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: `online store table ${this.table}: ${(error as Error).message}` };
    }
  }

  async write(view: string, rows: readonly OnlineFeatureRow[], options: { expireAfterMs?: number | null } = {}): Promise<void> {
    const prepared = prepareOnlineWrite(view, rows, options.expireAfterMs);
    await this.ensureTable();
    const now = Date.now();
    const expiresAt = prepared.expireAfterMs === null ? null : now + prepared.expireAfterMs;
    await this.op(`write to view "${view}"`, () =>
      this.knex.transaction(async (trx) => {
        // Expired rows go first, so they neither block an older event time nor linger.
        await trx.raw('delete from ?? where view_name = ? and expires_at <= ?', [this.table, view, now]);
        for (let at = 0; at < prepared.rows.length; at += this.rowsPerStatement) {
          await this.upsert(trx, view, prepared.rows.slice(at, at + this.rowsPerStatement), now, expiresAt);
        }
      }),
    );
  }

  async read(view: string, entityKeys: readonly string[], features: readonly string[]): Promise<(OnlineReadResult | null)[]> {
    if (entityKeys.length === 0) return [];
    // A lone surrogate would reach the database as U+FFFD and could read another entity's row.
    for (const key of entityKeys) checkKeyText('entityKey', key);
    await this.ensureTable();
    const found = await this.op(`read of view "${view}"`, () => this.select(view, entityKeys));
    const byKey = new Map(found.map((row) => [row.entity_key, row]));
    // Copies of one template share a shape, and a feature named `__proto__` stays a plain key.
    const template: Record<string, FeatureScalar> = Object.fromEntries(features.map((f) => [f, null]));
    return entityKeys.map((key) => {
      const row = byKey.get(key);
      if (!row) return null;
      const stored = JSON.parse(row.feature_values) as Record<string, FeatureScalar>;
      const values = { ...template };
      for (const feature of features) if (Object.hasOwn(stored, feature)) values[feature] = stored[feature]!;
      return { values, eventTimestamp: Number(row.event_ts), writtenAt: Number(row.written_at) };
    });
  }

  async deleteView(view: string): Promise<void> {
    await this.ensureTable();
    await this.op(`delete of view "${view}"`, () => this.knex.raw('delete from ?? where view_name = ?', [this.table, view]));
  }

  /** Nothing to release: the knex handle belongs to the caller. */
  close(): void {}

  private async upsert(trx: Knex.Transaction, view: string, rows: OnlineFeatureRow[], now: number, expiresAt: number | null): Promise<void> {
    const bindings: unknown[] = [this.table];
    for (const row of rows) bindings.push(view, row.entityKey, JSON.stringify(row.values), row.eventTimestamp, now, expiresAt);
    // `>=`: an equal event time is a re-run of the same materialization, and the later write wins.
    await trx.raw(
      `insert into ?? as t (view_name, entity_key, feature_values, event_ts, written_at, expires_at) values ${rows.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}
       on conflict (view_name, entity_key) do update set feature_values = excluded.feature_values, event_ts = excluded.event_ts,
         written_at = excluded.written_at, expires_at = excluded.expires_at
       where excluded.event_ts >= t.event_ts`,
      bindings as Knex.RawBinding[],
    );
  }

  /** One query whatever the number of keys: they travel as a single array (pg) or JSON (SQLite) parameter. */
  private async select(view: string, entityKeys: readonly string[]): Promise<StoredRow[]> {
    const keys = this.postgres ? 'entity_key = any(?::text[])' : 'entity_key in (select value from json_each(?))';
    const result = await this.knex.raw(
      `select entity_key, feature_values, event_ts, written_at from ?? where view_name = ? and ${keys} and (expires_at is null or expires_at > ?)`,
      [this.table, view, this.postgres ? [...entityKeys] : JSON.stringify(entityKeys), Date.now()],
    );
    return (this.postgres ? (result as { rows: StoredRow[] }).rows : result) as StoredRow[];
  }

  private ensureTable(): Promise<void> {
    this.ready ??= runMigrations(this.knex, this.schema, { migrations: onlineTableMigrations, tableName: onlineMigrationsTable }).then(
      () => undefined,
      (error: unknown) => {
        this.ready = undefined; // a later call retries, e.g. once the database is back
        throw new StorageError(`online store: could not create table ${this.table}: ${(error as Error).message}`, { cause: error });
      },
    );
    return this.ready;
  }

  private async op<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw new StorageError(`online store ${what} failed: ${(error as Error).message}`, { cause: error });
    }
  }
}
