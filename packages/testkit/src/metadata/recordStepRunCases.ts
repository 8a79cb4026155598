import { jestGlobals } from '../lib/jestGlobals';
import { useSubject } from '../lib/useSubject';
import type { MetadataStoreFactory } from './MetadataStoreSubject';
import { sampleArtifact, sampleRun, sampleStepRun, uid } from './sampleRecords';

/** `recordStepRun`: a step run written whole at its end, or replacing the one written at its start; all or nothing. */
export function recordStepRunCases(factory: MetadataStoreFactory): void {
  const { describe, expect, it } = jestGlobals();
  describe('recordStepRun', () => {
    const subject = useSubject(factory);
    const store = () => subject().store;

    /** A run with one finished upstream step run and its artifact, for inputs to point at. */
    async function upstream() {
      const run = sampleRun();
      await store().createRun(run);
      const source = sampleStepRun(run, { step: 'load' });
      await store().createStepRun(source);
      const data = await store().recordArtifact(sampleArtifact(source, { name: `p/${uid()}/data`, output: 'data' }));
      return { run, data };
    }

    it('writes a step run it never saw, with its inputs and artifacts; versions continue each name', async () => {
      const { run, data } = await upstream();
      const name = `p/${uid()}/model`;
      const earlier = sampleStepRun(run, { step: 'train' });
      await store().createStepRun(earlier);
      await store().recordArtifact(sampleArtifact(earlier, { name }));
      const stepRun = sampleStepRun(run, { step: 'train', status: 'succeeded', endedAt: run.startedAt + 50, logs: 'done', startedAt: run.startedAt + 40 });
      // Given out of output order: records come back in the order given.
      const artifacts = [sampleArtifact(stepRun, { name, output: 'model' }), sampleArtifact(stepRun, { name: `p/${uid()}/metrics`, output: 'evaluation', size: 12 })];
      const inputs = [{ stepRunId: stepRun.id, name: 'data', artifactId: data.id }];
      const records = await store().recordStepRun({ stepRun, inputs, artifacts });
      expect(records).toEqual([
        { ...artifacts[0], version: 2 },
        { ...artifacts[1], version: 1 },
      ]);
      expect((await store().listStepRuns(run.id)).find((s) => s.id === stepRun.id)).toEqual(stepRun);
      expect(await store().inputsOfStepRun(stepRun.id)).toEqual(inputs);
      expect(await store().artifactsOfStepRun(stepRun.id)).toEqual([records[1], records[0]]);
      expect(await store().findCachedStepRun(stepRun.cacheKey)).toEqual(stepRun);
    });

    it('replaces the record createStepRun wrote at the start and keeps inputs already recorded once', async () => {
      const { run, data } = await upstream();
      const started = sampleStepRun(run, { step: 'train' });
      await store().createStepRun(started);
      const input = { stepRunId: started.id, name: 'data', artifactId: data.id };
      await store().recordStepInputs([input]);
      const failed = { ...started, status: 'failed' as const, endedAt: started.startedAt + 3, logs: 'a\nb', error: 'boom' };
      expect(await store().recordStepRun({ stepRun: failed, inputs: [input], artifacts: [] })).toEqual([]);
      expect(await store().listStepRuns(run.id)).toContainEqual(failed);
      expect((await store().listStepRuns(run.id)).filter((s) => s.id === started.id)).toHaveLength(1);
      expect(await store().inputsOfStepRun(started.id)).toEqual([input]);
      expect(await store().findCachedStepRun(started.cacheKey)).toBeUndefined();
    });

    it('writes nothing when part of it cannot be written (an unknown run)', async () => {
      const orphan = sampleStepRun(sampleRun(), { status: 'succeeded', endedAt: 2 });
      const name = `p/${uid()}/model`;
      await expect(store().recordStepRun({ stepRun: orphan, inputs: [], artifacts: [sampleArtifact(orphan, { name })] })).rejects.toThrow();
      expect(await store().listStepRuns(orphan.runId)).toEqual([]);
      expect(await store().artifactsOfStepRun(orphan.id)).toEqual([]);
      // The name's counter did not move either.
      const { run } = await upstream();
      const producer = sampleStepRun(run);
      await store().createStepRun(producer);
      expect((await store().recordArtifact(sampleArtifact(producer, { name }))).version).toBe(1);
    });
  });
}
