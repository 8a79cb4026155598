import { jestGlobals } from '../lib/jestGlobals';
import type { MetadataStore } from '@mlops/core';
import { useSubject } from '../lib/useSubject';
import type { MetadataStoreConformanceOptions, MetadataStoreFactory } from './MetadataStoreSubject';
import { runStoreChildren, type ChildJob, type ChildResult } from './runStoreChildren';
import { uid } from './sampleRecords';

/**
 * Several processes writing at once: every run lands, artifact versions of one name are exactly
 * 1..n with no duplicates or gaps, and dataset versions registered by all of them for the same few
 * contents end on one version per content, numbered without gaps.
 */
export function concurrencyCases(factory: MetadataStoreFactory, options: MetadataStoreConformanceOptions): void {
  const { describe, expect, it } = jestGlobals();
  const processes = options.processes ?? 2;
  const perProcess = options.perProcess ?? 200;
  const total = processes * perProcess;

  describe('concurrency', () => {
    const subject = useSubject(factory);
    const store = () => subject().store;
    const expected = Array.from({ length: total }, (_, i) => i + 1);

    it(
      `${processes} processes registering ${perProcess} runs and same-name artifacts each`,
      async () => {
        const { remote } = subject();
        const job: ChildJob = { pipeline: `conc-${uid()}`, artifactName: `conc/${uid()}/out`, prefix: uid(), count: perProcess, startedAt: 1_750_000_000_000, workers: 4, datasetName: `conc/${uid()}`, distinctDatasets: 7 };
        let results: ChildResult[];
        if (remote) {
          results = await runStoreChildren(remote, processes, job);
        } else {
          console.warn('no `remote` recipe in the subject: checking concurrency inside one process only');
          results = [await writeInProcess(store(), job, processes)];
        }
        const versions = results.flatMap((r) => r.versions);
        expect([...versions].sort((a, b) => a - b)).toEqual(expected);
        // Dataset versions: every registration of one content got the same version, 7 contents got 1..7.
        const byContent = new Map<number, Set<number>>();
        for (const [content, version] of results.flatMap((r) => r.datasets)) byContent.set(content, (byContent.get(content) ?? new Set()).add(version));
        expect([...byContent.values()].map((s) => s.size)).toEqual(Array(7).fill(1));
        expect([...byContent.values()].map((s) => [...s][0]!).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
        expect((await store().listDatasetVersions(job.datasetName)).map((v) => v.version)).toEqual([7, 6, 5, 4, 3, 2, 1]);

        const runs = await store().listRuns({ pipeline: job.pipeline, limit: total + 10 });
        expect(runs).toHaveLength(total);
        const artifacts = await store().listArtifacts({ name: job.artifactName, limit: total + 10 });
        expect(artifacts.map((a) => a.version).sort((a, b) => a - b)).toEqual(expected);
      },
      options.timeoutMs ?? 180_000,
    );
  });
}

async function writeInProcess(store: MetadataStore, job: ChildJob, processes: number): Promise<ChildResult> {
  const versions: number[] = [];
  const datasets: [number, number][] = [];
  await Promise.all(
    Array.from({ length: processes * job.count }, async (_, i) => {
      const runId = `${job.prefix}-run-${i}`;
      const stepRunId = `${job.prefix}-step-${i}`;
      const t = job.startedAt + i;
      await store.createRun({ id: runId, pipeline: job.pipeline, status: 'running', params: null, startedAt: t, endedAt: null, error: null, host: 'h', pid: 1, configDigest: null, tags: {} });
      await store.createStepRun({ id: stepRunId, runId, step: 'write', status: 'running', cacheKey: runId, codeDigest: 'c', params: null, startedAt: t, endedAt: null, logs: '', error: null, cachedFrom: null });
      const a = await store.recordArtifact({ id: `${job.prefix}-art-${i}`, name: job.artifactName, digest: `sha256:${'0'.repeat(64)}`, size: i, serializer: 'json', runId, stepRunId, output: 'out', createdAt: t, metadata: null });
      versions.push(a.version);
      const n = i % job.distinctDatasets;
      const d = await store.recordDatasetVersion({ name: job.datasetName, digest: `sha256:${String(n).padStart(64, '0')}`, blobDigest: `sha256:${'1'.repeat(64)}`, size: 1, rows: n, schema: [], createdAt: t, runId });
      datasets.push([n, d.version]);
    }),
  );
  return { versions, datasets };
}
