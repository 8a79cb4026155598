import { jestGlobals } from '../lib/jestGlobals';
import type { DatasetUseRecord, NewDatasetVersion } from '@mlops/core';
import { useSubject } from '../lib/useSubject';
import type { MetadataStoreFactory } from './MetadataStoreSubject';
import { uid } from './sampleRecords';

const hex = (n: number) => n.toString(16).padStart(64, '0');

function sampleDataset(name: string, n: number, overrides: Partial<NewDatasetVersion> = {}): NewDatasetVersion {
  return { name, digest: `sha256:${hex(n)}`, blobDigest: `sha256:${hex(n + 1_000_000)}`, size: 100 + n, rows: 10 * n, schema: [{ name: 'x', dtype: 'float64' }], createdAt: 1_750_000_000_000 + n, runId: null, ...overrides };
}

/** Named dataset versions: numbered by content per name, found by number or latest, and their uses by runs. */
export function datasetCases(factory: MetadataStoreFactory): void {
  const { describe, expect, it } = jestGlobals();
  describe('dataset versions', () => {
    const subject = useSubject(factory);
    const store = () => subject().store;

    it('numbers versions 1..n per name by content: the same digest is the same version', async () => {
      const name = `ds/${uid()}`;
      const first = await store().recordDatasetVersion(sampleDataset(name, 1, { runId: 'run-a' }));
      expect(first).toEqual({ ...sampleDataset(name, 1, { runId: 'run-a' }), version: 1 });
      expect((await store().recordDatasetVersion(sampleDataset(name, 2))).version).toBe(2);
      // Same content again (from another run, later): version 1, as first recorded.
      const again = await store().recordDatasetVersion(sampleDataset(name, 1, { runId: 'run-b', createdAt: 1 }));
      expect(again).toEqual(first);
      expect((await store().recordDatasetVersion(sampleDataset(`${name}-other`, 1))).version).toBe(1);
      expect((await store().recordDatasetVersion(sampleDataset(name, 3))).version).toBe(3);
    });

    it('getDatasetVersion finds a version or the latest; listDatasetVersions orders by name, newest first', async () => {
      const name = `list/${uid()}`;
      for (const n of [5, 6, 7]) await store().recordDatasetVersion(sampleDataset(name, n));
      expect((await store().getDatasetVersion(name))?.version).toBe(3);
      expect((await store().getDatasetVersion(name, 2))?.digest).toBe(`sha256:${hex(6)}`);
      expect(await store().getDatasetVersion(name, 4)).toBeUndefined();
      expect(await store().getDatasetVersion(`${name}-none`)).toBeUndefined();
      expect((await store().listDatasetVersions(name)).map((v) => v.version)).toEqual([3, 2, 1]);
      await store().recordDatasetVersion(sampleDataset(`${name}-b`, 1));
      const all = (await store().listDatasetVersions()).filter((v) => v.name.startsWith(name)).map((v) => `${v.name.slice(name.length)}@${v.version}`);
      expect(all).toEqual(['@3', '@2', '@1', '-b@1']);
    });

    it('concurrent registrations of the same content end on one version, of different contents on distinct ones', async () => {
      const name = `conc/${uid()}`;
      const same = await Promise.all(Array.from({ length: 12 }, () => store().recordDatasetVersion(sampleDataset(name, 42))));
      expect(same.map((v) => v.version)).toEqual(Array(12).fill(1));
      const different = await Promise.all(Array.from({ length: 12 }, (_, i) => store().recordDatasetVersion(sampleDataset(name, 100 + i))));
      expect(different.map((v) => v.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
      expect(await store().listDatasetVersions(name)).toHaveLength(13);
    });

    it('records uses once each and finds them by run, step run, name and version', async () => {
      const name = `use/${uid()}`;
      const run = `run-${uid()}`;
      const uses: DatasetUseRecord[] = [
        { runId: run, stepRunId: 'step-1', name, version: 1, role: 'output', createdAt: 1 },
        { runId: run, stepRunId: null, name, version: 1, role: 'input', createdAt: 2 },
        { runId: `${run}-2`, stepRunId: 'step-9', name, version: 2, role: 'input', createdAt: 3 },
      ];
      await store().recordDatasetUses(uses);
      await store().recordDatasetUses([uses[0]!]);
      expect(await store().listDatasetUses({ runId: run })).toEqual(uses.slice(0, 2));
      expect(await store().listDatasetUses({ name, version: 2 })).toEqual([uses[2]]);
      expect(await store().listDatasetUses({ stepRunId: 'step-1', name })).toEqual([uses[0]]);
      expect(await store().listDatasetUses({ name })).toHaveLength(3);
    });
  });
}
