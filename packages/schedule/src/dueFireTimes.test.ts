import { describe, expect, it } from '@jest/globals';
import { createCronSchedule } from './CronSchedule';
import { dueFireTimes } from './dueFireTimes';

const at = (s: string) => Date.parse(s);
const hourly = createCronSchedule({ cron: '0 * * * *', timeZone: 'UTC' });
// Last fired for 06:00; the scheduler was down until 10:00:20 — 07, 08, 09 are missed, 10:00 is on time.
const last = at('2026-01-01T06:00:00Z');
const now = at('2026-01-01T10:00:20Z');

describe('dueFireTimes', () => {
  it('skip: runs the on-time fire only', () => {
    expect(dueFireTimes(hourly, last, 0, now, { catchUp: 'skip', maxBackfill: 100 })).toEqual({ fire: [at('2026-01-01T10:00:00Z')], missed: 3, dropped: 3, advanceTo: at('2026-01-01T10:00:00Z') });
  });

  it('once: the latest stands for the missed ones', () => {
    expect(dueFireTimes(hourly, last, 0, now, { catchUp: 'once', maxBackfill: 100 }).fire).toEqual([at('2026-01-01T10:00:00Z')]);
    const later = at('2026-01-01T10:30:00Z');
    expect(dueFireTimes(hourly, last, 0, later, { catchUp: 'once', maxBackfill: 100 })).toEqual({ fire: [at('2026-01-01T10:00:00Z')], missed: 4, dropped: 3, advanceTo: at('2026-01-01T10:00:00Z') });
    expect(dueFireTimes(hourly, last, 0, later, { catchUp: 'skip', maxBackfill: 100 })).toEqual({ fire: [], missed: 4, dropped: 4, advanceTo: at('2026-01-01T10:00:00Z') });
  });

  it('backfill: every missed interval, oldest first, at most maxBackfill', () => {
    expect(dueFireTimes(hourly, last, 0, now, { catchUp: 'backfill', maxBackfill: 100 }).fire).toEqual(['07', '08', '09', '10'].map((h) => at(`2026-01-01T${h}:00:00Z`)));
    expect(dueFireTimes(hourly, last, 0, now, { catchUp: 'backfill', maxBackfill: 2 })).toEqual({ fire: [at('2026-01-01T09:00:00Z'), at('2026-01-01T10:00:00Z')], missed: 3, dropped: 2, advanceTo: at('2026-01-01T10:00:00Z') });
  });

  it('a new schedule owes nothing from before it existed; nothing due leaves progress as it was', () => {
    expect(dueFireTimes(hourly, null, at('2026-01-01T09:59:00Z'), now, { catchUp: 'backfill', maxBackfill: 100 }).fire).toEqual([at('2026-01-01T10:00:00Z')]);
    expect(dueFireTimes(hourly, at('2026-01-01T10:00:00Z'), 0, now, { catchUp: 'backfill', maxBackfill: 100 })).toEqual({ fire: [], missed: 0, dropped: 0, advanceTo: at('2026-01-01T10:00:00Z') });
  });

  it('backfills across a DST change in the schedule zone by wall clock', () => {
    const berlin = createCronSchedule({ cron: '30 2 * * *', timeZone: 'Europe/Berlin' });
    const r = dueFireTimes(berlin, at('2026-03-27T01:30:00Z'), 0, at('2026-03-30T06:00:00Z'), { catchUp: 'backfill', maxBackfill: 10 });
    expect(r.fire.map((t) => new Date(t).toISOString())).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
  });
});
