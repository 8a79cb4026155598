import knexFactory, { type Knex } from 'knex';
import { runMigrations } from '@mlops/sql-metadata';
import { TunerError, tunerErrorCodes } from '../errors';
import type { Distribution } from '../distributions';
import type { Direction, FrozenTrial, StudyRecord, TrialState } from '../types';
import { decodeValues, encodeValues, parseJson, rowsOf } from './sqlCodec';
import { applyParams, emptyTrial } from './trialRecords';
import { tunerMigrations, tunerMigrationsTable } from './tunerMigrations';
import type { StoredParam, TrialOutcome, TunerStorage } from './TunerStorage';

/** Where the tuner's tables live: a knex handle (yours) or a config (the storage owns the pool), and the Postgres schema. */
export interface SqlTunerStorageOptions {
  knex: Knex | Knex.Config;
  schema?: string;
}

interface TrialRow {
  id: number;
  number: number;
  state: TrialState;
  values: string | null;
  started_at: number | null;
  completed_at: number | null;
  heartbeat_at: number | null;
  error: string | null;
}

/**
 * Studies in SQLite or Postgres through knex, in `tuner_*` tables (own migrations table), shared by
 * any number of processes. Trial numbers come from a per-study counter row updated in the inserting
 * transaction; a waiting trial is claimed by one conditional UPDATE (`… FOR UPDATE SKIP LOCKED` on
 * Postgres), so two workers never get the same trial. SQLite writers queue on `busy_timeout` (WAL,
 * see `sqliteKnexConfig`) and every transaction starts with its write, so none fails "database is locked".
 * Finished trials are immutable, so reads fetch their params, values and attributes once per process.
 */
export class SqlTunerStorage implements TunerStorage {
  readonly knex: Knex;
  readonly schema: string | undefined;
  private readonly owned: boolean;
  private readonly finished = new Map<number, FrozenTrial>();
  private migrated: Promise<unknown> | undefined;

  constructor(options: SqlTunerStorageOptions) {
    this.owned = typeof options.knex !== 'function';
    this.knex = typeof options.knex === 'function' ? options.knex : knexFactory(options.knex);
    this.schema = options.schema;
  }

  /** Creates or updates the tuner's tables; safe from several processes at once. */
  async migrate(): Promise<void> {
    // One migration per process; a failed attempt is forgotten so the next call retries.
    this.migrated ??= runMigrations(this.knex, this.schema, { migrations: tunerMigrations, tableName: tunerMigrationsTable }).catch((error) => {
      this.migrated = undefined;
      throw error;
    });
    await this.migrated;
  }

  private t(table: string): Knex.QueryBuilder {
    return this.schema ? this.knex(table).withSchema(this.schema) : this.knex(table);
  }

  private q(table: string): string {
    return this.schema ? `${this.schema}.${table}` : table;
  }

  private get pg(): boolean {
    return (this.knex.client as { dialect?: string }).dialect === 'postgresql';
  }

  async createStudy(name: string, directions: Direction[]): Promise<StudyRecord> {
    await this.migrate();
    try {
      const [row] = await this.t('tuner_studies').insert({ name, directions: JSON.stringify(directions), next_number: 0, created_at: Date.now() }).returning(['id']);
      return { id: Number((row as { id: number }).id), name, directions: [...directions] };
    } catch (error) {
      if (await this.findStudy(name)) throw new TunerError(tunerErrorCodes.duplicateStudy, `study "${name}" already exists`, { path: 'study.name', badInput: true, cause: error });
      throw error;
    }
  }

  async findStudy(name: string): Promise<StudyRecord | undefined> {
    await this.migrate();
    const row = await this.t('tuner_studies').where({ name }).first();
    return row && { id: Number(row.id), name: row.name, directions: JSON.parse(row.directions) };
  }

  async listStudies(): Promise<StudyRecord[]> {
    await this.migrate();
    const rows = await this.t('tuner_studies').orderBy('id');
    return rows.map((row: { id: number; name: string; directions: string }) => ({ id: Number(row.id), name: row.name, directions: JSON.parse(row.directions) }));
  }

