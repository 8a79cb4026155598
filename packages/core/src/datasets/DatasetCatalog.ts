import type { Frame } from '@mlops/frame';
import { NotFoundError, StorageError } from '../errors/errors';
import { frameSerializer } from '../pipeline/serializers';
import type { ArtifactStore } from '../storage/ArtifactStore';
import type { MetadataStore } from '../storage/MetadataStore';
import type { DatasetUseRecord, DatasetVersionRecord } from '../storage/records';
import { assertDatasetName, formatDatasetRef, parseDatasetRef, type DatasetVersionRef } from './datasetRef';

/** Who registers or loads: a run (and step run) records the use; none outside a run. */
export interface DatasetUser {
  runId: string;
  stepRunId?: string | null;
}

/**
 * Named dataset versions: frames stored in the artifact store (so they live wherever artifacts do,
 * S3 included) with an index in the metadata store. Versions count up per name by content digest.
 */
export class DatasetCatalog {
  constructor(
    private readonly artifacts: ArtifactStore,
    private readonly metadata: MetadataStore,
  ) {}

  /**
   * Stores `frame` under `name`: its version if that content was registered before, else the next
   * one. The blob is written before the index row, so an indexed version always has its content.
   */
  async register(name: string, frame: Frame, user?: DatasetUser & { role?: DatasetUseRecord['role'] }): Promise<DatasetVersionRecord> {
    assertDatasetName(name);
    if (!frameSerializer.canHandle(frame)) throw new TypeError(`dataset "${name}": expected a Frame (from @mlops/frame), received ${typeof frame}`);
    const facts = frameSerializer.describe!(frame) as { rows: number; datasetDigest: string; schema: { name: string; dtype: string }[] };
    const blob = await this.artifacts.put(await frameSerializer.serialize(frame));
    const record = await this.metadata.recordDatasetVersion({
      name, digest: facts.datasetDigest, blobDigest: blob.digest, size: blob.size, rows: facts.rows, schema: facts.schema.map((c) => ({ name: c.name, dtype: c.dtype })), createdAt: Date.now(), runId: user?.runId ?? null,
    });
    if (user) await this.recordUse(record, user, user.role ?? 'output');
    return record;
  }

  /** The version a ref names (`NAME` = latest); NotFoundError listing what exists. */
  async resolve(ref: string | DatasetVersionRef): Promise<DatasetVersionRecord> {
    const { name, version } = typeof ref === 'string' ? parseDatasetRef(ref) : ref;
    const found = await this.metadata.getDatasetVersion(name, version);
    if (found) return found;
    const versions = await this.metadata.listDatasetVersions(name);
    if (versions.length === 0) {
      const names = [...new Set((await this.metadata.listDatasetVersions()).map((v) => v.name))];
      throw new NotFoundError(`no dataset named "${name}" (datasets: ${names.slice(0, 20).join(', ') || 'none registered yet'})`);
    }
    throw new NotFoundError(`dataset "${name}" has no version ${version} (versions: v1..v${versions[0]!.version})`);
  }

  /** The frame of a version; records the use as `input` when a run loads it. */
  async load(ref: string | DatasetVersionRef, user?: DatasetUser): Promise<{ record: DatasetVersionRecord; frame: Frame }> {
    const record = await this.resolve(ref);
    if (!(await this.isAvailable(record))) throw new StorageError(goneMessage(record));
    const frame = await frameSerializer.deserialize(await this.artifacts.get(record.blobDigest));
    if (user) await this.recordUse(record, user, 'input');
    return { record, frame };
  }

  /** False when the version's content is no longer in the artifact store (deleted, or another store configured). */
  isAvailable(record: DatasetVersionRecord): Promise<boolean> {
    return this.artifacts.has(record.blobDigest);
  }

  private recordUse(record: DatasetVersionRecord, user: DatasetUser, role: DatasetUseRecord['role']): Promise<void> {
    return this.metadata.recordDatasetUses([{ runId: user.runId, stepRunId: user.stepRunId ?? null, name: record.name, version: record.version, role, createdAt: Date.now() }]);
  }
}

/** Why a version cannot be read: its blob is gone. */
export function goneMessage(record: DatasetVersionRecord): string {
  return `dataset ${formatDatasetRef(record)} (${record.digest}) is gone: its content ${record.blobDigest} is no longer in the artifact store`;
}
