import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createStudy } from '../Study';
import { RandomSampler } from '../samplers/RandomSampler';
import { runTunerWorkers, startHangingWorker } from './runTunerWorkers';
import type { StorageSubject } from './storageSubjects';

let n = 0;

/** Several processes on one study: no trial run twice, enqueued trials run once, killed workers' trials failed. */
export function workersConformance(label: string, factory: () => Promise<StorageSubject>): void {
  describe(label, () => {
    let subject: StorageSubject;
    beforeAll(async () => {
      subject = await factory();
    });
    afterAll(async () => {
      await subject?.cleanup();
    });

    it.each([2, 4])('%i worker processes share one study without running a trial twice', async (processes) => {
      const name = `shared-${process.pid}-${++n}`;
      const study = await createStudy({ name, storage: subject.storage });
      const fixed = [-4, -2, 0, 2, 4, 1.5];
      for (const x of fixed) await study.enqueueTrial({ x, k: 'a' });
      const perWorker = 12;
      await runTunerWorkers(subject.description!, processes, { study: name, trials: perWorker });
      const trials = await study.trials();
      expect(trials).toHaveLength(processes * perWorker);
      expect(trials.map((t) => t.number)).toEqual([...Array(processes * perWorker).keys()]);
      expect(trials.filter((t) => t.state !== 'complete')).toEqual([]);
      // Each enqueued configuration ran exactly once, under its own number, with its fixed values.
      expect(trials.slice(0, fixed.length).map((t) => t.params.x)).toEqual(fixed);
      expect(trials.filter((t) => fixed.includes(t.params.x as number) && t.params.k === 'a')).toHaveLength(fixed.length);
      // Every worker took part and each trial names exactly one worker.
      const workers = new Set(trials.map((t) => t.userAttrs.worker));
      expect([...workers].sort()).toEqual([...Array(processes).keys()]);
    });

    it('fails the trial of a SIGKILLed worker by heartbeat, and the study finishes', async () => {
      const name = `killed-${process.pid}-${++n}`;
      const { child, trialNumber } = await startHangingWorker(subject.description!, name);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const study = await createStudy({ name, storage: subject.storage, loadIfExists: true, sampler: new RandomSampler({ seed: 2 }), heartbeat: { intervalMs: 50, staleMs: 200 } });
      await new Promise((r) => setTimeout(r, 250));
      await study.optimize((t) => t.suggestFloat('x', -5, 5) ** 2, { nTrials: 5 });
      const trials = await study.trials();
      expect(trials.map((t) => [t.number, t.state])).toEqual([[trialNumber, 'fail'], ...[1, 2, 3, 4, 5].map((k) => [k, 'complete'])]);
      expect(trials[0]!.error).toBe('no heartbeat for 200 ms');
      // What the killed worker wrote before dying is kept with the failed trial.
      expect(Object.keys(trials[0]!.params)).toEqual(['x']);
      expect([...trials[0]!.intermediate]).toEqual([[0, 1]]);
    });

    it('with maxRetries, re-runs a SIGKILLed worker\'s trial with the same params, naming the trial it retries', async () => {
      const name = `retried-${process.pid}-${++n}`;
      const { child, trialNumber } = await startHangingWorker(subject.description!, name);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const study = await createStudy({ name, storage: subject.storage, loadIfExists: true, sampler: new RandomSampler({ seed: 2 }), heartbeat: { intervalMs: 50, staleMs: 200 }, maxRetries: 1 });
      await new Promise((r) => setTimeout(r, 250));
      await study.optimize((t) => t.suggestFloat('x', -5, 5) ** 2, { nTrials: 2 });
      const [killed, retry, fresh] = await study.trials();
      expect([killed!.number, killed!.state, retry!.state, fresh!.state]).toEqual([trialNumber, 'fail', 'complete', 'complete']);
      expect(retry!.systemAttrs.failed_trial).toBe(trialNumber);
      expect(retry!.params).toEqual(killed!.params);
      expect(retry!.values).toEqual([(killed!.params.x as number) ** 2]);
      expect(fresh!.systemAttrs.failed_trial).toBeUndefined();
    });
  });
}
