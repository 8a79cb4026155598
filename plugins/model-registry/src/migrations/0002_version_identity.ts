import type { Knex } from 'knex';
import type { SchemaMigration } from '@mlops/sql-metadata';
import { versionIdentity } from '../lib/versionIdentity';

/**
 * `registry_versions.identity`: the digest of a version's artifacts and signature, unique per model,
 * so registering the same artifacts again returns the existing version (the unique index also
 * settles two processes racing to register it). Existing rows are backfilled; where earlier
 * registrations already duplicated a version, only the oldest gets the identity (the later copies
 * keep null, which a unique index allows any number of), so reruns resolve to the first.
 */
export const registry0002: SchemaMigration = {
  name: '0002_version_identity',
  async up(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    const table = () => knex(schema ? `${schema}.registry_versions` : 'registry_versions');
    await s().alterTable('registry_versions', (t) => t.text('identity').nullable());
    const rows = (await table().select('name', 'version', 'artifacts', 'signature').orderBy([{ column: 'name' }, { column: 'version' }])) as { name: string; version: number; artifacts: string; signature: string }[];
    const seen = new Set<string>();
    for (const row of rows) {
      const identity = versionIdentity(JSON.parse(row.artifacts), JSON.parse(row.signature));
      if (seen.has(`${row.name}\u0000${identity}`)) continue;
      seen.add(`${row.name}\u0000${identity}`);
      await table().where({ name: row.name, version: row.version }).update({ identity });
    }
    await s().alterTable('registry_versions', (t) => t.unique(['name', 'identity'], { indexName: 'registry_versions_identity_idx' }));
  },
  async down(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    await s().alterTable('registry_versions', (t) => {
      t.dropUnique(['name', 'identity'], 'registry_versions_identity_idx');
      t.dropColumn('identity');
    });
  },
};
