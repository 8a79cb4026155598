import { jestGlobals } from '../lib/jestGlobals';
import { errorCodes } from '@mlops/core';
import { useSubject } from '../lib/useSubject';
import type { MetadataStoreFactory } from './MetadataStoreSubject';
import { sampleRun, sampleStepRun, uid } from './sampleRecords';

/** Step runs: round trip, finish, listing per run, and the cache lookup. */
export function stepRunCases(factory: MetadataStoreFactory): void {
  const { describe, expect, it } = jestGlobals();
  describe('step runs', () => {
    const subject = useSubject(factory);
    const store = () => subject().store;

    it('createStepRun/listStepRuns round-trips every field, in start order, only for that run', async () => {
      const run = sampleRun();
      const other = sampleRun();
      await store().createRun(run);
      await store().createRun(other);
      const later = sampleStepRun(run, { step: 'evaluate', startedAt: run.startedAt + 20 });
      const first = sampleStepRun(run, { step: 'load', startedAt: run.startedAt + 10, params: null });
      await store().createStepRun(later);
      await store().createStepRun(first);
      await store().createStepRun(sampleStepRun(other));
      expect(await store().listStepRuns(run.id)).toEqual([first, later]);
      expect(await store().listStepRuns(`nope-${uid()}`)).toEqual([]);
    });

    it('finishStepRun sets status, endedAt, logs, error and cachedFrom', async () => {
      const run = sampleRun();
      await store().createRun(run);
      const source = sampleStepRun(run, { step: 'a' });
      const cached = sampleStepRun(run, { step: 'b', startedAt: source.startedAt + 1 });
      await store().createStepRun(source);
      await store().createStepRun(cached);
      await store().finishStepRun(source.id, { status: 'failed', endedAt: source.startedAt + 9, logs: 'line 1\nline 2', error: 'bad' });
      await store().finishStepRun(cached.id, { status: 'cached', endedAt: cached.startedAt + 1, cachedFrom: source.id });
      expect(await store().listStepRuns(run.id)).toEqual([
        { ...source, status: 'failed', endedAt: source.startedAt + 9, logs: 'line 1\nline 2', error: 'bad' },
        { ...cached, status: 'cached', endedAt: cached.startedAt + 1, cachedFrom: source.id },
      ]);
    });

    it('finishStepRun of an unknown id throws NotFoundError', async () => {
      await expect(store().finishStepRun(`nope-${uid()}`, { status: 'failed', endedAt: 1 })).rejects.toMatchObject({ code: errorCodes.notFound });
    });

    it('findCachedStepRun returns the newest succeeded step run with the key, and nothing else', async () => {
      const cacheKey = `key-${uid()}`;
      const run = sampleRun();
      await store().createRun(run);
      const at = (n: number) => run.startedAt + n;
      const older = sampleStepRun(run, { cacheKey, startedAt: at(1) });
      const newest = sampleStepRun(run, { cacheKey, startedAt: at(3) });
      const failedLater = sampleStepRun(run, { cacheKey, startedAt: at(5) });
      const cachedLater = sampleStepRun(run, { cacheKey, startedAt: at(6) });
      const runningLater = sampleStepRun(run, { cacheKey, startedAt: at(7) });
      const otherKey = sampleStepRun(run, { startedAt: at(9) });
      for (const s of [older, newest, failedLater, cachedLater, runningLater, otherKey]) await store().createStepRun(s);
      await store().finishStepRun(older.id, { status: 'succeeded', endedAt: at(2) });
      await store().finishStepRun(newest.id, { status: 'succeeded', endedAt: at(4), logs: 'ok' });
      await store().finishStepRun(failedLater.id, { status: 'failed', endedAt: at(6), error: 'x' });
      await store().finishStepRun(cachedLater.id, { status: 'cached', endedAt: at(7), cachedFrom: newest.id });
      await store().finishStepRun(otherKey.id, { status: 'succeeded', endedAt: at(10) });

      expect(await store().findCachedStepRun(cacheKey)).toEqual({ ...newest, status: 'succeeded', endedAt: at(4), logs: 'ok' });
      expect(await store().findCachedStepRun(`key-${uid()}`)).toBeUndefined();
      const onlyRunning = sampleStepRun(run);
      await store().createStepRun(onlyRunning);
      expect(await store().findCachedStepRun(onlyRunning.cacheKey)).toBeUndefined();
    });
  });
}
