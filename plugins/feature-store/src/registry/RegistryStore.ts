import { canonicalJson, sha256 } from '@mlops/core';
import { writeTransaction } from '@mlops/sql-metadata';
import type { SqlTarget } from '../lib/SqlTarget';
import { tableOf } from '../lib/SqlTarget';
import type { RegistrySnapshot } from './snapshotDefinitions';

/** One stored version of the definitions. */
export interface RegistryVersion {
  version: number;
  digest: string;
  snapshot: RegistrySnapshot;
  createdAt: number;
  forced: boolean;
}

/** The versions of the feature definitions in the metadata store's database. */
export class RegistryStore {
  constructor(private readonly target: SqlTarget) {}

  /** The newest version, or null before the first apply. */
  async latest(): Promise<RegistryVersion | null> {
    const row = await tableOf(this.target, 'mlops_fs_registry').orderBy('version', 'desc').first();
    return row ? toVersion(row) : null;
  }

  /**
   * Stores `snapshot` as the next version. Inside one transaction, so two concurrent applies
   * cannot both take a number: the loser hits the primary key and fails.
   */
  async append(snapshot: RegistrySnapshot, forced: boolean): Promise<RegistryVersion> {
    const text = canonicalJson(snapshot);
    return writeTransaction(this.target, async (trx) => {
      const top = await tableOf(this.target, 'mlops_fs_registry', trx).max({ v: 'version' }).first();
      const version = Number(top?.v ?? 0) + 1;
      const record = { version, digest: sha256(text), snapshot: text, created_at: Date.now(), forced };
      await tableOf(this.target, 'mlops_fs_registry', trx).insert(record);
      return toVersion(record);
    });
  }
}

/** Digest of a snapshot, to tell whether code equals the stored version. */
export function snapshotDigest(snapshot: RegistrySnapshot): string {
  return sha256(canonicalJson(snapshot));
}

function toVersion(row: Record<string, unknown>): RegistryVersion {
  return { version: Number(row.version), digest: String(row.digest), snapshot: JSON.parse(String(row.snapshot)) as RegistrySnapshot, createdAt: Number(row.created_at), forced: Boolean(row.forced) };
}
