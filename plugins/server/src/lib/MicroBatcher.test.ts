import { describe, expect, it } from '@jest/globals';
import type { Feeds } from '@mlops/serving';
import { MicroBatcher } from './MicroBatcher';

/** A fake model: each call takes `ms`, answers each row's `x` from the (concatenated) feed, and records the call's size. */
function recorder(ms = 5) {
  const calls: number[] = [];
  const run = async (feeds: Feeds, n: number) => {
    const x = feeds.x!.data as Float32Array;
    expect([x.length, feeds.x!.dims[0]]).toEqual([n, n]);
    calls.push(n);
    await new Promise((r) => setTimeout(r, ms));
    if (x.includes(-1)) throw new Error('bad batch');
    return (start: number, end: number) => Array.from(x.subarray(start, end));
  };
  return { calls, run };
}

/** One request's feeds: an input x with these values. */
const rows = (...xs: number[]): [Feeds, number] => [{ x: { data: Float32Array.from(xs), dims: [xs.length, 1] } }, xs.length];

describe('MicroBatcher', () => {
  it('runs a lone request at once, and coalesces what queues during a call', async () => {
    const { calls, run } = recorder();
    const b = new MicroBatcher(run, { maxRows: 64, maxWaitMs: 0 });
    const answers = await Promise.all([b.predict(...rows(1)), b.predict(...rows(2, 3)), b.predict(...rows(4)), b.predict(...rows(5))]);
    expect(answers).toEqual([[1], [2, 3], [4], [5]]);
    // The first request found the model idle; the other three waited for it and went in one call.
    expect(calls).toEqual([1, 4]);
  });

  it('never puts more than maxRows in a call; a request of maxRows or more runs at once, beside the running call', async () => {
    const { calls, run } = recorder();
    const b = new MicroBatcher(run, { maxRows: 3, maxWaitMs: 0 });
    const answers = await Promise.all([b.predict(...rows(0)), b.predict(...rows(1, 2)), b.predict(...rows(3, 4)), b.predict(...rows(5, 6, 7, 8)), b.predict(...rows(9))]);
    expect(answers).toEqual([[0], [1, 2], [3, 4], [5, 6, 7, 8], [9]]);
    // [0] finds the model idle; the 4-row request does not queue behind it; the rest coalesce up to 3 rows ([1, 2], then [3, 4] + [9]).
    expect(calls).toEqual([1, 4, 2, 3]);
  });

  it('waits up to maxWaitMs to fill a call', async () => {
    const { calls, run } = recorder(1);
    const b = new MicroBatcher(run, { maxRows: 4, maxWaitMs: 30 });
    const first = b.predict(...rows(1));
    await new Promise((r) => setTimeout(r, 10));
    await Promise.all([first, b.predict(...rows(2))]);
    expect(calls).toEqual([2]);
    // A full call does not wait, even for a wait far longer than any scheduling hiccup.
    const patient = new MicroBatcher(run, { maxRows: 4, maxWaitMs: 10_000 });
    const t = Date.now();
    await patient.predict(...rows(1, 2, 3, 4));
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(calls).toEqual([2, 4]);
  });

  it('fails every request of a failed call, and keeps working', async () => {
    const { run } = recorder();
    const onBatch: number[] = [];
    const b = new MicroBatcher(run, { maxRows: 64, maxWaitMs: 0, onBatch: (n) => onBatch.push(n) });
    const blocker = b.predict(...rows(0));
    const results = await Promise.allSettled([b.predict(...rows(-1)), b.predict(...rows(7))]);
    await blocker;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await b.predict(...rows(8))).toEqual([8]);
    expect(onBatch).toEqual([1, 2, 1]);
  });
});
