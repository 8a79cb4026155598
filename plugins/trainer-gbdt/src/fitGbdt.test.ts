import { fitGbdt } from './fitGbdt';
import { resolveGbdtParams } from './createGbdtTrainer';
import { labelled, synthetic } from './__fixtures__/frames';
import { loadGbdtModel } from './loadGbdtModel';

const small = { minSamplesLeaf: 1, minChildWeight: 0, l2: 0 };

describe('fitGbdt', () => {
  it('learns a single split exactly: threshold midway, leaf = -G/H · lr', async () => {
    const frame = labelled({ x: [1, 2, 3, 4, 10, 11, 12, 13] }, ['n', 'n', 'n', 'n', 'p', 'p', 'p', 'p']);
    const model = await fitGbdt(frame, 'y', resolveGbdtParams({ ...small, nRounds: 1, maxDepth: 1, learningRate: 1 }));
    const t = model.data.trees[0]!;
    expect(model.data.task).toBe('binary');
    expect(model.classes).toEqual(['n', 'p']);
    expect(model.data.baseScore).toEqual([0]);
    expect(t.feature).toEqual([0, -1, -1]);
    expect(t.threshold[0]).toBe(7);
    // p = 0.5 everywhere: G = 4 · 0.5, H = 4 · 0.25 per side ⇒ leaf = ∓2.
    expect(t.value.slice(1)).toEqual([-2, 2]);
    expect(Array.from(model.predict(frame))).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(model.featureImportance('split')).toEqual({ x: 1 });
  });

  it('needs depth 2 for XOR and gets it right', async () => {
    const a: number[] = [];
    const b: number[] = [];
    const y: string[] = [];
    for (let i = 0; i < 40; i++) {
      const u = i % 2;
      const v = Math.floor(i / 2) % 2;
      a.push(u + (i % 5) * 0.01);
      b.push(v + (i % 7) * 0.01);
      y.push(u !== v ? 'one' : 'zero');
    }
    const frame = labelled({ a, b }, y);
    const model = await fitGbdt(frame, 'y', resolveGbdtParams({ ...small, l2: 1, nRounds: 20, maxDepth: 2, learningRate: 0.5 }));
    const pred = model.predict(frame);
    expect(Array.from(pred, (p) => model.classes![p])).toEqual(y);
    expect(model.data.trees[0]!.feature.filter((f) => f >= 0)).toHaveLength(3);
  });

  it('learns where missing values go', async () => {
    // Missing x behaves like large x; the default direction must send it right.
    const x = [1, 2, 3, 4, 5, 6, NaN, NaN, NaN, 20, 21, 22];
    const y = ['n', 'n', 'n', 'n', 'n', 'n', 'p', 'p', 'p', 'p', 'p', 'p'];
    const model = await fitGbdt(labelled({ x }, y), 'y', resolveGbdtParams({ ...small, nRounds: 1, maxDepth: 1, learningRate: 1 }));
    const t = model.data.trees[0]!;
    expect(t.feature[0]).toBe(0);
    expect(t.defaultLeft[0]).toBe(0);
    expect(Array.from(model.predict(labelled({ x: [NaN, 0, 30] }, ['p', 'n', 'p'])))).toEqual([1, 0, 1]);
    // And the mirror case: missing behaves like small x.
    const mirror = await fitGbdt(labelled({ x }, y.map((l, i) => (i >= 6 && i < 9 ? 'n' : l))), 'y', resolveGbdtParams({ ...small, nRounds: 1, maxDepth: 1, learningRate: 1 }));
    expect(mirror.data.trees[0]!.defaultLeft[0]).toBe(1);
  });

  it('stops early and keeps the best iteration', async () => {
    const train = synthetic(600, 1);
    const valid = synthetic(300, 2);
    const seen: number[] = [];
    const model = await fitGbdt(train.drop(['multi', 'reg']), 'bin', resolveGbdtParams({ nRounds: 500, learningRate: 0.5, maxDepth: 6, minSamplesLeaf: 1, l2: 0, earlyStoppingRounds: 5 }), {
      validation: valid.drop(['multi', 'reg']),
      onIteration: ({ metrics }) => void seen.push(metrics.valid_logloss!),
    });
    expect(seen.length).toBeLessThan(500);
    const best = seen.indexOf(Math.min(...seen));
    expect(seen.length).toBe(best + 1 + 5);
    expect(model.data.rounds).toBe(best + 1);
    expect(model.data.trees).toHaveLength(best + 1);
  });

  it("ends training when onIteration returns 'stop'", async () => {
    const model = await fitGbdt(synthetic(200, 3).drop(['multi', 'reg']), 'bin', resolveGbdtParams({ nRounds: 50 }), {
      onIteration: ({ iteration, metrics }) => {
        expect(metrics.train_logloss).toBeGreaterThan(0);
        return iteration === 2 ? 'stop' : undefined;
      },
    });
    expect(model.data.trees).toHaveLength(3);
  });

  it('fits multiclass with one tree per class per round', async () => {
    const train = synthetic(900, 4).drop(['bin', 'reg']);
    const test = synthetic(300, 5).drop(['bin', 'reg']);
    const model = await fitGbdt(train, 'multi', resolveGbdtParams({ nRounds: 30 }));
    expect(model.classes).toEqual(['a', 'b', 'c']);
    expect(model.data.trees).toHaveLength(90);
    const p = model.predictProba(test);
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 12);
    const pred = model.predict(test);
    const y = test.column('multi');
    const dict = y.dtype === 'category' ? y.dictionary : [];
    let right = 0;
    for (let i = 0; i < pred.length; i++) if (model.classes![pred[i]!] === dict[(y.data as Int32Array)[i]!]) right++;
    expect(right / pred.length).toBeGreaterThan(0.85);
  });

  it('fits regression starting from the mean', async () => {
    const train = synthetic(1000, 6).drop(['bin', 'multi']);
    const test = synthetic(300, 7).drop(['bin', 'multi']);
    const losses: number[] = [];
    const model = await fitGbdt(train, 'reg', resolveGbdtParams({ nRounds: 60 }), { validation: test, onIteration: ({ metrics }) => void losses.push(metrics.valid_rmse!) });
    expect(model.task).toBe('regression');
    const y = train.column('reg').data as Float64Array;
    expect(model.data.baseScore[0]).toBeCloseTo(y.reduce((a, b) => a + b, 0) / y.length, 5);
    expect(losses[losses.length - 1]!).toBeLessThan(0.3 * losses[0]!);
  });

  it('is deterministic for a seed, with subsampling', async () => {
    const frame = synthetic(500, 8).drop(['multi', 'reg']);
    const params = resolveGbdtParams({ nRounds: 10, subsample: 0.7, colsampleByTree: 0.5, growPolicy: 'lossguide', maxLeaves: 8, maxDepth: 0 });
    const a = await fitGbdt(frame, 'bin', params, { seed: 42 });
    const b = await fitGbdt(frame, 'bin', params, { seed: 42 });
    const c = await fitGbdt(frame, 'bin', params, { seed: 43 });
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    expect(JSON.stringify(a.toJSON())).not.toBe(JSON.stringify(c.toJSON()));
    for (const t of a.data.trees) expect(t.feature.filter((f) => f < 0).length).toBeLessThanOrEqual(8);
  });

  it('nThreads: 2 splits large histograms across a worker thread and trains the same model up to rounding', async () => {
    // 40k rows: histograms of nodes with ≥ 16384 rows are built half by each thread.
    const frame = synthetic(40_000, 10).drop(['multi', 'reg']);
    const losses: Record<number, number[]> = { 1: [], 2: [] };
    const models = [];
    for (const nThreads of [1, 2]) {
      models.push(await fitGbdt(frame, 'bin', resolveGbdtParams({ nRounds: 5, nThreads }), { seed: 3, onIteration: ({ metrics }) => void losses[nThreads]!.push(metrics.train_logloss!) }));
    }
    for (let r = 0; r < 5; r++) expect(losses[2]![r]).toBeCloseTo(losses[1]![r]!, 10);
    const [a, b] = models.map((m) => m!.predictProba(frame));
    let d = 0;
    for (let i = 0; i < a!.length; i++) d = Math.max(d, Math.abs(a![i]! - b![i]!));
    expect(d).toBeLessThan(1e-9);
  });

  it('round-trips through JSON', async () => {
    const frame = synthetic(300, 9).drop(['bin', 'reg']);
    const model = await fitGbdt(frame, 'multi', resolveGbdtParams({ nRounds: 5 }));
    const back = loadGbdtModel(JSON.parse(JSON.stringify(model.toJSON())));
    expect(back.predictProba(frame)).toEqual(model.predictProba(frame));
    expect(back.featureImportance()).toEqual(model.featureImportance());
    expect(() => loadGbdtModel({ kind: 'gbdt' })).toThrow(/not a GBDT model/);
  });

  it('refuses an aborted signal', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(fitGbdt(synthetic(50, 1).drop(['multi', 'reg']), 'bin', resolveGbdtParams({}), { signal: ac.signal })).rejects.toThrow(/aborted at round 0/);
  });
});
