import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SqlStoreDescription } from '@mlops/sql-metadata';
import { dropPostgresSchema, postgresTestUrl, uniqueTestName } from '@mlops/testkit';
import { InMemoryStorage } from '../storage/InMemoryStorage';
import { openSqlTunerStorage } from '../storage/openSqlTunerStorage';
import type { TunerStorage } from '../storage/TunerStorage';

/** A storage to test, how another process opens the same one, and how to remove it. */
export interface StorageSubject {
  storage: TunerStorage;
  description: SqlStoreDescription | undefined;
  cleanup(): Promise<void>;
}

/** Built entry points child processes load (plain node, no TypeScript transform). */
export const builtTuner = resolve(__dirname, '..', '..', 'dist', 'index.js');

export async function memorySubject(): Promise<StorageSubject> {
  const storage = new InMemoryStorage();
  return { storage, description: undefined, cleanup: () => storage.close() };
}

/** A new SQLite file in a temp folder, removed afterwards. */
export async function sqliteSubject(): Promise<StorageSubject> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-tuner-'));
  const description: SqlStoreDescription = { kind: 'sqlite', path: join(dir, 'tuner.sqlite') };
  const storage = openSqlTunerStorage(description);
  return {
    storage,
    description,
    cleanup: async () => {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A new `mlops_test_<random>` Postgres schema, dropped afterwards. */
export async function postgresSubject(): Promise<StorageSubject> {
  const schema = uniqueTestName();
  const description: SqlStoreDescription = { kind: 'pg', connection: postgresTestUrl(), schema };
  const storage = openSqlTunerStorage(description);
  return {
    storage,
    description,
    cleanup: async () => {
      await storage.close();
      await dropPostgresSchema(schema);
    },
  };
}
