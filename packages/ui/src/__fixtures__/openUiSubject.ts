import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlModelRegistry } from '@mlops/model-registry';
import { openSqlMetadataStore, sqlHandleOf, type SqlMetadataStore, type SqlStoreDescription } from '@mlops/sql-metadata';
import { LocalArtifactStore } from '@mlops/storage-local';
import { dropPostgresSchema, postgresTestUrl, uniqueTestName } from '@mlops/testkit';
import { SqlTracker } from '@mlops/tracker';
import { createUiServer, type UiServer, type UiServerOptions } from '../createUiServer';
import type { UiServices } from '../UiSection';

/** The subject always has these four; the other services come from `extra`. */
type SubjectServices = UiServices & Required<Pick<UiServices, 'tracker' | 'registry' | 'metadata' | 'artifacts'>>;

/** A real store (SQLite file or Postgres schema) with the tracker, the registry and artifacts, and a dashboard on it. */
export interface UiSubject {
  services: SubjectServices;
  store: SqlMetadataStore;
  tracker: SqlTracker;
  registry: SqlModelRegistry;
  artifacts: LocalArtifactStore;
  server: UiServer;
  /** GET or POST on the dashboard's API; returns the status and parsed JSON. */
  api(path: string, init?: RequestInit): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * Opens the subject on SQLite (`'sqlite'`) or a fresh Postgres schema (`'postgres'`); `extra` adds
 * services built on the same store (an orchestrator) before the dashboard starts.
 */
export async function openUiSubject(kind: 'sqlite' | 'postgres', options: UiServerOptions = {}, extra: (store: SqlMetadataStore) => Partial<UiServices> = () => ({})): Promise<UiSubject> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-ui-'));
  const schema = uniqueTestName();
  const description: SqlStoreDescription = kind === 'sqlite' ? { kind: 'sqlite', path: join(dir, 'metadata.sqlite') } : { kind: 'pg', connection: postgresTestUrl(), schema };
  const store = openSqlMetadataStore(description);
  await store.start();
  const artifacts = new LocalArtifactStore({ path: join(dir, 'artifacts') });
  await artifacts.start?.();
  const tracker = new SqlTracker(sqlHandleOf(store.database, 'tracker'));
  await tracker.start();
  const registry = new SqlModelRegistry({ sql: sqlHandleOf(store.database, 'model-registry'), artifacts, options: undefined });
  await registry.start();
  const services: SubjectServices = { project: 'ui-test', store: store.database.dialect, tracker, registry, metadata: store, artifacts, ...extra(store) };
  const server = await createUiServer(services, { port: 0, ...options });
  return {
    services,
    store,
    tracker,
    registry,
    artifacts,
    server,
    async api(path, init) {
      const res = await fetch(`${server.url}/api/${path}`, init);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      await server.close();
      await services.orchestrator?.close?.();
      await registry.close?.();
      await tracker.close();
      await store.close();
      if (kind === 'postgres') await dropPostgresSchema(schema);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
