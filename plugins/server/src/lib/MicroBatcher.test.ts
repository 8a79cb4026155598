import { describe, expect, it } from '@jest/globals';
import { concatFeeds, type Feeds } from '@mlops/serving';
import { MicroBatcher, type BatchPart } from './MicroBatcher';

/** A fake model: each call takes `ms`, answers each row's `x` from the concatenated feeds, and records the call's size. */
function recorder(ms = 5) {
  const calls: number[] = [];
  const run = async (parts: readonly BatchPart<never>[], n: number) => {
    const feeds = concatFeeds(parts.map((p) => p.feeds), parts.map((p) => p.rows));
    const x = feeds.x!.data as Float32Array;
    expect([x.length, feeds.x!.dims[0]]).toEqual([n, n]);
    calls.push(n);
    await new Promise((r) => setTimeout(r, ms));
    if (x.includes(-1)) throw new Error('bad batch');
    return Array.from(x);
  };
  return { calls, run };
}

/** A request's rows of a call's answer. */
const slice = (answer: number[], start: number, end: number) => answer.slice(start, end);

/** One request's feeds: an input x with these values. */
const rows = (...xs: number[]): [Feeds, number] => [{ x: { data: Float32Array.from(xs), dims: [xs.length, 1] } }, xs.length];

describe('MicroBatcher', () => {
  it('runs a lone request at once, and coalesces what queues during a call', async () => {
    const { calls, run } = recorder();
    const b = new MicroBatcher(run, slice, { maxRows: 64, maxWaitMs: 0 });
    const answers = await Promise.all([b.predict(...rows(1)), b.predict(...rows(2, 3)), b.predict(...rows(4)), b.predict(...rows(5))]);
    expect(answers).toEqual([[1], [2, 3], [4], [5]]);
    // The first request found the model idle; the other three waited for it and went in one call.
    expect(calls).toEqual([1, 4]);
  });

  it('never puts more than maxRows in a call; a request of maxRows or more runs at once, beside the running call', async () => {
    const { calls, run } = recorder();
    const b = new MicroBatcher(run, slice, { maxRows: 3, maxWaitMs: 0 });
    const answers = await Promise.all([b.predict(...rows(0)), b.predict(...rows(1, 2)), b.predict(...rows(3, 4)), b.predict(...rows(5, 6, 7, 8)), b.predict(...rows(9))]);
    expect(answers).toEqual([[0], [1, 2], [3, 4], [5, 6, 7, 8], [9]]);
    // [0] finds the model idle; the 4-row request does not queue behind it; the rest coalesce up to 3 rows ([1, 2], then [3, 4] + [9]).
    expect(calls).toEqual([1, 4, 2, 3]);
  });

  it('waits up to maxWaitMs to fill a call', async () => {
    const { calls, run } = recorder(1);
    const b = new MicroBatcher(run, slice, { maxRows: 4, maxWaitMs: 30 });
    const first = b.predict(...rows(1));
    await new Promise((r) => setTimeout(r, 10));
    await Promise.all([first, b.predict(...rows(2))]);
    expect(calls).toEqual([2]);
    // A full call does not wait, even for a wait far longer than any scheduling hiccup.
    const patient = new MicroBatcher(run, slice, { maxRows: 4, maxWaitMs: 10_000 });
    const t = Date.now();
    await patient.predict(...rows(1, 2, 3, 4));
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(calls).toEqual([2, 4]);
  });

  it('fails every request of a failed call, and keeps working', async () => {
    const { run } = recorder();
    const onBatch: number[] = [];
    const b = new MicroBatcher(run, slice, { maxRows: 64, maxWaitMs: 0, onBatch: (n) => onBatch.push(n) });
    const blocker = b.predict(...rows(0));
    const results = await Promise.allSettled([b.predict(...rows(-1)), b.predict(...rows(7))]);
    await blocker;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await b.predict(...rows(8))).toEqual([8]);
    expect(onBatch).toEqual([1, 2, 1]);
  });

  it('answers a lone request with the call itself, and is idle again from the next turn of the event loop', async () => {
    let call: Promise<number[]> | undefined;
    const { calls, run } = recorder(1);
    const b = new MicroBatcher<number[], never>((parts, n) => (call = run(parts, n)), slice, { maxRows: 64, maxWaitMs: 0 });
    const lone = b.predict(...rows(1));
    expect(lone).toBe(call);
    await lone;
    await new Promise((r) => setImmediate(r));
    // Idle: the next request runs at once, alone, instead of queueing.
    const next = b.predict(...rows(2));
    expect(next).toBe(call);
    expect(await next).toEqual([2]);
    expect(calls).toEqual([1, 1]);
  });

  it('frees the model after a lone call that failed, even one whose run threw before returning a promise', async () => {
    const { calls, run } = recorder(1);
    let throwNow = true;
    const b = new MicroBatcher<number[], never>(
      (parts, n) => {
        if (throwNow) throw new Error('no promise');
        return run(parts, n);
      },
      slice,
      { maxRows: 64, maxWaitMs: 0 },
    );
    await expect(b.predict(...rows(1))).rejects.toThrow('no promise');
    throwNow = false;
    await expect(b.predict(...rows(-1))).rejects.toThrow('bad batch');
    expect(await b.predict(...rows(3))).toEqual([3]);
    expect(b.queued).toBe(0);
    expect(calls).toEqual([1, 1]);
  });

  it('coalesces the requests of one turn behind a lone call that settled at once (a synchronous runtime)', async () => {
    const calls: number[] = [];
    // Settles before predict returns, as onnxruntime's native run does.
    const run = (parts: readonly BatchPart<never>[], n: number) => {
      calls.push(n);
      return Promise.resolve(Array.from(concatFeeds(parts.map((p) => p.feeds), parts.map((p) => p.rows)).x!.data as Float32Array));
    };
    const b = new MicroBatcher<number[], never>(run, slice, { maxRows: 64, maxWaitMs: 0 });
    const first = await b.predict(...rows(1));
    // Still the same turn (as other sockets' requests read in the same poll phase): these queue and go in one call.
    const rest = await Promise.all([b.predict(...rows(2)), b.predict(...rows(3, 4)), b.predict(...rows(5))]);
    expect([first, ...rest]).toEqual([[1], [2], [3, 4], [5]]);
    expect(calls).toEqual([1, 4]);
    // A request of a later turn finds the model idle and runs alone.
    await new Promise((r) => setImmediate(r));
    expect(await b.predict(...rows(6))).toEqual([6]);
    expect(calls).toEqual([1, 4, 1]);
  });
});
