import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sha256 } from '@mlops/core';
import { runMigrations, sqlHandleOf } from '@mlops/sql-metadata';
import { createRegistry, sqliteDatabase, type RegistryDatabase } from '../__fixtures__/subjects';
import { registry0001, registryMigrationsTable } from './0001_registry';

describe('migration 0002: version identity', () => {
  let db: RegistryDatabase;
  beforeAll(async () => {
    db = await sqliteDatabase();
  });
  afterAll(() => db.cleanup());

  it('backfills the identity of existing versions; duplicates made before it resolve to the oldest', async () => {
    const knex = sqlHandleOf(db.store.database, 'model-registry').knex;
    await runMigrations(knex, undefined, { migrations: [registry0001], tableName: registryMigrationsTable });
    const bytes = new TextEncoder().encode('onnx of old');
    const onnx = sha256(bytes);
    const signature = { task: 'regression', inputs: [{ name: 'x', type: 'double' }], outputs: [] };
    await knex('registry_models').insert({ name: 'old', latest_version: 2, created_at: 1, updated_at: 1 });
    const row = { name: 'old', run_id: null, artifacts: JSON.stringify({ onnx }), signature: JSON.stringify(signature), datasets: '[]', tags: '{}', description: null, training: null, created_at: 1, created_by: 'ana' };
    await knex('registry_versions').insert([{ ...row, version: 1 }, { ...row, version: 2 }]);

    // Starting a registry runs 0002; the same model registered once more is the oldest copy.
    const { registry, artifacts } = await createRegistry(db);
    expect((await artifacts.put(bytes)).digest).toBe(onnx);
    const identities = (await knex('registry_versions').select('version', 'identity').where({ name: 'old' }).orderBy('version')) as { version: number; identity: string | null }[];
    expect(identities[0]!.identity).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(identities[1]!.identity).toBeNull();
    expect(await registry.register({ name: 'old', artifacts: { onnx }, signature: signature as never })).toMatchObject({ version: 1, created: false });
  });
});
