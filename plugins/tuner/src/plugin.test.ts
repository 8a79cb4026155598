import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineStudy, isPlugin, pluginsInModule, tokens, type Tuner } from '@mlops/core';
import { openSqlMetadataStore } from '@mlops/sql-metadata';
import { createTestContext } from '@mlops/testkit';
import * as mod from './index';
import { tuner } from './plugin';
import { SqlTuner } from './SqlTuner';

const study = defineStudy({ pipeline: 'train', objective: 'train.logLoss', space: (t) => ({ lr: t.suggestFloat('lr', 1e-3, 1, { log: true }) }), pruner: { kind: 'median' } });

describe('tuner plugin', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-tuner-plugin-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('provides tokens.tuner from the database, and is found in the package module', () => {
    expect(isPlugin(tuner)).toBe(true);
    expect(tuner.provides).toBe(tokens.tuner);
    expect(tuner.requires).toEqual([tokens.database]);
    expect(pluginsInModule(mod as unknown as Record<string, unknown>)).toEqual([tuner]);
  });

  it('keeps studies in the metadata store’s database, with the config’s definitions', async () => {
    const store = openSqlMetadataStore({ kind: 'sqlite', path: join(dir, 'meta.sqlite') });
    await store.start();
    try {
      const service: Tuner = await tuner.create(createTestContext(tuner, { studies: { gbdt: study } }, { services: { [tokens.database.id]: store.database } }));
      expect(service).toBeInstanceOf(SqlTuner);
      expect(Object.keys(service.definitions)).toEqual(['gbdt']);
      const opened = await service.openStudy({ name: 'gbdt', directions: ['maximize'], sampler: { kind: 'random', seed: 1 } });
      await opened.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 5 });
      await opened.enqueueTrial({ x: 2 });
      await opened.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 1 });
      const trials = await opened.trials();
      expect(trials.map((t) => t.state)).toEqual(['complete', 'complete', 'complete', 'complete', 'complete', 'complete']);
      expect((await opened.bestTrial())!.params).toEqual({ x: 2 });
      // Reopened (another process would do the same): same study, same trials.
      const again = await service.loadStudy('gbdt');
      expect((await again.trials()).map((t) => t.params.x)).toEqual(trials.map((t) => t.params.x));
      expect(await service.listStudies()).toEqual([{ name: 'gbdt', directions: ['maximize'], counts: { waiting: 0, running: 0, complete: 6, pruned: 0, fail: 0 }, bestValue: 2 }]);
      await expect(service.loadStudy('gdbt')).rejects.toThrow('no study "gdbt"; studies: gbdt');
      // The tables sit beside the store's own; closing the tuner leaves the store's pool open.
      await service.close?.();
      expect(await store.health()).toEqual({ ok: true });
      expect(await store.database.getClient().schema.hasTable('tuner_trials')).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('opens the sampler and pruner a spec names, and rejects a bad definition by its path', async () => {
    const store = openSqlMetadataStore({ kind: 'sqlite', path: join(dir, 'specs.sqlite') });
    await store.start();
    try {
      const service: Tuner = await tuner.create(createTestContext(tuner, {}, { services: { [tokens.database.id]: store.database } }));
      const multi = await service.openStudy({ name: 'mo', directions: ['minimize', 'maximize'], sampler: { kind: 'nsga2', seed: 2, populationSize: 4 } });
      await multi.optimize((t) => {
        const x = t.suggestFloat('x', 0, 1);
        return [x, x * x];
      }, { nTrials: 12 });
      const front = await multi.bestTrials();
      // min x and max x² pull apart: every complete trial is on the front.
      expect(front).toHaveLength(12);
      expect(await multi.bestTrial().catch((e: Error) => e.message)).toBe('study "mo" has several objectives: use bestTrials() (the Pareto front)');
      await expect(service.openStudy({ name: 'bad', sampler: { kind: 'nsga2', populationSize: 1 } })).rejects.toThrow('NsgaIiSampler: populationSize: expected an integer ≥ 2, received 1');
    } finally {
      await store.close();
    }
    const issue = (options: unknown) => {
      const r = tuner.options!.safeParse(options);
      return r.success ? undefined : { path: r.error.issues[0]!.path.join('.'), message: r.error.issues[0]!.message };
    };
    expect(issue({ studies: { s: { ...study, objective: 'logLoss' } } })).toEqual({ path: 'studies.s.objective', message: '"<step>.<metric>"' });
    expect(issue({ studies: { s: { ...study, sampler: { kind: 'cmaes' } } } })).toEqual({ path: 'studies.s.sampler', message: 'an object with kind "tpe" | "random" | "qmc" | "grid" | "nsga2"' });
    expect(issue({ studies: { s: { ...study, space: { lr: [0, 1] } } } })).toEqual({ path: 'studies.s.space', message: 'a function (trial) => pipeline params' });
    expect(issue({ studies: { s: { ...study, constraints: [0] } } })).toEqual({ path: 'studies.s.constraints', message: 'a function (trial) => number[]' });
    expect(issue({ studies: { s: { ...study, maxRetries: -1 } } })?.path).toBe('studies.s.maxRetries');
  });

  it('opens studies with constraints, retries and TPE groups as the contract describes them', async () => {
    const store = openSqlMetadataStore({ kind: 'sqlite', path: join(dir, 'constrained.sqlite') });
    await store.start();
    try {
      const service: Tuner = await tuner.create(createTestContext(tuner, {}, { services: { [tokens.database.id]: store.database } }));
      const opened = await service.openStudy({ name: 'c', sampler: { kind: 'tpe', seed: 1, multivariate: true, group: true }, constraints: (t) => [Number(t.userAttrs.size) - 3], maxRetries: 1 });
      for (const x of [1, 2, 3, 4]) await opened.enqueueTrial({ x });
      let calls = 0;
      await opened.optimize((t) => {
        const x = t.suggestFloat('x', 0, 5);
        t.setUserAttr('size', x);
        if (++calls === 4) throw new Error('lost the GPU');
        return -x;
      }, { nTrials: 5 });
      const trials = await opened.trials();
      expect(trials.map((t) => [t.params.x, t.state, t.constraints ?? null, t.retriedFrom ?? null])).toEqual([
        [1, 'complete', [-2], null],
        [2, 'complete', [-1], null],
        [3, 'complete', [0], null],
        [4, 'fail', null, null],
        [4, 'complete', [1], 3],
      ]);
      // x = 4 has the lowest value but violates its constraint: the best trial is the feasible x = 3.
      expect((await opened.bestTrial())!.params).toEqual({ x: 3 });
      expect((await service.listStudies())[0]!.bestValue).toBe(-3);
      await expect(service.openStudy({ name: 'g', sampler: { kind: 'tpe', multivariate: false, group: true } })).rejects.toThrow('TpeSampler: group: needs multivariate: true');
    } finally {
      await store.close();
    }
  });
});