  async enqueueTrial(studyId: number, fixedParams: Record<string, unknown>, systemAttrs: Record<string, unknown> = {}): Promise<number> {
    const row = await this.insertTrial(studyId, 'waiting', { ...systemAttrs, fixed_params: fixedParams });
    return row.number;
  }

  async claimTrial(studyId: number): Promise<FrozenTrial> {
    await this.migrate();
    const now = Date.now();
    const pick = `select id from ?? where study_id = ? and state = 'waiting' order by number limit 1${this.pg ? ' for update skip locked' : ''}`;
    const claimed = rowsOf<TrialRow>(
      await this.knex.raw(`update ?? set state = 'running', started_at = ?, heartbeat_at = ? where id = (${pick}) and state = 'waiting' returning *`, [this.q('tuner_trials'), now, now, this.q('tuner_trials'), studyId]),
    )[0];
    const row = claimed ?? (await this.insertTrial(studyId, 'running'));
    return (await this.load([row]))[0]!;
  }

  // One transaction, opened by its write (the counter UPDATE) so SQLite takes the write lock first
  // and waits on busy_timeout rather than failing to upgrade a read lock.
  private async insertTrial(studyId: number, state: 'waiting' | 'running', systemAttrs: Record<string, unknown> = {}): Promise<TrialRow> {
    await this.migrate();
    const now = Date.now();
    return this.knex.transaction(async (tx) => {
      const counter = rowsOf<{ next_number: number }>(await tx.raw('update ?? set next_number = next_number + 1 where id = ? returning next_number', [this.q('tuner_studies'), studyId]))[0];
      if (!counter) throw new TunerError(tunerErrorCodes.notFound, `study id ${studyId} not found`);
      const table = this.schema ? tx('tuner_trials').withSchema(this.schema) : tx('tuner_trials');
      const running = state === 'running';
      const [row] = await table.insert({ study_id: studyId, number: Number(counter.next_number) - 1, state, started_at: running ? now : null, heartbeat_at: running ? now : null }).returning('*');
      const attrs = Object.entries(systemAttrs).map(([key, value]) => ({ trial_id: row.id, kind: 'system', key, value: JSON.stringify(value) }));
      if (attrs.length) await (this.schema ? tx('tuner_attrs').withSchema(this.schema) : tx('tuner_attrs')).insert(attrs);
      return row as TrialRow;
    });
  }

  async writeTrial(trialId: number, update: { params?: StoredParam[]; intermediate?: [number, number][]; systemAttrs?: Record<string, unknown>; userAttrs?: Record<string, unknown> }): Promise<void> {
    const params = (update.params ?? []).map((p) => ({ trial_id: trialId, name: p.name, distribution: JSON.stringify(p.distribution), value: p.value }));
    const steps = (update.intermediate ?? []).map(([step, value]) => ({ trial_id: trialId, step, value: Number.isNaN(value) ? null : value }));
    const attrs = [
      ...Object.entries(update.systemAttrs ?? {}).map(([key, value]) => ({ trial_id: trialId, kind: 'system', key, value: JSON.stringify(value) })),
      ...Object.entries(update.userAttrs ?? {}).map(([key, value]) => ({ trial_id: trialId, kind: 'user', key, value: JSON.stringify(value) })),
    ];
    if (!params.length && !steps.length && !attrs.length) return;
    await this.knex.transaction(async (tx) => {
      const table = (name: string) => (this.schema ? tx(name).withSchema(this.schema) : tx(name));
      if (params.length) await table('tuner_params').insert(params).onConflict(['trial_id', 'name']).ignore();
      if (steps.length) await table('tuner_intermediate').insert(steps).onConflict(['trial_id', 'step']).ignore();
      if (attrs.length) await table('tuner_attrs').insert(attrs).onConflict(['trial_id', 'kind', 'key']).merge(['value']);
    });
  }

  async finishTrial(trialId: number, outcome: TrialOutcome): Promise<boolean> {
    const changed = await this.t('tuner_trials')
      .where({ id: trialId, state: 'running' })
      .update({ state: outcome.state, values: outcome.values ? encodeValues(outcome.values) : null, error: outcome.error ?? null, completed_at: Date.now() });
    return Number(changed) === 1;
  }

