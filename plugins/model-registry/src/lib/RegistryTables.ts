import type { Knex } from 'knex';
import type { SqlStoreHandle } from '@mlops/sql-metadata';
import type { ModelEvaluation, RegistryEvent } from '@mlops/core';
import * as rows from './rows';

type Db = Knex | Knex.Transaction;

/** A `registry_models` row. */
export interface ModelRow {
  name: string;
  latest_version: number;
  created_at: number;
  updated_at: number;
}

/** Typed access to the registry's tables: every SQL statement of the registry lives here. */
export class RegistryTables {
  constructor(private readonly sql: SqlStoreHandle) {}

  get knex(): Knex {
    return this.sql.knex;
  }

  table(name: string, db: Db = this.sql.knex): Knex.QueryBuilder {
    return db(this.sql.schema ? `${this.sql.schema}.${name}` : name);
  }

  /**
   * Locks the model's row for the rest of the transaction, so writes to one model run one at a
   * time: `SELECT … FOR UPDATE` on Postgres; on SQLite a write statement, which takes the
   * database's write lock at once (a read first would let two deferred transactions both read the
   * old state and then fail to upgrade).
   */
  async lockModel(trx: Knex.Transaction, name: string): Promise<ModelRow | undefined> {
    if (this.sql.dialect === 'postgresql') {
      return (await this.table('registry_models', trx).select('*').where({ name }).forUpdate().first()) as ModelRow | undefined;
    }
    await this.table('registry_models', trx).where({ name }).update({ name });
    return (await this.table('registry_models', trx).select('*').where({ name }).first()) as ModelRow | undefined;
  }

  /** Bumps the model's counter (creating the model at 1) and returns the new version; row-locks it. */
  async allocateVersion(trx: Knex.Transaction, name: string, now: number): Promise<number> {
    const result = await trx.raw(
      'insert into ?? (name, latest_version, created_at, updated_at) values (?, 1, ?, ?) ' +
        'on conflict (name) do update set latest_version = registry_models.latest_version + 1, updated_at = excluded.updated_at returning latest_version',
      [this.qualified('registry_models'), name, now, now],
    );
    const returned = (Array.isArray(result) ? result : result.rows) as { latest_version: number | string }[];
    return Number(returned[0]!.latest_version);
  }

  async touchModel(trx: Knex.Transaction, name: string, now: number): Promise<void> {
    await this.table('registry_models', trx).where({ name }).update({ updated_at: now });
  }

  async models(): Promise<ModelRow[]> {
    return (await this.table('registry_models').select('*').orderBy('name', 'asc')) as ModelRow[];
  }

  async model(name: string, db: Db = this.knex): Promise<ModelRow | undefined> {
    return (await this.table('registry_models', db).select('*').where({ name }).first()) as ModelRow | undefined;
  }

  async versionRow(name: string, version: number, db: Db = this.knex): Promise<rows.VersionRow | undefined> {
    return (await this.table('registry_versions', db).select('*').where({ name, version }).first()) as rows.VersionRow | undefined;
  }

  /** Newest first. */
  async versionRows(name: string): Promise<rows.VersionRow[]> {
    return (await this.table('registry_versions').select('*').where({ name }).orderBy('version', 'desc')) as rows.VersionRow[];
  }

  async versionNumbers(name: string): Promise<number[]> {
    const found = (await this.table('registry_versions').select('version').where({ name }).orderBy('version', 'asc')) as { version: number | string }[];
    return found.map((r) => Number(r.version));
  }

  /** The version of `name` registered with this identity (artifacts and signature), if any. */
  async versionWithIdentity(trx: Knex.Transaction, name: string, identity: string): Promise<number | undefined> {
    const row = (await this.table('registry_versions', trx).select('version').where({ name, identity }).first()) as { version: number | string } | undefined;
    return row === undefined ? undefined : Number(row.version);
  }

  async insertVersion(trx: Knex.Transaction, row: rows.VersionRow): Promise<void> {
    await this.table('registry_versions', trx).insert(row);
  }

