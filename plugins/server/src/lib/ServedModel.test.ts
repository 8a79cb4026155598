import { describe, expect, it } from '@jest/globals';
import type { LoadedModel, ServedModelInfo, TensorValue } from '@mlops/core';
import { httpServerOptions } from '../options';
import { signature } from '../__fixtures__/servingModel';
import { ServedModel } from './ServedModel';

/** A fake graph: P(pos) = 0.75 for every row, each run taking `ms`; records release. */
function fakeModel(ms: number) {
  const state = { released: false, runs: 0 };
  const model: LoadedModel = {
    inputs: signature.inputs.map((c) => ({ name: c.name, type: 'float32', dims: [null, 1] })),
    outputs: [{ name: 'probabilities', type: 'float32', dims: [null, 2] }],
    async run(feeds: Record<string, TensorValue>) {
      if (state.released) throw new Error('run after release');
      state.runs++;
      await new Promise((r) => setTimeout(r, ms));
      const n = feeds.a!.dims[0]!;
      return { probabilities: { data: Float32Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 0.75 : 0.25)), dims: [n, 2] } };
    },
    async release() {
      state.released = true;
    },
  };
  return { model, state };
}

const info: ServedModelInfo = { name: 'm', version: 1, alias: 'champion', digest: 'sha256:x', signature, loadedAt: 0 };
const row = { a: 1, b: 2, c: null };

describe('ServedModel', () => {
  it('releases a retired model only after its in-flight requests finish', async () => {
    const { model, state } = fakeModel(50);
    const served = new ServedModel(info, model, httpServerOptions.parse({ model: 'm' }));
    const inFlight = [served.predict(served.feedsOf([row]), 1), served.predict(served.feedsOf([row, row]), 2)];
    const retired = served.retire();
    await new Promise((r) => setTimeout(r, 10));
    expect(state.released).toBe(false);
    const answers = (await Promise.all(inFlight)).map((a) => served.predictionsOf(a));
    expect(answers.map((a) => a.length)).toEqual([1, 2]);
    expect(answers[0]).toEqual([{ label: 'pos', probabilities: { neg: 0.25, pos: 0.75 } }]);
    await retired;
    expect(state.released).toBe(true);
  });

  it('releases at once when idle', async () => {
    const { model, state } = fakeModel(1);
    const served = new ServedModel(info, model, httpServerOptions.parse({ model: 'm', microBatch: { enabled: false } }));
    await served.predict(served.feedsOf([row]), 1);
    await served.retire();
    expect(state).toEqual({ released: true, runs: 1 });
  });

  it('keeps a retired model for a request still waiting for its batch (no call running yet)', async () => {
    const { model, state } = fakeModel(1);
    const served = new ServedModel(info, model, httpServerOptions.parse({ model: 'm', microBatch: { maxWaitMs: 40, maxRows: 8 } }));
    const waiting = served.predict(served.feedsOf([row]), 1);
    const retired = served.retire();
    await new Promise((r) => setTimeout(r, 5));
    expect(state).toEqual({ released: false, runs: 0 });
    expect(served.predictionsOf(await waiting)).toEqual([{ label: 'pos', probabilities: { neg: 0.25, pos: 0.75 } }]);
    await retired;
    expect(state).toEqual({ released: true, runs: 1 });
  });

  it('gives each request of a batch its own rows; batched or not, the same answers', async () => {
    const answers = async (microBatch: { enabled: boolean }) => {
      const { model, state } = fakeModel(20);
      const served = new ServedModel(info, model, httpServerOptions.parse({ model: 'm', microBatch }));
      const sizes = [1, 3, 2, 1];
      const got = await Promise.all(sizes.map((n) => served.predict(served.feedsOf(Array(n).fill(row)), n)));
      await served.retire();
      return { rows: got.map((a) => [a.end - a.start, served.predictionsOf(a).length]), runs: state.runs, released: state.released };
    };
    // Batched: the first request runs alone, the other three wait for it and share one call.
    expect(await answers({ enabled: true })).toEqual({ rows: [[1, 1], [3, 3], [2, 2], [1, 1]], runs: 2, released: true });
    expect(await answers({ enabled: false })).toEqual({ rows: [[1, 1], [3, 3], [2, 2], [1, 1]], runs: 4, released: true });
  });
});
