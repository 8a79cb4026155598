import { xorFrame } from './__fixtures__/frames';
import { createTfjsTrainer } from './createTfjsTrainer';

const logs: string[] = [];
const trainer = createTfjsTrainer({ backend: 'cpu', hiddenLayers: [16, 8], learningRate: 0.03, batchSize: 32 }, (m) => logs.push(m));

const accuracy = (pred: Float64Array, classes: readonly string[], labels: readonly string[]) => pred.reduce((s, p, i) => s + (classes[p] === labels[i] ? 1 : 0), 0) / pred.length;
const labelsOf = (f: ReturnType<typeof xorFrame>) => {
  const col = f.column('y') as unknown as { data: Int32Array; dictionary: string[] };
  return Array.from(col.data, (c) => col.dictionary[c]!);
};

describe('fitTfjs (cpu backend)', () => {
  it('learns XOR-like data that no linear model can, and logs the backend', async () => {
    const train = xorFrame(400, 1, 'xor');
    const test = xorFrame(200, 2, 'xor');
    const model = await trainer.fit(train, 'y', { epochs: 60 }, { seed: 1 });
    expect(model.task).toBe('binary');
    expect(model.classes).toEqual(['diff', 'same']);
    expect(accuracy(model.predict(test), model.classes!, labelsOf(test))).toBeGreaterThan(0.9);
    expect(model.data.backend).toBe('cpu');
    expect(logs).toContain('trainer-tfjs: training on the cpu backend');
  });

  it('multiclass (softmax) and regression', async () => {
    const multi = await trainer.fit(xorFrame(400, 3, 'quad'), 'y', { epochs: 40 }, { seed: 2 });
    const test = xorFrame(200, 4, 'quad');
    expect(multi.classes).toEqual(['ll', 'other', 'ur']);
    expect(accuracy(multi.predict(test), multi.classes!, labelsOf(test))).toBeGreaterThan(0.9);
    const proba = multi.predictProba(test);
    expect(proba[0]! + proba[1]! + proba[2]!).toBeCloseTo(1, 12);
    const reg = await trainer.fit(xorFrame(400, 5, 'reg'), 'y', { epochs: 60 }, { seed: 3 });
    const t = xorFrame(200, 6, 'reg');
    const y = t.column('y').data as Float64Array;
    const pred = reg.predict(t);
    const mse = pred.reduce((s, p, i) => s + (p - y[i]!) ** 2, 0) / y.length;
    const variance = y.reduce((s, v) => s + v * v, 0) / y.length - (y.reduce((s, v) => s + v, 0) / y.length) ** 2;
    expect(mse).toBeLessThan(0.1 * variance);
  });

  it('is deterministic for a seed, and the seed matters', async () => {
    const frame = xorFrame(200, 7, 'xor');
    const a = await trainer.fit(frame, 'y', { epochs: 5 }, { seed: 11 });
    const b = await trainer.fit(frame, 'y', { epochs: 5 }, { seed: 11 });
    const c = await trainer.fit(frame, 'y', { epochs: 5 }, { seed: 12 });
    expect(b.toJSON()).toEqual(a.toJSON());
    expect(c.data.layers).not.toEqual(a.data.layers);
  });

  it('reports losses per epoch, stops on request, and early-stops on valid_loss keeping the best epoch', async () => {
    const seen: Record<string, number>[] = [];
    const stopped = await trainer.fit(xorFrame(200, 8, 'xor'), 'y', { epochs: 50 }, { validation: xorFrame(100, 9, 'xor'), onIteration: ({ iteration, metrics }) => (seen.push(metrics), iteration === 3 ? 'stop' : undefined) });
    expect(seen).toHaveLength(3);
    expect(Object.keys(seen[0]!)).toEqual(['train_loss', 'valid_loss']);
    expect(stopped.data.epochs).toBe(3);
    // A tiny validation set and a large learning rate: valid_loss soon stops improving.
    const early = await trainer.fit(xorFrame(200, 10, 'xor'), 'y', { epochs: 500, learningRate: 0.1, earlyStoppingRounds: 5 }, { validation: xorFrame(30, 11, 'xor') });
    expect(early.data.epochs).toBeLessThan(500);
    expect(early.data.epochs - early.data.bestEpoch).toBe(5);
  });

  it('round-trips through JSON as plain numbers, and refuses NaN features and bad JSON', async () => {
    const frame = xorFrame(100, 12, 'quad');
    const model = await trainer.fit(frame, 'y', { epochs: 3, hiddenLayers: [4] }, { seed: 1 });
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    expect(json.layers.map((l: { weights: number[][] }) => [l.weights.length, l.weights[0]!.length])).toEqual([[2, 4], [4, 3]]);
    const loaded = trainer.load(json);
    expect(loaded.predictProba(frame)).toEqual(model.predictProba(frame));
    expect(() => trainer.load({ ...json, layers: [json.layers[0]] })).toThrow('layer shapes must chain');
    const bad = frame.withColumn('a', { ...frame.column('a'), data: Float64Array.from([NaN, ...new Array(99).fill(0)]) } as never);
    await expect(trainer.fit(bad, 'y', {})).rejects.toThrow('feature column "a" is missing or not finite at row 0 (NaN)');
    await expect(trainer.fit(frame, 'y', { hiddenLayers: [0] })).rejects.toThrow('invalid tfjs params');
  });
});