  async updateTags(trx: Knex.Transaction, name: string, version: number, tags: Record<string, string>): Promise<void> {
    await this.table('registry_versions', trx).where({ name, version }).update({ tags: JSON.stringify(tags) });
  }

  /** Evaluations of the given versions (all of the model's when omitted), oldest first per version. */
  async evaluations(name: string, versions?: number[], db: Db = this.knex): Promise<Map<number, ModelEvaluation[]>> {
    const q = this.table('registry_evaluations', db).select('*').where({ name });
    if (versions) q.whereIn('version', versions);
    const found = (await q.orderBy([{ column: 'evaluated_at' }, { column: 'id' }])) as rows.EvaluationRow[];
    const byVersion = new Map<number, ModelEvaluation[]>();
    for (const row of found) {
      const v = Number(row.version);
      byVersion.set(v, [...(byVersion.get(v) ?? []), rows.evaluationFromRow(row)]);
    }
    return byVersion;
  }

  async insertEvaluation(trx: Knex.Transaction, name: string, version: number, evaluation: ModelEvaluation): Promise<void> {
    await this.table('registry_evaluations', trx).insert(rows.evaluationToRow(name, version, evaluation));
  }

  /** Alias → version for one model. */
  async aliases(name: string, db: Db = this.knex): Promise<Record<string, number>> {
    const found = (await this.table('registry_aliases', db).select('alias', 'version').where({ name }).orderBy('alias', 'asc')) as { alias: string; version: number | string }[];
    return Object.fromEntries(found.map((r) => [r.alias, Number(r.version)]));
  }

  async allAliases(): Promise<{ name: string; alias: string; version: number }[]> {
    const found = (await this.table('registry_aliases').select('name', 'alias', 'version').orderBy('alias', 'asc')) as { name: string; alias: string; version: number | string }[];
    return found.map((r) => ({ ...r, version: Number(r.version) }));
  }

  async aliasVersion(trx: Knex.Transaction, name: string, alias: string): Promise<number | undefined> {
    const row = (await this.table('registry_aliases', trx).select('version').where({ name, alias }).first()) as { version: number | string } | undefined;
    return row === undefined ? undefined : Number(row.version);
  }

  /** Points the alias at `version`; `remember` pushes the version it left on the rollback stack. */
  async moveAlias(trx: Knex.Transaction, name: string, alias: string, version: number, from: number | undefined, remember: boolean, now: number): Promise<void> {
    if (from === undefined) await this.table('registry_aliases', trx).insert({ name, alias, version, updated_at: now });
    else await this.table('registry_aliases', trx).where({ name, alias }).update({ version, updated_at: now });
    if (remember && from !== undefined && from !== version) await this.table('registry_alias_stack', trx).insert({ name, alias, version: from });
  }

  /** Removes and returns the version the alias pointed at before its latest forward move. */
  async popPrevious(trx: Knex.Transaction, name: string, alias: string): Promise<number | undefined> {
    const top = (await this.table('registry_alias_stack', trx).select('id', 'version').where({ name, alias }).orderBy('id', 'desc').first()) as
      | { id: number | string; version: number | string }
      | undefined;
    if (!top) return undefined;
    await this.table('registry_alias_stack', trx).where({ id: top.id }).delete();
    return Number(top.version);
  }

  async appendEvent(trx: Knex.Transaction, event: rows.NewEvent): Promise<RegistryEvent> {
    const [inserted] = (await this.table('registry_events', trx).insert(rows.eventToRow(event)).returning('id')) as ({ id: number | string } | number)[];
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    return { ...event, id: Number(id) };
  }

  /** Oldest first; with `limit`, the newest `limit` events (still oldest first). */
  async events(name: string, limit?: number): Promise<RegistryEvent[]> {
    const q = this.table('registry_events').select('*').where({ model: name }).orderBy('id', 'desc');
    if (limit !== undefined) q.limit(limit);
    const found = (await q) as rows.EventRow[];
    return found.reverse().map(rows.eventFromRow);
  }

  private qualified(table: string): string {
    return this.sql.schema ? `${this.sql.schema}.${table}` : table;
  }
}