  async heartbeat(trialId: number): Promise<void> {
    await this.t('tuner_trials').where({ id: trialId, state: 'running' }).update({ heartbeat_at: Date.now() });
  }

  async failStaleTrials(studyId: number, staleMs: number): Promise<number[]> {
    await this.migrate();
    const now = Date.now();
    const rows = rowsOf<{ number: number }>(
      await this.knex.raw(`update ?? set state = 'fail', error = ?, completed_at = ? where study_id = ? and state = 'running' and heartbeat_at < ? returning number`, [this.q('tuner_trials'), `no heartbeat for ${staleMs} ms`, now, studyId, now - staleMs]),
    );
    return rows.map((r) => Number(r.number)).sort((a, b) => a - b);
  }

  async getTrials(studyId: number, states?: readonly TrialState[]): Promise<FrozenTrial[]> {
    await this.migrate();
    let query = this.t('tuner_trials').where({ study_id: studyId });
    if (states) query = query.whereIn('state', [...states]);
    return this.load(await query.orderBy('number'));
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    const row = await this.t('tuner_trials').where({ id: trialId }).first();
    if (!row) throw new TunerError(tunerErrorCodes.notFound, `trial id ${trialId} not found`);
    return (await this.load([row]))[0]!;
  }

  /** Builds trials from their rows, reading details only for trials not cached as finished. */
  private async load(rows: TrialRow[]): Promise<FrozenTrial[]> {
    const out = new Map<number, FrozenTrial>();
    const missing: TrialRow[] = [];
    for (const row of rows) {
      const cached = this.finished.get(Number(row.id));
      if (cached && cached.state === row.state) out.set(cached.id, cached);
      else missing.push(row);
    }
    for (let i = 0; i < missing.length; i += 500) {
      const chunk = missing.slice(i, i + 500);
      const ids = chunk.map((r) => Number(r.id));
      const [params, steps, attrs] = await Promise.all([
        this.t('tuner_params').whereIn('trial_id', ids),
        this.t('tuner_intermediate').whereIn('trial_id', ids).orderBy('step'),
        this.t('tuner_attrs').whereIn('trial_id', ids),
      ]);
      const built = new Map(chunk.map((r) => [Number(r.id), fromRow(r)]));
      for (const p of params) applyParams(built.get(Number(p.trial_id))!, [{ name: p.name, distribution: parseDistribution(p.distribution), value: Number(p.value) }]);
      for (const s of steps) built.get(Number(s.trial_id))!.intermediate.set(Number(s.step), s.value === null ? NaN : Number(s.value));
      for (const a of attrs) {
        const t = built.get(Number(a.trial_id))!;
        (a.kind === 'user' ? t.userAttrs : t.systemAttrs)[a.key] = parseJson(a.value);
      }
      for (const t of built.values()) {
        if (t.state !== 'running' && t.state !== 'waiting') this.finished.set(t.id, t);
        out.set(t.id, t);
      }
    }
    return rows.map((r) => out.get(Number(r.id))!);
  }

  async close(): Promise<void> {
    if (this.owned) await this.knex.destroy();
  }
}

function fromRow(row: TrialRow): FrozenTrial {
  const t = emptyTrial(Number(row.id), Number(row.number), row.state);
  t.values = row.values === null ? undefined : decodeValues(row.values);
  t.startedAt = row.started_at === null ? undefined : Number(row.started_at);
  t.completedAt = row.completed_at === null ? undefined : Number(row.completed_at);
  t.heartbeatAt = row.heartbeat_at === null ? undefined : Number(row.heartbeat_at);
  t.error = row.error ?? undefined;
  return t;
}

// JSON drops `step: undefined`; put it back so a read distribution equals the one written.
function parseDistribution(text: string): Distribution {
  const d = JSON.parse(text) as Distribution;
  return d.type === 'float' ? { ...d, step: d.step ?? undefined } : d;
}
