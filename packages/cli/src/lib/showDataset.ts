import type { DatasetUseRecord, DatasetVersionRecord, Runtime } from '@mlops/core';

/** What `mlops data show` prints: the version, whether its content is still stored, and its runs. */
export interface DatasetDetails extends DatasetVersionRecord {
  available: boolean;
  /** Versions of this name, newest first. */
  versions: number[];
  producedBy: DatasetUseRecord[];
  consumedBy: DatasetUseRecord[];
}

export async function loadDatasetDetails(runtime: Runtime, ref: string): Promise<DatasetDetails> {
  const { DatasetCatalog, tokens } = await import('@mlops/core');
  const metadata = runtime.get(tokens.metadataStore);
  const catalog = new DatasetCatalog(runtime.get(tokens.artifactStore), metadata);
  const record = await catalog.resolve(ref);
  const uses = await metadata.listDatasetUses({ name: record.name, version: record.version });
  const versions = (await metadata.listDatasetVersions(record.name)).map((v) => v.version);
  return { ...record, available: await catalog.isAvailable(record), versions, producedBy: uses.filter((u) => u.role === 'output'), consumedBy: uses.filter((u) => u.role === 'input') };
}
