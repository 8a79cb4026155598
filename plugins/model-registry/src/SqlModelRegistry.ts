import {
  isMlopsError,
  NotFoundError,
  StorageError,
  suggest,
  silentLogger,
  type AlertSink,
  type ArtifactStore,
  type AuditContext,
  type HookBus,
  type Health,
  type Json,
  type Logger,
  type ModelEvaluation,
  type ModelRegistry,
  type ModelVersion,
  type NewModelVersion,
  type PromotionResult,
  type RegisteredModel,
  type RegisteredVersion,
  type RegistryEvent,
} from '@mlops/core';
import type { Knex } from 'knex';
import { runMigrations, type SqlStoreHandle } from '@mlops/sql-metadata';
import { renderModelCard } from './card/renderModelCard';
import { RegistryError } from './errors';
import { evaluateGate } from './lib/evaluateGate';
import { checkEvaluation, checkNewVersion } from './lib/checkNewVersion';
import { checkAlias, checkModelName, checkVersion, parseModelRef } from './lib/names';
import { versionIdentity } from './lib/versionIdentity';
import { RegistryTables } from './lib/RegistryTables';
import { resolveActor } from './lib/resolveActor';
import { retryingTransaction } from './lib/retryingTransaction';
import * as rows from './lib/rows';
import { sendRefusalAlert } from './lib/sendRefusalAlert';
import { registryMessages } from './messages';
import { registryMigrations, registryMigrationsTable } from './migrations/0001_registry';
import { modelRegistryOptions, type ModelRegistryOptions } from './options';

/** What {@link SqlModelRegistry} is built from. */
export interface SqlModelRegistryDeps {
  /** The metadata store's connection (`sqlHandleOf(ctx.resolve(tokens.database), 'model-registry')`); the registry does not close it. */
  sql: SqlStoreHandle;
  /** Where model artifacts live: `register` checks every digest exists, the card reads the baseline. */
  artifacts: ArtifactStore;
  options?: ModelRegistryOptions;
  /** Refused promotions are sent here; without one they are logged as warnings. */
  alerts?: AlertSink;
  logger?: Logger;
  /** `modelRegistered` and `modelPromoted` are emitted here (the runtime's hooks; none in a bare registry). */
  hooks?: HookBus;
  /** Clock, for tests. */
  now?: () => number;
}

/** {@link ModelRegistry} in the metadata store's SQL database (SQLite or Postgres). Call `start()` first. */
export class SqlModelRegistry implements ModelRegistry {
  private readonly db: RegistryTables;
  private readonly options: ModelRegistryOptions;
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(private readonly deps: SqlModelRegistryDeps) {
    this.db = new RegistryTables(deps.sql);
    this.options = deps.options ?? modelRegistryOptions.parse({});
    this.now = deps.now ?? Date.now;
    this.logger = deps.logger ?? silentLogger;
  }

  /** Creates or updates the registry's tables (in the store's Postgres schema, if any). */
  async start(): Promise<void> {
    await this.op('migrate', () => runMigrations(this.deps.sql.knex, this.deps.sql.schema, { migrations: registryMigrations, tableName: registryMigrationsTable }));
  }

