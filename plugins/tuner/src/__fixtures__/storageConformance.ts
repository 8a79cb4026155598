import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { floatDistribution } from '../distributions';
import { createStudy, loadStudy } from '../Study';
import { RandomSampler } from '../samplers/RandomSampler';
import type { StorageSubject } from './storageSubjects';

let names = 0;
const fresh = () => `study-${process.pid}-${++names}`;

/** The contract every {@link TunerStorage} keeps, run on in-memory, SQLite and Postgres. */
export function storageConformance(label: string, factory: () => Promise<StorageSubject>): void {
  describe(label, () => {
    let subject: StorageSubject;
    beforeAll(async () => {
      subject = await factory();
    });
    afterAll(async () => {
      await subject?.cleanup();
    });

    it('creates, finds and refuses to duplicate studies by name', async () => {
      const name = fresh();
      const s = await subject.storage.createStudy(name, ['minimize', 'maximize']);
      expect(await subject.storage.findStudy(name)).toEqual(s);
      await expect(subject.storage.createStudy(name, ['minimize'])).rejects.toMatchObject({ code: 'E_TUNER_DUPLICATE_STUDY' });
      expect((await subject.storage.listStudies()).map((x) => x.name)).toContain(name);
    });

    it('numbers trials per study, claims waiting trials first and oldest first', async () => {
      const { id } = await subject.storage.createStudy(fresh(), ['minimize']);
      expect(await subject.storage.enqueueTrial(id, { x: 1 })).toBe(0);
      expect(await subject.storage.enqueueTrial(id, { x: 2 })).toBe(1);
      const a = await subject.storage.claimTrial(id);
      const b = await subject.storage.claimTrial(id);
      const c = await subject.storage.claimTrial(id);
      expect([a, b, c].map((t) => [t.number, t.state, t.systemAttrs.fixed_params])).toEqual([
        [0, 'running', { x: 1 }],
        [1, 'running', { x: 2 }],
        [2, 'running', undefined],
      ]);
    });

    it('round-trips params, NaN intermediate values, infinite objective values and attributes', async () => {
      const { id } = await subject.storage.createStudy(fresh(), ['minimize', 'maximize']);
      const t = await subject.storage.claimTrial(id);
      const dist = floatDistribution('lr', 1e-4, 1, { log: true });
      await subject.storage.writeTrial(t.id, { params: [{ name: 'lr', distribution: dist, value: 0.01 }], intermediate: [[0, 1.5], [3, NaN]], systemAttrs: { rung: 2 }, userAttrs: { note: 'hi' } });
      expect(await subject.storage.finishTrial(t.id, { state: 'complete', values: [-Infinity, 2] })).toBe(true);
      const [got] = await subject.storage.getTrials(id);
      expect(got).toMatchObject({ number: 0, state: 'complete', values: [-Infinity, 2], params: { lr: 0.01 }, distributions: { lr: dist }, systemAttrs: { rung: 2 }, userAttrs: { note: 'hi' } });
      expect([...got!.intermediate]).toEqual([[0, 1.5], [3, NaN]]);
    });

    it('finishes only a running trial, once', async () => {
      const { id } = await subject.storage.createStudy(fresh(), ['minimize']);
      const t = await subject.storage.claimTrial(id);
      expect(await subject.storage.finishTrial(t.id, { state: 'complete', values: [1] })).toBe(true);
      expect(await subject.storage.finishTrial(t.id, { state: 'fail', error: 'late' })).toBe(false);
      expect((await subject.storage.getTrial(t.id)).state).toBe('complete');
    });

    it('fails running trials whose heartbeat is stale, and only those', async () => {
      const { id } = await subject.storage.createStudy(fresh(), ['minimize']);
      const stale = await subject.storage.claimTrial(id);
      // The margins are wide so that a loaded machine (slow claim or statement) cannot make the
      // fresh trial look stale: it must only be checked within 500 ms of its claim.
      await new Promise((r) => setTimeout(r, 600));
      const alive = await subject.storage.claimTrial(id);
      expect(await subject.storage.failStaleTrials(id, 500)).toEqual([stale.number]);
      const trials = await subject.storage.getTrials(id);
      expect(trials.map((t) => [t.number, t.state])).toEqual([[stale.number, 'fail'], [alive.number, 'running']]);
      expect(trials[0]!.error).toBe('no heartbeat for 500 ms');
      // The lost worker cannot complete it afterwards.
      expect(await subject.storage.finishTrial(stale.id, { state: 'complete', values: [0] })).toBe(false);
    });

    it('runs a study end to end and reloads it by name', async () => {
      const name = fresh();
      const study = await createStudy({ name, storage: subject.storage, sampler: new RandomSampler({ seed: 1 }) });
      await study.enqueueTrial({ x: 0.5 });
      await study.optimize((t) => (t.suggestFloat('x', 0, 1) - 0.5) ** 2, { nTrials: 12, concurrency: 3 });
      const again = await loadStudy({ name, storage: subject.storage });
      const trials = await again.trials();
      expect(trials.map((t) => t.number)).toEqual([...Array(12).keys()]);
      expect(trials[0]!.params).toEqual({ x: 0.5 });
      expect(await again.bestValue()).toBe(0);
    });
  });
}
