import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MetadataStoreSubject } from '@mlops/testkit';
import { dropPostgresSchema, postgresTestUrl, uniqueTestName } from '@mlops/testkit';
import { openSqlMetadataStore } from '../openSqlMetadataStore';
import type { SqlStoreDescription } from '../SqlStoreDescription';

/** Built entry point children load: they run plain node, not jest's TypeScript transform. */
export const builtEntry = resolve(__dirname, '..', '..', 'dist', 'index.js');

function subjectOf(description: SqlStoreDescription, cleanup: () => Promise<void>): MetadataStoreSubject {
  return {
    store: openSqlMetadataStore(description),
    remote: { module: builtEntry, exportName: 'openSqlMetadataStore', description },
    cleanup,
  };
}

/** A store on a new SQLite file in a temp folder, removed afterwards. */
export async function sqliteSubject(): Promise<MetadataStoreSubject> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-sql-metadata-'));
  return subjectOf({ kind: 'sqlite', path: join(dir, 'metadata.sqlite') }, () => rm(dir, { recursive: true, force: true }));
}

/** A store in a new `mlops_test_<random>` schema, dropped afterwards. */
export async function postgresSubject(): Promise<MetadataStoreSubject> {
  const schema = uniqueTestName();
  return subjectOf({ kind: 'pg', connection: postgresTestUrl(), schema }, () => dropPostgresSchema(schema));
}
