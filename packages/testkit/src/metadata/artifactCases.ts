import { jestGlobals } from '../lib/jestGlobals';
import { errorCodes, messages, type ArtifactRecord, type RunRecord, type StepRunRecord } from '@mlops/core';
import { useSubject } from '../lib/useSubject';
import type { MetadataStoreFactory } from './MetadataStoreSubject';
import { sampleArtifact, sampleRun, sampleStepRun, uid } from './sampleRecords';

/** Artifacts: versions per name, lookup, listing, per step run, and lineage. */
export function artifactCases(factory: MetadataStoreFactory): void {
  const { describe, expect, it } = jestGlobals();
  describe('artifacts and lineage', () => {
    const subject = useSubject(factory);
    const store = () => subject().store;

    async function producer(startedAt = 1_730_000_000_000): Promise<{ run: RunRecord; step: StepRunRecord }> {
      const run = sampleRun({ startedAt });
      const step = sampleStepRun(run);
      await store().createRun(run);
      await store().createStepRun(step);
      return { run, step };
    }

    it('recordArtifact returns the record with version 1..n per name, counted separately per name', async () => {
      const { step } = await producer();
      const name = `p/${uid()}/model`;
      const other = `p/${uid()}/model`;
      const versions: number[] = [];
      for (let i = 0; i < 4; i++) {
        const input = sampleArtifact(step, { name, output: `o${i}` });
        const record = await store().recordArtifact(input);
        expect(record).toEqual({ ...input, version: record.version });
        versions.push(record.version);
      }
      expect(versions).toEqual([1, 2, 3, 4]);
      expect((await store().recordArtifact(sampleArtifact(step, { name: other }))).version).toBe(1);
      expect((await store().recordArtifact(sampleArtifact(step, { name }))).version).toBe(5);
    });

    it('getArtifact finds by id, unique prefix and latest; rejects an ambiguous prefix', async () => {
      const { step } = await producer();
      const base = `art-${uid()}`;
      const a1 = await store().recordArtifact(sampleArtifact(step, { id: `${base}-a1`, createdAt: 4_000_000_000_001 }));
      await store().recordArtifact(sampleArtifact(step, { id: `${base}-a2`, createdAt: 4_000_000_000_000 }));
      const b1 = await store().recordArtifact(sampleArtifact(step, { id: `${base}-b1`, createdAt: 3_000_000_000_000 }));
      expect(await store().getArtifact(a1.id)).toEqual(a1);
      expect(await store().getArtifact(`${base}-b`)).toEqual(b1);
      expect(await store().getArtifact(`nope-${uid()}`)).toBeUndefined();
      await expect(store().getArtifact(`${base}-a`)).rejects.toMatchObject({
        code: errorCodes.notFound,
        message: messages.ambiguousId('artifact', `${base}-a`, 2),
      });
      expect(await store().getArtifact('latest')).toEqual(a1);
    });

    it('listArtifacts is newest first, with limit, offset and filters by run and name', async () => {
      const one = await producer();
      const two = await producer();
      const name = `p/${uid()}/data`;
      const made: ArtifactRecord[] = [];
      for (let i = 0; i < 6; i++) {
        const { step } = i < 4 ? one : two;
        made.push(await store().recordArtifact(sampleArtifact(step, { name, output: `o${i}`, createdAt: 1_740_000_000_000 + i })));
      }
      const newestFirst = [...made].reverse();
      expect(await store().listArtifacts({ name })).toEqual(newestFirst);
      expect(await store().listArtifacts({ name, limit: 2, offset: 1 })).toEqual(newestFirst.slice(1, 3));
      expect(await store().listArtifacts({ runId: one.run.id })).toEqual(newestFirst.filter((a) => a.runId === one.run.id));
      expect(await store().listArtifacts({ runId: two.run.id, name })).toEqual(newestFirst.slice(0, 2));
      expect(await store().listArtifacts({ name: `p/${uid()}/none` })).toEqual([]);
    });

    it('artifactsOfStepRun lists a step run’s outputs in output-name order', async () => {
      const { step } = await producer();
      const made: ArtifactRecord[] = [];
      for (const output of ['model', 'metrics', 'zeta', 'alpha']) made.push(await store().recordArtifact(sampleArtifact(step, { name: `p/s/${output}-${uid()}`, output })));
      const sorted = [...made].sort((a, b) => (a.output < b.output ? -1 : 1));
      expect(await store().artifactsOfStepRun(step.id)).toEqual(sorted);
      expect(await store().artifactsOfStepRun(`nope-${uid()}`)).toEqual([]);
    });

    it('recordStepInputs/inputsOfStepRun round-trips lineage edges', async () => {
      const { run, step: producerStep } = await producer();
      const model = await store().recordArtifact(sampleArtifact(producerStep, { output: 'model' }));
      const data = await store().recordArtifact(sampleArtifact(producerStep, { output: 'data' }));
      const consumer = sampleStepRun(run, { step: 'evaluate' });
      await store().createStepRun(consumer);
      const edges = [
        { stepRunId: consumer.id, name: 'model', artifactId: model.id },
        { stepRunId: consumer.id, name: 'data', artifactId: data.id },
      ];
      await store().recordStepInputs(edges);
      await store().recordStepInputs([]);
      const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
      expect([...(await store().inputsOfStepRun(consumer.id))].sort(byName)).toEqual([...edges].sort(byName));
      expect(await store().inputsOfStepRun(producerStep.id)).toEqual([]);
    });
  });
}