  async health(): Promise<Health> {
    try {
      await this.db.table('registry_models').count({ n: '*' });
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async register(input: NewModelVersion, audit: AuditContext = {}): Promise<RegisteredVersion> {
    const name = checkModelName(input.name);
    await checkNewVersion(input, this.deps.artifacts);
    const actor = this.actor(audit);
    const identity = versionIdentity(input.artifacts, input.signature);
    const { version, created } = await this.write('register', async (trx) => {
      const now = this.now();
      // Idempotent by artifacts + signature: the same model registered again (an identical rerun)
      // is the version it already is. The lock orders writers to one model; two racing to create a
      // new model both find no row to lock, and the loser's insert breaks the unique index on
      // (name, identity), which the retry turns into finding the winner's version.
      await this.db.lockModel(trx, name);
      const existing = await this.db.versionWithIdentity(trx, name, identity);
      if (existing !== undefined) return { version: existing, created: false };
      const v = await this.db.allocateVersion(trx, name, now);
      await this.db.insertVersion(trx, {
        name,
        version: v,
        identity,
        run_id: input.runId ?? null,
        artifacts: JSON.stringify(input.artifacts),
        signature: JSON.stringify(input.signature),
        datasets: JSON.stringify(input.datasets ?? []),
        tags: JSON.stringify(input.tags ?? {}),
        description: input.description ?? null,
        training: input.training ? JSON.stringify(input.training) : null,
        features: input.features ? JSON.stringify(input.features) : null,
        created_at: now,
        created_by: actor,
      });
      if (input.evaluation) await this.db.insertEvaluation(trx, name, v, { ...input.evaluation, evaluatedAt: now });
      await this.db.appendEvent(trx, { model: name, version: v, type: 'register', alias: null, fromVersion: null, actor, reason: audit.reason ?? null, at: now, details: { artifacts: input.artifacts, runId: input.runId ?? null } });
      return { version: v, created: true };
    });
    const registered = (await this.getVersion(name, version))!;
    await this.deps.hooks?.emit('modelRegistered', { version: registered, created, actor });
    return { ...registered, created };
  }

  async addEvaluation(name: string, version: number, evaluation: Omit<ModelEvaluation, 'evaluatedAt'>, audit: AuditContext = {}): Promise<void> {
    checkEvaluation(evaluation, `addEvaluation ${name} v${version}`);
    await this.mustExist(name, version);
    const actor = this.actor(audit);
    await this.write('addEvaluation', async (trx) => {
      const now = this.now();
      await this.db.lockModel(trx, name);
      await this.db.insertEvaluation(trx, name, version, { ...evaluation, evaluatedAt: now });
      await this.db.touchModel(trx, name, now);
      const details = { datasetDigest: evaluation.datasetDigest, datasetName: evaluation.datasetName ?? null, metrics: evaluation.metrics };
      await this.db.appendEvent(trx, { model: name, version, type: 'evaluate', alias: null, fromVersion: null, actor, reason: audit.reason ?? null, at: now, details });
    });
  }

  async getVersion(name: string, ref: number | string): Promise<ModelVersion | undefined> {
    return this.op('getVersion', async () => {
      const aliases = await this.db.aliases(name);
      const version = typeof ref === 'number' ? ref : /^[0-9]+$/.test(ref) ? Number(ref) : aliases[ref];
      if (version === undefined) return undefined;
      const row = await this.db.versionRow(name, version);
      if (!row) return undefined;
      const evaluations = await this.db.evaluations(name, [version]);
      return rows.versionFromRow(row, evaluations.get(version) ?? [], aliasesOf(aliases, version));
    });
  }

  async resolve(ref: string): Promise<ModelVersion> {
    const parsed = parseModelRef(ref);
    const model = await this.op('resolve', () => this.db.model(parsed.name));
    if (!model) await this.throwNoModel(parsed.name);
    const wanted = 'latest' in parsed ? Number(model!.latest_version) : 'version' in parsed ? parsed.version : parsed.alias;
    const found = await this.getVersion(parsed.name, wanted);
    if (found) return found;
    const label = typeof wanted === 'number' ? `version ${wanted}` : `alias "${wanted}"`;
    throw new NotFoundError(registryMessages.noVersion(parsed.name, label, await this.db.versionNumbers(parsed.name), await this.db.aliases(parsed.name)));
  }

  async listModels(): Promise<RegisteredModel[]> {
    return this.op('listModels', async () => {
      const aliases = await this.db.allAliases();
      return (await this.db.models()).map((m) => ({
        name: m.name,
        latestVersion: Number(m.latest_version),
        aliases: Object.fromEntries(aliases.filter((a) => a.name === m.name).map((a) => [a.alias, a.version])),
        updatedAt: Number(m.updated_at),
      }));
    });
  }

  /** Newest first; an unknown model throws `NotFoundError` (an empty list would hide a typo). */
  async listVersions(name: string): Promise<ModelVersion[]> {
    await this.mustExistModel(name);
    return this.op('listVersions', async () => {
      const [found, evaluations, aliases] = [await this.db.versionRows(name), await this.db.evaluations(name), await this.db.aliases(name)];
      return found.map((row) => rows.versionFromRow(row, evaluations.get(Number(row.version)) ?? [], aliasesOf(aliases, Number(row.version))));
    });
  }

  async setTags(name: string, version: number, tags: Record<string, string>, audit: AuditContext = {}): Promise<void> {
    await this.mustExist(name, version);
    const actor = this.actor(audit);
    await this.write('setTags', async (trx) => {
      const now = this.now();
      await this.db.lockModel(trx, name);
      const row = (await this.db.versionRow(name, version, trx))!;
      // Merge: the given keys are set, others stay.
      await this.db.updateTags(trx, name, version, { ...(JSON.parse(row.tags) as Record<string, string>), ...tags });
      await this.db.touchModel(trx, name, now);
      await this.db.appendEvent(trx, { model: name, version, type: 'tag', alias: null, fromVersion: null, actor, reason: audit.reason ?? null, at: now, details: { tags } });
    });
  }

  async setAlias(name: string, alias: string, version: number, audit: AuditContext = {}): Promise<RegistryEvent> {
    checkAlias(alias);
    if (this.options.gatedAliases.includes(alias)) throw new RegistryError(registryMessages.gatedAlias(alias, name, version));
    await this.mustExist(name, version);
    const actor = this.actor(audit);
    return this.write('setAlias', async (trx) => {
      const now = this.now();
      await this.db.lockModel(trx, name);
      const from = await this.db.aliasVersion(trx, name, alias);
      await this.db.moveAlias(trx, name, alias, version, from, true, now);
      await this.db.touchModel(trx, name, now);
      return this.db.appendEvent(trx, { model: name, version, type: 'alias-set', alias, fromVersion: from ?? null, actor, reason: audit.reason ?? null, at: now, details: {} });
    });
  }

  async promote(name: string, version: number, options: { to?: string; force?: boolean } & AuditContext = {}): Promise<PromotionResult> {
    const alias = checkAlias(options.to ?? 'champion');
    const reason = options.reason?.trim() || null;
    if (options.force && !reason) throw new RegistryError(registryMessages.forceNeedsReason(name, version, alias));
    await this.mustExist(name, version);
    const actor = this.actor(options);
    const gate = this.options.gates[name] ?? this.options.gate;
    const result = await this.write('promote', async (trx): Promise<PromotionResult> => {
      const now = this.now();
      await this.db.lockModel(trx, name);
      // Read under the lock: the incumbent cannot change until this transaction ends.
      const from = await this.db.aliasVersion(trx, name, alias);
      const evaluations = await this.db.evaluations(name, from === undefined ? [version] : [version, from], trx);
      const decision = evaluateGate(gate, alias, { version, evaluations: evaluations.get(version) ?? [] }, from === undefined ? undefined : { version: from, evaluations: evaluations.get(from) ?? [] });
      const already = from === version;
      const moves = !already && (decision.passed || options.force === true);
      const type = decision.passed ? 'promote' : moves ? 'promotion-forced' : 'promotion-refused';
      if (moves) {
        await this.db.moveAlias(trx, name, alias, version, from, true, now);
        await this.db.touchModel(trx, name, now);
      }
      const event = await this.db.appendEvent(trx, { model: name, version, type, alias, fromVersion: from ?? null, actor, reason, at: now, details: { decision: decision as unknown as Json } });
      return { promoted: moves, forced: moves && !decision.passed, decision, event };
    });
    if (!result.promoted) await sendRefusalAlert(result, { alerts: this.deps.alerts, logger: this.logger });
    else if (result.forced) this.logger.warn(`${name} v${version} forced to ${alias} by ${actor}: ${reason}`, { reasons: result.decision.reasons });
    if (result.promoted) await this.deps.hooks?.emit('modelPromoted', { name, version, alias, forced: result.forced, result });
    return result;
  }

  async rollback(name: string, options: { alias?: string } & AuditContext = {}): Promise<RegistryEvent> {
    const alias = checkAlias(options.alias ?? 'champion');
    await this.mustExistModel(name);
    const actor = this.actor(options);
    return this.write('rollback', async (trx) => {
      const now = this.now();
      await this.db.lockModel(trx, name);
      const current = await this.db.aliasVersion(trx, name, alias);
      const previous = current === undefined ? undefined : await this.db.popPrevious(trx, name, alias);
      if (previous === undefined) throw new RegistryError(registryMessages.noPreviousVersion(name, alias, current));
      // Not remembered: a rollback walks the stack back, a second one goes further (v3 → v2 → v1).
      await this.db.moveAlias(trx, name, alias, previous, current, false, now);
      await this.db.touchModel(trx, name, now);
      return this.db.appendEvent(trx, { model: name, version: previous, type: 'rollback', alias, fromVersion: current ?? null, actor, reason: options.reason ?? null, at: now, details: {} });
    });
  }

  /** Oldest first; an unknown model throws `NotFoundError`. */
  async history(name: string, options: { limit?: number } = {}): Promise<RegistryEvent[]> {
    if (options.limit !== undefined && (!Number.isSafeInteger(options.limit) || options.limit < 1)) {
      throw new RegistryError(`history limit: expected a positive integer, received ${JSON.stringify(options.limit)}`);
    }
    await this.mustExistModel(name);
    return this.op('history', () => this.db.events(name, options.limit));
  }

  async modelCard(name: string, version: number, format: 'markdown' | 'html'): Promise<string> {
    if (format !== 'markdown' && format !== 'html') throw new RegistryError(`modelCard format: expected "markdown" or "html", received ${JSON.stringify(format)}`);
    const found = await this.mustExist(name, version);
    const events = (await this.history(name)).filter((e) => e.version === version || e.fromVersion === version);
    return renderModelCard({ version: found, events, card: this.options.cards[name] ?? {}, artifacts: this.deps.artifacts, format });
  }

  /** Nothing to release: the connection belongs to the metadata store. */
  async close(): Promise<void> {}

  private actor(audit: AuditContext): string {
    return resolveActor(this.options.actor, audit.actor);
  }

  private async mustExist(name: string, version: number): Promise<ModelVersion> {
    checkVersion(version);
    const found = await this.getVersion(name, version);
    if (found) return found;
    await this.mustExistModel(name);
    throw new NotFoundError(registryMessages.noVersion(name, `version ${version}`, await this.db.versionNumbers(name), await this.db.aliases(name)));
  }

  private async mustExistModel(name: string): Promise<void> {
    if (!(await this.op('lookup', () => this.db.model(name)))) await this.throwNoModel(name);
  }

  private async throwNoModel(name: string): Promise<never> {
    const known = (await this.db.models()).map((m) => m.name);
    throw new NotFoundError(registryMessages.noModel(name, known, suggest(name, known)));
  }

  private write<T>(operation: string, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.op(operation, () => retryingTransaction(this.deps.sql.knex, work));
  }

  /** Passes mlops errors through and wraps driver errors, keeping the cause. */
  private async op<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isMlopsError(error)) throw error;
      throw new StorageError(`model registry: ${operation} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}

function aliasesOf(aliases: Record<string, number>, version: number): string[] {
  return Object.entries(aliases)
    .filter(([, v]) => v === version)
    .map(([a]) => a);
}
