import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertSink, Alert, Logger } from '@mlops/core';
import { openSqlMetadataStore, sqlHandleOf, type SqlMetadataStore, type SqlStoreDescription } from '@mlops/sql-metadata';
import { dropPostgresSchema, MemoryArtifactStore, postgresTestUrl, uniqueTestName } from '@mlops/testkit';
import { modelRegistryOptions, type ModelRegistryUserOptions } from '../options';
import { SqlModelRegistry } from '../SqlModelRegistry';

/** One database for a test file: a migrated metadata store, and how a child process opens it. */
export interface RegistryDatabase {
  kind: 'sqlite' | 'postgres';
  store: SqlMetadataStore;
  description: SqlStoreDescription;
  cleanup(): Promise<void>;
}

/** An alert sink that keeps what it is sent. */
export function recordingAlertSink(): AlertSink & { alerts: Alert[] } {
  const alerts: Alert[] = [];
  return { alerts, send: async (alert) => void alerts.push(alert) };
}

/** A logger that keeps its warnings. */
export function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, error() {}, warn: (m) => void warnings.push(m) };
}

async function opened(description: SqlStoreDescription, kind: RegistryDatabase['kind'], cleanup: () => Promise<void>): Promise<RegistryDatabase> {
  const store = openSqlMetadataStore(description);
  await store.start();
  return {
    kind,
    store,
    description,
    cleanup: async () => {
      await store.close();
      await cleanup();
    },
  };
}

/** A metadata store on a new SQLite file in a temp folder, removed afterwards. */
export async function sqliteDatabase(): Promise<RegistryDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-model-registry-'));
  return opened({ kind: 'sqlite', path: join(dir, 'metadata.sqlite') }, 'sqlite', () => rm(dir, { recursive: true, force: true }));
}

/** A metadata store in a new `mlops_test_<random>` Postgres schema, dropped afterwards. */
export async function postgresDatabase(): Promise<RegistryDatabase> {
  const schema = uniqueTestName();
  return opened({ kind: 'pg', connection: postgresTestUrl(), schema }, 'postgres', () => dropPostgresSchema(schema));
}

/** What each test builds a registry with; all optional. */
export interface RegistrySetup {
  options?: ModelRegistryUserOptions;
  alerts?: AlertSink;
  logger?: Logger;
  now?: () => number;
}

/** A started registry over `db`, with its own in-memory artifact store. */
export async function createRegistry(db: RegistryDatabase, setup: RegistrySetup = {}): Promise<{ registry: SqlModelRegistry; artifacts: MemoryArtifactStore }> {
  const artifacts = new MemoryArtifactStore();
  const registry = new SqlModelRegistry({
    sql: sqlHandleOf(db.store.database, 'model-registry'),
    artifacts,
    options: modelRegistryOptions.parse(setup.options ?? {}),
    alerts: setup.alerts,
    logger: setup.logger,
    now: setup.now,
  });
  await registry.start();
  return { registry, artifacts };
}
