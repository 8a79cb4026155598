import { describe, expect, it } from '@jest/globals';
import { ParamConflictError } from '../../errors';
import { experimentName } from '../useTracker';
import type { TrackerSubject } from '../trackerSubjects';

/** Params are immutable: equal re-logs pass, a different value throws and writes nothing. */
export function paramCases(subject: () => TrackerSubject): void {
  const tracker = () => subject().tracker;

  describe('params', () => {
    it('adds params and accepts the same value again (objects in any key order)', async () => {
      const run = await tracker().startRun({ experiment: experimentName('params'), params: { lr: 0.1, train: { maxDepth: 4, lambda: 1 } } });
      await tracker().logParams(run.id, { lr: 0.1, train: { lambda: 1, maxDepth: 4 }, seed: 7 });
      await tracker().logParams(run.id, {});
      expect((await tracker().getRun(run.id))?.params).toEqual({ lr: 0.1, train: { maxDepth: 4, lambda: 1 }, seed: 7 });
    });

    it('throws naming run, key, old and new value on a change, and rolls the whole call back', async () => {
      const run = await tracker().startRun({ experiment: experimentName('immutable'), params: { lr: 0.1 } });
      const attempt = tracker().logParams(run.id, { epochs: 10, lr: 0.2 });
      await expect(attempt).rejects.toBeInstanceOf(ParamConflictError);
      await expect(attempt).rejects.toMatchObject({
        code: 'E_TRACKER_PARAM_CONFLICT',
        runId: run.id,
        key: 'lr',
        message: `run ${run.id}: param "lr" is already 0.1; it cannot change to 0.2 (params are immutable: start a new run to try another value)`,
      });
      expect((await tracker().getRun(run.id))?.params).toEqual({ lr: 0.1 });
    });

    it('treats a nested and a dotted key naming the same leaf as one param', async () => {
      const run = await tracker().startRun({ experiment: experimentName('leaves'), params: { train: { maxDepth: 4 } } });
      await tracker().logParams(run.id, { 'train.maxDepth': 4 });
      await expect(tracker().logParams(run.id, { 'train.maxDepth': 5 })).rejects.toMatchObject({ code: 'E_TRACKER_PARAM_CONFLICT', key: 'train.maxDepth' });
      await expect(tracker().startRun({ experiment: 'x', params: { a: { b: 1 }, 'a.b': 2 } })).rejects.toMatchObject({
        code: 'E_TRACKER_INPUT',
        message: expect.stringMatching(/param "a\.b" cannot be recorded: given twice in one call, as 1 and 2$/),
      });
      const same = await tracker().startRun({ experiment: experimentName('same-leaf'), params: { a: { b: 1 }, 'a.b': 1 } });
      expect((await tracker().searchRuns({ experiment: same.experiment, filter: 'params.a.b = 1' })).runs.map((r) => r.id)).toEqual([same.id]);
    });

    it('rejects values JSON cannot hold exactly, and unknown runs', async () => {
      const run = await tracker().startRun({ experiment: experimentName('bad-params') });
      await expect(tracker().logParams(run.id, { lr: NaN })).rejects.toMatchObject({
        code: 'E_TRACKER_INPUT',
        message: `run ${run.id}: param "lr" cannot be recorded: value: NaN cannot be represented in JSON`,
      });
      await expect(tracker().logParams(run.id, { f: (() => 1) as never })).rejects.toMatchObject({ code: 'E_TRACKER_INPUT' });
      await expect(tracker().logParams('ghost', { a: 1 })).rejects.toMatchObject({ code: 'E_NOT_FOUND', message: 'tracked run ghost not found' });
      await expect(tracker().logParams('ghost', {})).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    });
  });
}
