import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { feedbackLimits } from '@mlops/core';
import { feedbackMigrations, feedbackNamespace, feedbackTable } from '../feedback/feedbackMigrations';
import { FeedbackStore } from '../feedback/FeedbackStore';
import { fitCbpeFromLog } from '../performance/fitCbpeFromLog';
import { readLabelledWindow } from '../performance/readLabelledWindow';
import { windowPerformance } from '../performance/windowPerformance';
import { servedEvent, type LogSubject } from './logSubjects';
import { classes, simulateWindow } from './simulatedStream';

const binary = { task: 'binary' as const, classes: ['zero', 'one'] };

/** Feedback storage, the join with the prediction log, and windowed performance, on a real database. */
export function feedbackConformance(title: string, open: () => Promise<LogSubject>): void {
  describe(title, () => {
    let s: LogSubject;
    let store: FeedbackStore;
    beforeEach(async () => {
      s = await open();
      await s.store.database.migrate(feedbackNamespace, feedbackMigrations);
      store = new FeedbackStore(s.sql);
    });
    afterEach(() => s.cleanup());

    it('stores labels idempotently per request id and row: a retry changes nothing, a correction replaces the label', async () => {
      expect(await store.record([{ requestId: 'r-1', row: 0, label: 'one' }, { requestId: 'r-1', row: 1, label: 'zero' }, { requestId: 'r-2', row: 0, label: 2.5 }])).toEqual({ received: 3, inserted: 3, updated: 0, unchanged: 0 });
      expect(await store.record([{ requestId: 'r-1', row: 0, label: 'one' }, { requestId: 'r-1', row: 1, label: 'one' }])).toEqual({ received: 2, inserted: 0, updated: 1, unchanged: 1 });
      const rows = await s.sql.knex(s.sql.schema ? `${s.sql.schema}.${feedbackTable}` : feedbackTable).orderBy(['request_id', 'row_index']).select('request_id', 'row_index', 'label');
      expect(rows.map((r: Record<string, unknown>) => [r.request_id, Number(r.row_index), r.label])).toEqual([
        ['r-1', 0, 'one'],
        ['r-1', 1, 'one'],
        ['r-2', 0, '2.5'],
      ]);
      // Within one batch the last entry for a key wins, as across batches.
      expect(await store.record([{ requestId: 'r-3', row: 0, label: 'zero' }, { requestId: 'r-3', row: 0, label: 'one' }])).toEqual({ received: 2, inserted: 1, updated: 0, unchanged: 0 });
      expect((await store.labelsOf(['r-3'])).get('0\u0000r-3')).toBe('one');
      // The largest row a label may name (a batch job's row by input position) fits the column.
      expect(await store.record([{ requestId: 'batch:big', row: feedbackLimits.maxRow, label: 'one' }])).toMatchObject({ inserted: 1 });
      expect((await store.labelsOf(['batch:big'])).get(`${feedbackLimits.maxRow}\u0000batch:big`)).toBe('one');
    });


    it('reads the labels of row ranges only (a window holding some chunks of a large batch job)', async () => {
      const job = Array.from({ length: 300 }, (_, row) => ({ requestId: 'batch:j', row, label: row % 2 ? 'one' : 'zero' }));
      await store.record([...job, { requestId: 'batch:k', row: 5, label: 'one' }, { requestId: 'batch:k', row: 6, label: 'zero' }, { requestId: 'batch:j:10', row: 0, label: 'one' }]);
      const got = await store.labelsInRows([{ requestId: 'batch:j', from: 10, to: 19 }, { requestId: 'batch:k', from: 0, to: 5 }, { requestId: 'batch:none', from: 0, to: 9 }]);
      expect([...got.keys()].sort()).toEqual([...Array.from({ length: 10 }, (_, i) => `${10 + i}\u0000batch:j`), '5\u0000batch:k'].sort());
      expect(got.get('11\u0000batch:j')).toBe('one');
      // More ranges than one statement takes (200): every range answered, each row once.
      const single = Array.from({ length: 450 }, (_, i) => ({ requestId: i % 3 ? 'batch:j' : 'batch:none', from: i % 300, to: i % 300 }));
      const many = await store.labelsInRows(single);
      expect(many.size).toBe(new Set(single.filter((r) => r.requestId === 'batch:j').map((r) => r.from)).size);
      expect([...many.keys()].every((k) => k.endsWith('\u0000batch:j'))).toBe(true);
      // Past 1,000 ranges (a window full of client ids shaped like chunks) the ids are looked up whole
      // and the rows kept by range: the same answer.
      const lots = [...Array.from({ length: 1200 }, (_, i) => ({ requestId: `batch:c${i}`, from: 0, to: 0 })), { requestId: 'batch:j', from: 10, to: 19 }, { requestId: 'batch:k', from: 0, to: 5 }, { requestId: 'batch:j', from: 299, to: 400 }];
      expect([...(await store.labelsInRows(lots)).keys()].sort()).toEqual([...got.keys(), '299\u0000batch:j'].sort());
    });
    it('refuses a bad label naming the entry and field, and stores nothing of that batch', async () => {
      await expect(store.record([{ requestId: 'ok', row: 0, label: 'one' }, { requestId: 'bad\ud800', row: 0, label: 'one' }])).rejects.toThrow('labels[1].requestId: expected text without NUL characters or lone UTF-16 surrogates, found a lone UTF-16 surrogate at index 3');
      // Postgres text cannot hold NUL: refused on every store alike, before the database sees it.
      await expect(store.record([{ requestId: 'ok', row: 0, label: 'one' }, { requestId: 'nul', row: 0, label: 'o\u0000ne' }])).rejects.toThrow('labels[1].label: expected text without NUL characters or lone UTF-16 surrogates, found a NUL character (U+0000) at index 1');
      await expect(store.record([{ requestId: 'x', row: -1, label: 'one' }])).rejects.toMatchObject({ code: 'E_FEEDBACK_LABEL', path: 'labels[0].row', badInput: true });
      expect(await store.count()).toBe(0);
    });

    it('joins labels whenever they arrive: before the prediction is flushed, and days later; rows of a multi-row request by index', async () => {
      const since = Date.now() - 60_000;
      // The label for req-1 (the second request, 2 rows) arrives before its prediction reaches the log.
      await store.record([{ requestId: 'req-1', row: 1, label: 'one' }]);
      const { log, hooks } = await s.open();
      // servedEvent: probabilities (0.25, 0.75) on every row, label output i % 2 → rows predict zero, one, zero.
      hooks.announce('predictionsServed', servedEvent([1, 2], { servedAt: since + 1000 }), 3);
      await hooks.flush();
      await log.flush();
      const first = await windowPerformance(s.sql, store, { model: 'churn', since, signature: binary });
      expect(first).toMatchObject({ rows: 3, labelled: 1, realized: { kind: 'realized', rows: 1, metrics: { accuracy: 0 } }, estimated: null });
      // Delayed labels for the other rows; one names a row the request does not have, one is no class.
      await store.record([
        { requestId: 'req-0', row: 0, label: 'zero' },
        { requestId: 'req-1', row: 0, label: 'one' },
        { requestId: 'req-1', row: 7, label: 'one' },
      ]);
      const later = await windowPerformance(s.sql, store, { model: 'churn', since, signature: binary });
      expect(later.labelled).toBe(3);
      // Rows 0 and 1 right (zero, one), row 2 wrong (predicted zero, labelled one).
      expect(later.realized!.metrics).toMatchObject({ accuracy: 2 / 3 });
      expect(later.flags.map((f) => f.code)).toEqual(['few_labels', 'unmatched_labels', 'no_estimate']);
      await store.record([{ requestId: 'req-0', row: 0, label: 'maybe' }]);
      const invalid = await windowPerformance(s.sql, store, { model: 'churn', since, signature: binary });
      expect(invalid.labelled).toBe(2);
      expect(invalid.flags.find((f) => f.code === 'invalid_labels')!.message).toBe('1 labels are not classes of the model (zero, one), e.g. "maybe"; left out');
      // Outside the window, nothing.
      expect(await windowPerformance(s.sql, store, { model: 'churn', since: since + 5000, signature: binary })).toMatchObject({ rows: 0, labelled: 0, realized: null, flags: [{ code: 'empty_window' }] });
    });

    it('joins job labels to batch-chunk request ids, and reads past a client id that names a row no label can have', async () => {
      const { log, hooks } = await s.open();
      const event = servedEvent([1, 2, 1, 2]);
      // Client-chosen x-request-ids shaped like batch chunks: rows beyond the label column's range.
      const requests = [`batch:evil:${'9'.repeat(23)}`, 'batch:ok:5', `batch:edge:${feedbackLimits.maxRow}`, 'batch:late:2147483640'].map((id, i) => ({ id, rows: event.requests![i]!.rows, latencyMs: 1 }));
      hooks.announce('predictionsServed', { ...event, requests }, event.rows);
      await hooks.flush();
      await log.flush();
      await store.record([
        { requestId: 'batch:ok', row: 6, label: 'zero' },
        { requestId: 'batch:edge', row: feedbackLimits.maxRow, label: 'one' },
        { requestId: 'batch:late', row: 2147483641, label: 'zero' },
      ]);
      const w = await readLabelledWindow(s.sql, store, { model: 'churn' }, binary);
      // Rows: evil 0, ok 1–2 (input rows 5, 6), edge 3, late 4–5 (input rows 2147483640, 2147483641).
      expect([...w.labelledRows]).toEqual([2, 3, 5]);
      expect([...w.labels]).toEqual([0, 1, 0]);
    });

    it('regression windows report MAE, RMSE and R² of the joined labels', async () => {
      const { log, hooks } = await s.open();
      const rows = 3;
      const event = servedEvent([1, 1, 1]);
      hooks.announce('predictionsServed', { ...event, outputs: { variable: { data: Float32Array.from([1, 2, 4]), dims: [rows, 1] } } }, rows);
      await hooks.flush();
      await log.flush();
      await store.record([{ requestId: 'req-0', row: 0, label: 2 }, { requestId: 'req-1', row: 0, label: '2' }, { requestId: 'req-2', row: 0, label: 7 }]);
      const perf = await windowPerformance(s.sql, store, { model: 'churn', signature: { task: 'regression' } });
      // errors 1, 0, 3: MAE 4/3, RMSE √(10/3); truth mean 11/3, SS_tot = 50/3, R² = 1 − 10 / (50/3).
      expect(perf.realized!.metrics).toEqual({ mae: 4 / 3, rmse: Math.sqrt(10 / 3), r2: expect.closeTo(1 - 10 / (50 / 3), 12) });
      expect(perf.estimated).toBeNull();
    });

    it('CBPE: on a stationary stream the estimate tracks realized performance; under concept drift the estimate is flagged invalid', async () => {
      const { log, hooks } = await s.open({ flushIntervalMs: 50 });
      const t0 = Date.now() - 3_600_000;
      const windows = [
        { name: 'reference', slope: 1.5 },
        { name: 'stationary-1', slope: 1.5 },
        { name: 'stationary-2', slope: 1.5 },
        { name: 'drifted', slope: 0.2 },
      ].map((w, i) => ({ ...w, since: t0 + i * 600_000, ...simulateWindow({ rows: 3000, seed: 11 + i, prefix: w.name, slope: w.slope, servedAt: t0 + i * 600_000 }) }));
      // Window by window: the hook bus's queue is bounded (it drops, and counts, beyond ~10k rows).
      for (const w of windows) {
        for (const e of w.events) hooks.announce('predictionsServed', e, e.rows);
        await hooks.flush();
      }
      while (log.stats().buffered > 0) await log.flush();
      expect(log.stats()).toMatchObject({ written: 12_000, dropped: 0 });
      const signature = { task: 'binary' as const, classes };
      const post = (labels: Map<string, string>, share = 1) => store.record([...labels].filter((_, i) => i < labels.size * share).map(([requestId, label]) => ({ requestId, row: 0, label })));
      await post(windows[0]!.labels);
      const calibration = await fitCbpeFromLog(s.sql, store, { model: 'churn', since: windows[0]!.since, until: windows[1]!.since }, signature);
      expect(calibration.referenceRows).toBe(3000);
      const perf = (i: number) => windowPerformance(s.sql, store, { model: 'churn', since: windows[i]!.since, until: windows[i]!.since + 600_000, signature, calibration });
      // Before any label: an estimate, said to be one, not yet checked.
      const before = await perf(1);
      expect(before.estimated).toMatchObject({ kind: 'estimate', method: 'CBPE', rows: 3000, valid: null });
      expect(before.realized).toBeNull();
      // Labels land (a third of each window, then all): the estimate stays within the stated tolerance (0.03).
      for (const i of [1, 2, 3]) await post(windows[i]!.labels, 1 / 3);
      for (const i of [1, 2]) {
        const p = await perf(i);
        expect(p.labelled).toBe(1000);
        expect(p.validity.status).toBe('valid');
        const realized = (await (async () => (await post(windows[i]!.labels), perf(i)))()).realized!.metrics as { accuracy: number; f1: number; rocAuc: number };
        for (const m of ['accuracy', 'f1', 'rocAuc'] as const) expect(Math.abs(p.estimated!.metrics[m]! - realized[m])).toBeLessThan(0.03);
      }
      const drifted = await perf(3);
      expect(drifted).toMatchObject({ rows: 3000, labelled: 1000 });
      expect(drifted.validity.status).toBe('invalid');
      expect(drifted.estimated!.valid).toBe(false);
      expect(drifted.flags.filter((f) => f.code === 'concept_drift').length).toBeGreaterThanOrEqual(1);
      expect(drifted.flags.find((f) => f.code === 'concept_drift')!.message).toMatch(/^realized accuracy 0\.\d{3} differs from the estimate 0\.\d{3} by -0\.\d{3} \(tolerance 0\.\d{3} at 1000 labels\)/);
      // The estimate itself did not move: the model's outputs look the same; only the labels tell.
      const stationary = await perf(2);
      expect(Math.abs(drifted.estimated!.metrics.accuracy - stationary.estimated!.metrics.accuracy)).toBeLessThan(0.03);
    });
  });
}
