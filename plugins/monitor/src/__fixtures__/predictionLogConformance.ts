import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Logger } from '@mlops/core';
import { silentLogger } from '@mlops/core';
import { servedEvent, type LogSubject } from './logSubjects';

const tick = () => new Promise<void>((r) => setImmediate(r));

/** The prediction log's contract, run against a real database (SQLite and Postgres). */
export function predictionLogConformance(title: string, open: () => Promise<LogSubject>): void {
  describe(title, () => {
    let s: LogSubject;
    beforeAll(async () => {
      s = await open();
    });
    afterAll(() => s.cleanup());
    const clear = () => s.sql.knex(s.table).delete();
    const count = async () => Number((await s.sql.knex(s.table).count({ n: '*' }))[0]!.n);

    it('writes each served row with its request id, model, version, time, latency, inputs and outputs', async () => {
      await clear();
      const { log, hooks } = await s.open();
      const servedAt = Date.now() - 1000;
      hooks.announce('predictionsServed', servedEvent([1, 2], { servedAt }), 3);
      hooks.announce('predictionsServed', servedEvent([1], { servedAt, withRequests: false, version: null }), 1);
      await log.close();
      const rows = await s.sql.knex(s.table).orderBy('id');
      expect(rows.map((r) => ({ ...r, id: undefined, version: r.version === null ? null : Number(r.version), inputs: JSON.parse(r.inputs), outputs: JSON.parse(r.outputs) }))).toEqual([
        { id: undefined, request_id: 'req-0', row_in_request: 0, model: 'churn', version: 3, served_at: servedAt, latency_ms: 2.5, inputs: { a: 0.5, b: 0 }, outputs: { label: 0, probabilities: [0.25, 0.75] } },
        // A missing numeric input (NaN) is stored as null.
        { id: undefined, request_id: 'req-1', row_in_request: 0, model: 'churn', version: 3, served_at: servedAt, latency_ms: 3.5, inputs: { a: null, b: -0.25 }, outputs: { label: 1, probabilities: [0.25, 0.75] } },
        { id: undefined, request_id: 'req-1', row_in_request: 1, model: 'churn', version: 3, served_at: servedAt, latency_ms: 3.5, inputs: { a: 2.5, b: -0.5 }, outputs: { label: 0, probabilities: [0.25, 0.75] } },
        // An event without requests (no server around it): no id, no latency.
        { id: undefined, request_id: null, row_in_request: 0, model: 'churn', version: null, served_at: servedAt, latency_ms: null, inputs: { a: 0.5, b: 0 }, outputs: { label: 0, probabilities: [0.25, 0.75] } },
      ]);
      expect(log.stats()).toMatchObject({ written: 4, dropped: 0, sampledOut: 0, buffered: 0, writeErrors: 0 });
    });

    it('drops nothing under load at the default options, in batched transactions', async () => {
      await clear();
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
      // batchRows 1000: about a dozen transactions, not one per call.
      expect(stats.flushes).toBeGreaterThanOrEqual(12);
      expect(stats.flushes).toBeLessThanOrEqual(30);
    });

    it('samples whole requests at sampleRate and counts the rest', async () => {
      await clear();
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
      const perRequest = await s.sql.knex(s.table).select('request_id').count({ n: '*' }).groupBy('request_id');
      expect(new Set(perRequest.map((r) => Number(r.n)))).toEqual(new Set([3]));
      expect(await count()).toBe(written);
    });

    it('never blocks on a locked database: rows beyond the buffer are dropped and counted, the rest written once the lock goes', async () => {
      await clear();
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
        // SQLite's writer would otherwise wait synchronously for busy_timeout (5 s) on every flush,
        // freezing the event loop; Postgres's waits asynchronously.
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

    it('deletes rows older than retentionDays at start and on demand', async () => {
      await clear();
      const day = 86_400_000;
      const first = await s.open();
      first.hooks.announce('predictionsServed', servedEvent([2], { servedAt: Date.now() - 40 * day, idPrefix: 'old' }), 2);
      first.hooks.announce('predictionsServed', servedEvent([1], { servedAt: Date.now() - 10 * day, idPrefix: 'mid' }), 1);
      first.hooks.announce('predictionsServed', servedEvent([1], { idPrefix: 'new' }), 1);
      await first.log.close();
      expect(await count()).toBe(4);
      const second = await s.open({ retentionDays: 30 });
      expect(await s.sql.knex(s.table).orderBy('id').pluck('request_id')).toEqual(['mid-0', 'new-0']);
      expect(second.log.stats().expired).toBe(2);
      const third = await s.open({ retentionDays: 5 });
      expect(third.log.stats().expired).toBe(1);
      expect(await third.log.expire()).toBe(0);
      expect(await s.sql.knex(s.table).pluck('request_id')).toEqual(['new-0']);
    });
  });
}
