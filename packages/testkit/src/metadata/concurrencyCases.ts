import { jestGlobals } from '../lib/jestGlobals';
import type { MetadataStore } from '@mlops/core';
import { useSubject } from '../lib/useSubject';
import type { MetadataStoreConformanceOptions, MetadataStoreFactory } from './MetadataStoreSubject';
import { runStoreChildren, type ChildJob } from './runStoreChildren';
import { uid } from './sampleRecords';

/**
 * Several processes writing at once: every run lands, and artifact versions of one name are exactly
 * 1..n with no duplicates or gaps.
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
        const job: ChildJob = { pipeline: `conc-${uid()}`, artifactName: `conc/${uid()}/out`, prefix: uid(), count: perProcess, startedAt: 1_750_000_000_000, workers: 4 };
        let versions: number[];
        if (remote) {
          versions = (await runStoreChildren(remote, processes, job)).flat();
        } else {
          console.warn('no `remote` recipe in the subject: checking concurrency inside one process only');
          versions = await writeInProcess(store(), job, processes);
        }
        expect([...versions].sort((a, b) => a - b)).toEqual(expected);

        const runs = await store().listRuns({ pipeline: job.pipeline, limit: total + 10 });
        expect(runs).toHaveLength(total);
        const artifacts = await store().listArtifacts({ name: job.artifactName, limit: total + 10 });
        expect(artifacts.map((a) => a.version).sort((a, b) => a - b)).toEqual(expected);
      },
      options.timeoutMs ?? 180_000,
    );
  });
}

async function writeInProcess(store: MetadataStore, job: ChildJob, processes: number): Promise<number[]> {
  const versions: number[] = [];
  await Promise.all(
    Array.from({ length: processes * job.count }, async (_, i) => {
      const runId = `${job.prefix}-run-${i}`;
      const stepRunId = `${job.prefix}-step-${i}`;
      const t = job.startedAt + i;
      await store.createRun({ id: runId, pipeline: job.pipeline, status: 'running', params: null, startedAt: t, endedAt: null, error: null, host: 'h', pid: 1, configDigest: null, tags: {} });
      await store.createStepRun({ id: stepRunId, runId, step: 'write', status: 'running', cacheKey: runId, codeDigest: 'c', params: null, startedAt: t, endedAt: null, logs: '', error: null, cachedFrom: null });
      const a = await store.recordArtifact({ id: `${job.prefix}-art-${i}`, name: job.artifactName, digest: `sha256:${'0'.repeat(64)}`, size: i, serializer: 'json', runId, stepRunId, output: 'out', createdAt: t, metadata: null });
      versions.push(a.version);
    }),
  );
  return versions;
}
