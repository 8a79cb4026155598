import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Logger } from '@mlops/core';
import { silentLogger } from '@mlops/core';
import { readPredictionLog } from '../readPredictionLog';
import { servedEvent, type LogSubject } from './logSubjects';

const tick = () => new Promise<void>((r) => setImmediate(r));

/** The prediction log's contract, run against a real database (SQLite and Postgres). */
export function predictionLogConformance(title: string, open: () => Promise<LogSubject>): void {
  describe(title, () => {
    // A database of its own per test (a SQLite file; a Postgres schema), dropped afterwards.
    let s: LogSubject;
    beforeEach(async () => {
      s = await open();
    });
    afterEach(() => s.cleanup());
    const count = async () => Number((await s.sql.knex(s.table).sum({ n: 'row_count' }))[0]!.n ?? 0);
    const requestIds = async () => (await readPredictionLog(s.sql)).flatMap((c) => c.requests!.map((r) => r.id));

    it('writes each inference call with its requests (ids, rows, latency), model, version, time, and its input and output columns', async () => {
      const { log, hooks } = await s.open();
      const servedAt = Date.now() - 1000;
      hooks.announce('predictionsServed', servedEvent([1, 2], { servedAt }), 3);
      hooks.announce('predictionsServed', servedEvent([1], { servedAt, withRequests: false, version: null }), 1);
      await log.close();
      const calls = await readPredictionLog(s.sql);
      const plain = calls.map((c) => ({
        ...c,
        id: typeof c.id,
        inputs: Object.fromEntries(Object.entries(c.inputs).map(([k, t]) => [k, { type: t.data.constructor.name, values: Array.from(t.data as ArrayLike<unknown>), dims: t.dims }])),
        outputs: Object.fromEntries(Object.entries(c.outputs).map(([k, t]) => [k, { type: t.data.constructor.name, values: Array.from(t.data as ArrayLike<unknown>), dims: t.dims }])),
      }));
      expect(plain).toEqual([
        {
          id: 'number',
          model: 'churn',
          version: 3,
          servedAt,
          servedUntil: servedAt,
          calls: 1,
          rows: 3,
          requests: [
            { id: 'req-0', rows: 1, latencyMs: 2.5 },
            { id: 'req-1', rows: 2, latencyMs: 3.5 },
          ],
          inferenceMs: 1.25,
          // The typed arrays come back bit for bit, NaN (a missing value) included.
          inputs: { a: { type: 'Float32Array', values: [0.5, NaN, 2.5], dims: [3, 1] }, b: { type: 'Float64Array', values: [-0, -0.25, -0.5], dims: [3, 1] } },
          outputs: { label: { type: 'BigInt64Array', values: [0n, 1n, 0n], dims: [3, 1] }, probabilities: { type: 'Float32Array', values: [0.25, 0.75, 0.25, 0.75, 0.25, 0.75], dims: [3, 2] } },
        },
        // An event without requests (no server around it): no ids, no latency.
        {
          id: 'number',
          model: 'churn',
          version: null,
          servedAt,
          servedUntil: servedAt,
          calls: 1,
          rows: 1,
          requests: null,
          inferenceMs: 0,
          inputs: { a: { type: 'Float32Array', values: [0.5], dims: [1, 1] }, b: { type: 'Float64Array', values: [-0], dims: [1, 1] } },
          outputs: { label: { type: 'BigInt64Array', values: [0n], dims: [1, 1] }, probabilities: { type: 'Float32Array', values: [0.25, 0.75], dims: [1, 2] } },
        },
      ]);
      expect(log.stats()).toMatchObject({ written: 4, dropped: 0, sampledOut: 0, buffered: 0, writeErrors: 0 });
      expect(await readPredictionLog(s.sql, { version: 3 })).toHaveLength(1);
      expect(await readPredictionLog(s.sql, { since: servedAt + 1 })).toHaveLength(0);
    });

    it('drops nothing under load at the default options, in batched transactions', async () => {
      const { log, hooks } = await s.open();
      // 300 inference calls of 8 requests × 5 rows, announced as a busy server does: a burst per tick.
      for (let round = 0; round < 30; round++) {
        for (let c = 0; c < 10; c++) hooks.announce('predictionsServed', servedEvent([5, 5, 5, 5, 5, 5, 5, 5], { idPrefix: `r${round}c${c}` }), 40);
        await tick();
      }
      await log.close();
      expect(await count()).toBe(12_000);
      expect(hooks.stats().dropped).toBe(0);
      const stats = log.stats();
      expect(stats).toMatchObject({ written: 12_000, dropped: 0, sampledOut: 0, buffered: 0, writeErrors: 0 });
      // batchRows 10,000: a couple of transactions, not one per call; each writes the calls it takes
      // as one row (they are one model version within a second).
      expect(stats.flushes).toBeGreaterThanOrEqual(2);
      expect(stats.flushes).toBeLessThanOrEqual(5);
      const calls = await readPredictionLog(s.sql);
      expect(calls.length).toBeLessThanOrEqual(stats.flushes);
      expect(calls.reduce((n, c) => n + c.calls, 0)).toBe(300);
      expect(calls.flatMap((c) => c.requests!.map((r) => r.id))).toEqual(Array.from({ length: 30 }, (_, r) => Array.from({ length: 10 }, (_, c) => Array.from({ length: 8 }, (_, i) => `r${r}c${c}-${i}`))).flat(2));
      for (const c of calls) expect(Array.from(c.inputs.b!.data as Float64Array)).toEqual(Array.from({ length: c.calls }, () => [0, 1, 2, 3, 4, 5, 6, 7].flatMap((k) => Array.from({ length: 5 }, (_, i) => -(k * 5 + i) / 4))).flat());
    });

    it('samples whole requests at sampleRate and counts the rest', async () => {
      const { log, hooks } = await s.open({ sampleRate: 0.25 });
      for (let c = 0; c < 100; c++) {
        hooks.announce('predictionsServed', servedEvent(Array(10).fill(3), { idPrefix: `s${c}` }), 30);
        await tick();
      }
      await log.close();
      const { written, sampledOut, dropped } = log.stats();
      expect(written + sampledOut).toBe(3000);
      expect(dropped).toBe(0);
      // 1000 requests kept with p = 0.25: 250 expected, sd 13.7; ±70 is five sd.
      expect(written / 3).toBeGreaterThan(180);
      expect(written / 3).toBeLessThan(320);
      // Each kept request brings its three rows, and the columns hold exactly the kept rows.
      const calls = await readPredictionLog(s.sql);
      expect(new Set(calls.flatMap((c) => c.requests!.map((r) => r.rows)))).toEqual(new Set([3]));
      for (const c of calls) {
        expect(c.inputs.a!.data.length).toBe(c.rows);
        expect(c.outputs.probabilities!.data.length).toBe(2 * c.rows);
        expect(c.requests!.reduce((n, r) => n + r.rows, 0)).toBe(c.rows);
      }
      expect(await count()).toBe(written);
    });

    it('never blocks on a locked database: rows beyond the buffer are dropped and counted, the rest written once the lock goes', async () => {
      const lines: string[] = [];
      const logger: Logger = { ...silentLogger, warn: (m: string) => void lines.push(m) };
      const { log, hooks } = await s.open({ batchRows: 100, maxBufferedRows: 500, flushIntervalMs: 20 }, logger);
      const release = await s.holdWriteLock();
      let released = false;
      try {
        const started = performance.now();
        let worstLagMs = 0;
        for (let c = 0; c < 20; c++) {
          hooks.announce('predictionsServed', servedEvent([50], { idPrefix: `l${c}` }), 50);
          const t = performance.now();
          await new Promise((r) => setTimeout(r, 10));
          worstLagMs = Math.max(worstLagMs, performance.now() - t - 10);
        }
        await hooks.flush();
        // On SQLite one more flush, awaited, fails at once (the writer thread's round trip may outlast
        // the loop on a busy machine); on Postgres it would wait for the table lock.
        if (s.dialect === 'sqlite') await log.flush();
        // SQLite's writer would otherwise wait for busy_timeout (5 s) on every flush (on the server's
        // thread, freezing the event loop); Postgres's waits asynchronously.
        expect(performance.now() - started).toBeLessThan(2500);
        expect(worstLagMs).toBeLessThan(1000);
        expect(log.stats()).toMatchObject({ written: 0, buffered: 500, dropped: 500 });
        expect(await log.health()).toEqual(s.dialect === 'sqlite' ? { ok: false, detail: expect.stringContaining('prediction log writes failing (500 rows buffered)') } : { ok: true });
        await release();
        released = true;
        await log.close();
      } finally {
        if (!released) await release();
      }
      expect(await count()).toBe(500);
      expect(log.stats()).toMatchObject({ written: 500, dropped: 500, buffered: 0 });
      if (s.dialect === 'sqlite') {
        expect(log.stats().writeErrors).toBeGreaterThan(0);
        expect(lines[0]).toMatch(/^monitor: writing \d+ prediction log rows failed \(1 failure so far; kept buffered, retried every 20 ms\): SQLITE_BUSY: database is locked$/);
      }
    });

    it('at close, waits out a lock another writer holds briefly (the server\'s other workers closing at once) instead of dropping the rows', async () => {
      const { log, hooks } = await s.open({ batchRows: 100, flushIntervalMs: 60_000, settleMs: 60_000 });
      hooks.announce('predictionsServed', servedEvent([30, 40], { idPrefix: 'close' }), 70);
      await hooks.flush();
      const release = await s.holdWriteLock();
      const releasing = new Promise<void>((resolve, reject) => setTimeout(() => release().then(resolve, reject), 300));
      const started = Date.now();
      await log.close();
      await releasing;
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(log.stats()).toMatchObject({ written: 70, dropped: 0, buffered: 0 });
      expect(await count()).toBe(70);
    });

    it('stores request ids of any length and script, string columns and latencies exactly, and counts whole calls dropped beyond the buffer', async () => {
      // The ids and string columns are buffered as JSON bytes and the latencies in typed arrays: read
      // back, they are the very values served. 10 calls of 50 one-row requests in one hook drain, with
      // room for 250 rows: the first 5 calls are kept, the other 5 dropped and counted.
      const { log, hooks } = await s.open({ batchRows: 100, maxBufferedRows: 250, flushIntervalMs: 60_000, settleMs: 60_000 });
      const pieces = ['x', '-', '"', '\\', '\n', 'é', '日本語', '😀', '\ud800', ' ', 'Ω'];
      const idOf = (c: number, i: number) => `${c}:` + Array.from({ length: (c * 50 + i) % 128 }, (_, k) => pieces[(c + i + k) % pieces.length]).join('').slice(0, 120);
      const served = Array.from({ length: 10 }, (_, c) => {
        const event = servedEvent(Array(50).fill(1), { idPrefix: `c${c}` });
        const city = { data: Array.from({ length: 50 }, (_, i) => pieces[(c * 7 + i) % pieces.length]!.repeat(1 + (i % 4))), dims: [50, 1] };
        const call = { ...event, requests: event.requests!.map((r, i) => ({ ...r, id: idOf(c, i), latencyMs: c + i / 3 })), inputs: { ...event.inputs, city } };
        hooks.announce('predictionsServed', call, 50);
        return call;
      });
      await hooks.flush();
      expect(log.stats()).toMatchObject({ dropped: 250, buffered: 250 });
      await log.close();
      expect(log.stats()).toMatchObject({ written: 250, dropped: 250, buffered: 0, writeErrors: 0 });
      const calls = await readPredictionLog(s.sql);
      const kept = served.slice(0, 5);
      expect(calls.flatMap((c) => c.requests!)).toEqual(kept.flatMap((e) => e.requests!.map((r) => ({ id: r.id, rows: 1, latencyMs: Math.round(r.latencyMs * 1000) / 1000 }))));
      expect(calls.flatMap((c) => c.inputs.city!.data as string[])).toEqual(kept.flatMap((e) => e.inputs.city!.data as string[]));
      expect(await count()).toBe(250);
    });

    it('deletes rows older than retentionDays at start and on demand', async () => {
      const day = 86_400_000;
      const first = await s.open();
      first.hooks.announce('predictionsServed', servedEvent([2], { servedAt: Date.now() - 40 * day, idPrefix: 'old' }), 2);
      first.hooks.announce('predictionsServed', servedEvent([1], { servedAt: Date.now() - 10 * day, idPrefix: 'mid' }), 1);
      first.hooks.announce('predictionsServed', servedEvent([1], { idPrefix: 'new' }), 1);
      await first.log.close();
      expect(await count()).toBe(4);
      expect(await requestIds()).toEqual(['old-0', 'mid-0', 'new-0']);
      const second = await s.open({ retentionDays: 30 });
      expect(await requestIds()).toEqual(['mid-0', 'new-0']);
      expect(second.log.stats().expired).toBe(2);
      const third = await s.open({ retentionDays: 5 });
      expect(third.log.stats().expired).toBe(1);
      expect(await third.log.expire()).toBe(0);
      expect(await requestIds()).toEqual(['new-0']);
    });
  });
}
