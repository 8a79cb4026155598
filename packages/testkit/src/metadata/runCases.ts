import { jestGlobals } from '../lib/jestGlobals';
import { errorCodes, messages, type RunRecord } from '@mlops/core';
import { useSubject } from '../lib/useSubject';
import type { MetadataStoreFactory } from './MetadataStoreSubject';
import { sampleRun, uid } from './sampleRecords';

/** Runs: round trip, finish, lookup by prefix and `latest`, newest-first listing. */
export function runCases(factory: MetadataStoreFactory): void {
  const { describe, expect, it } = jestGlobals();
  describe('runs', () => {
    const subject = useSubject(factory);
    const store = () => subject().store;

    it('createRun/getRun round-trips every field', async () => {
      const run = sampleRun();
      await store().createRun(run);
      expect(await store().getRun(run.id)).toEqual(run);
    });

    it('getRun of an unknown id is undefined', async () => {
      expect(await store().getRun(`nope-${uid()}`)).toBeUndefined();
    });

    it('rejects a second run with the same id', async () => {
      const run = sampleRun();
      await store().createRun(run);
      await expect(store().createRun(run)).rejects.toBeDefined();
    });

    it('finishRun sets status, endedAt and error; an omitted error is left as it was', async () => {
      const failed = sampleRun();
      await store().createRun(failed);
      await store().finishRun(failed.id, { status: 'failed', endedAt: failed.startedAt + 500, error: 'boom' });
      expect(await store().getRun(failed.id)).toEqual({ ...failed, status: 'failed', endedAt: failed.startedAt + 500, error: 'boom' });

      const ok = sampleRun();
      await store().createRun(ok);
      await store().finishRun(ok.id, { status: 'succeeded', endedAt: ok.startedAt + 1 });
      expect(await store().getRun(ok.id)).toMatchObject({ status: 'succeeded', endedAt: ok.startedAt + 1, error: null });
    });

    it('finishRun of an unknown id throws NotFoundError', async () => {
      await expect(store().finishRun(`nope-${uid()}`, { status: 'crashed', endedAt: 1 })).rejects.toMatchObject({ code: errorCodes.notFound });
    });

    it('getRun resolves a unique prefix and rejects an ambiguous one', async () => {
      const base = `pfx-${uid()}`;
      const [a1, a2, b1] = ['a1', 'a2', 'b1'].map((s) => sampleRun({ id: `${base}-${s}` })) as [RunRecord, RunRecord, RunRecord];
      for (const run of [a1, a2, b1]) await store().createRun(run);
      expect(await store().getRun(`${base}-b`)).toEqual(b1);
      expect(await store().getRun(`${base}-a2`)).toEqual(a2);
      await expect(store().getRun(`${base}-a`)).rejects.toMatchObject({
        code: errorCodes.notFound,
        message: messages.ambiguousId('run', `${base}-a`, 2),
      });
      // A prefix is matched literally and case-sensitively.
      expect(await store().getRun(`${base}-A`)).toBeUndefined();
      expect(await store().getRun(`${base.slice(0, 4)}_`)).toBeUndefined();
    });

    it('getRun("latest") is the run that started last', async () => {
      const pipeline = `p-${uid()}`;
      const newest = sampleRun({ pipeline, startedAt: 4_000_000_000_000 });
      await store().createRun(sampleRun({ pipeline, startedAt: 3_999_999_999_000 }));
      await store().createRun(newest);
      await store().createRun(sampleRun({ pipeline, startedAt: 3_999_999_999_999 }));
      expect(await store().getRun('latest')).toEqual(newest);
    });

    it('listRuns is newest first, with limit, offset and filters by pipeline and status', async () => {
      const pipeline = `list-${uid()}`;
      const runs = Array.from({ length: 7 }, (_, i) =>
        sampleRun({ pipeline, startedAt: 1_710_000_000_000 + i * 1000, status: i % 2 ? 'succeeded' : 'failed' }),
      );
      for (const run of [...runs].reverse()) await store().createRun(run);
      await store().createRun(sampleRun({ startedAt: 1_710_000_000_500 })); // another pipeline
      const newestFirst = [...runs].reverse();

      expect(await store().listRuns({ pipeline })).toEqual(newestFirst);
      expect(await store().listRuns({ pipeline, limit: 3 })).toEqual(newestFirst.slice(0, 3));
      expect(await store().listRuns({ pipeline, limit: 3, offset: 3 })).toEqual(newestFirst.slice(3, 6));
      expect(await store().listRuns({ pipeline, offset: 6 })).toEqual(newestFirst.slice(6));
      expect(await store().listRuns({ pipeline, status: 'succeeded' })).toEqual(newestFirst.filter((r) => r.status === 'succeeded'));
      const failed = await store().listRuns({ status: 'failed', limit: 1000 });
      expect(failed.every((r) => r.status === 'failed')).toBe(true);
      expect(failed.filter((r) => r.pipeline === pipeline)).toEqual(newestFirst.filter((r) => r.status === 'failed'));
      const all = await store().listRuns({ limit: 1000 });
      expect(all.map((r) => r.startedAt)).toEqual([...all.map((r) => r.startedAt)].sort((a, b) => b - a));
    });

    it('listRuns returns at most 50 runs by default', async () => {
      const pipeline = `many-${uid()}`;
      for (let i = 0; i < 55; i++) await store().createRun(sampleRun({ pipeline, startedAt: 1_720_000_000_000 + i }));
      const listed = await store().listRuns({ pipeline });
      expect(listed).toHaveLength(50);
      expect(listed[0]!.startedAt).toBe(1_720_000_000_054);
    });
  });
}
