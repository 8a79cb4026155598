import type { Knex } from 'knex';
import type { SqlStoreHandle } from '@mlops/sql-metadata';
import { dispatchersTable } from '../migrations/0001_local_dispatchers';

/** The `orchestrator_local_dispatchers` rows: who runs steps now. */
export class DispatcherRegistry {
  /** @param sql gives the handle on first use. */
  constructor(private readonly sql: () => SqlStoreHandle) {}

  private t(): Knex.QueryBuilder {
    const { knex, schema } = this.sql();
    return schema ? knex.withSchema(schema).table(dispatchersTable) : knex.table(dispatchersTable);
  }

  async register(id: string, role: string, now: number): Promise<void> {
    await this.t().insert({ id, role, started_at: now, heartbeat_at: now }).onConflict('id').merge(['role', 'heartbeat_at']);
  }

  async heartbeat(id: string, now: number): Promise<void> {
    await this.t().where({ id }).update({ heartbeat_at: now });
  }

  async remove(id: string): Promise<void> {
    await this.t().where({ id }).delete();
  }

  /** Dispatchers heard from since `since`; older rows (killed processes) are deleted on the way. */
  async live(since: number): Promise<{ id: string; role: string; startedAt: number }[]> {
    await this.t().where('heartbeat_at', '<', since).delete();
    const rows = (await this.t().orderBy('started_at').select('id', 'role', 'started_at')) as { id: string; role: string; started_at: number }[];
    return rows.map((r) => ({ id: r.id, role: r.role, startedAt: Number(r.started_at) }));
  }
}
