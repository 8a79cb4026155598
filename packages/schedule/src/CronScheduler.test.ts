import { describe, expect, it } from '@jest/globals';
import { ManualClock } from './Clock';
import { createCronSchedule } from './CronSchedule';
import { CronScheduler, type ScheduleFire, type ScheduleProgressStore } from './CronScheduler';

const at = (s: string) => Date.parse(s);
const iso = (f: ScheduleFire) => `${f.schedule}@${new Date(f.fireAt).toISOString()}${f.late ? ' late' : ''}`;

function memoryStore(): ScheduleProgressStore & { data: Map<string, { since: number; lastFiredFor: number | null }> } {
  const data = new Map<string, { since: number; lastFiredFor: number | null }>();
  return { data, load: async (n) => data.get(n), save: async (n, p) => void data.set(n, p) };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('CronScheduler', () => {
  it('fires at each fire time as the clock moves, then catches up per policy after a restart', async () => {
    const clock = new ManualClock(at('2026-01-01T00:30:00Z'));
    const store = memoryStore();
    const fired: string[] = [];
    const schedules = (catchUp: 'skip' | 'backfill') => [{ name: 'hourly', schedule: createCronSchedule({ cron: '0 * * * *', timeZone: 'UTC' }), catchUp, maxBackfill: 10 }];
    const one = new CronScheduler(schedules('backfill'), { clock, store, fire: async (f) => void fired.push(iso(f)) });
    await one.start();
    expect(fired).toEqual([]);
    clock.advanceTo(at('2026-01-01T01:00:00Z'));
    await settle();
    clock.advanceTo(at('2026-01-01T02:00:00Z'));
    await settle();
    expect(fired).toEqual(['hourly@2026-01-01T01:00:00.000Z', 'hourly@2026-01-01T02:00:00.000Z']);
    await one.stop();
    expect(clock.pendingTimers()).toBe(0);

    // Down from 02:00 to 05:10: 03, 04 and 05 are missed and backfilled, each marked late.
    clock.advanceTo(at('2026-01-01T05:10:00Z'));
    const two = new CronScheduler(schedules('backfill'), { clock, store, fire: async (f) => void fired.push(iso(f)) });
    await two.start();
    expect(fired.slice(2)).toEqual(['hourly@2026-01-01T03:00:00.000Z late', 'hourly@2026-01-01T04:00:00.000Z late', 'hourly@2026-01-01T05:00:00.000Z late']);
    await two.stop();

    // Down again until 08:30 under `skip`: nothing runs, progress moves past the missed times.
    clock.advanceTo(at('2026-01-01T08:30:00Z'));
    const three = new CronScheduler(schedules('skip'), { clock, store, fire: async (f) => void fired.push(iso(f)) });
    await three.start();
    expect(fired).toHaveLength(5);
    expect(store.data.get('hourly')!.lastFiredFor).toBe(at('2026-01-01T08:00:00Z'));
    await three.stop();
  });

  it('a failing fire leaves progress unsaved, so the next tick retries it; other schedules still fire', async () => {
    const clock = new ManualClock(at('2026-01-01T00:59:00Z'));
    const store = memoryStore();
    const errors: string[] = [];
    let failNext = true;
    const fired: string[] = [];
    const s = new CronScheduler(
      [
        { name: 'a', schedule: createCronSchedule({ cron: '0 * * * *', timeZone: 'UTC' }), catchUp: 'once', maxBackfill: 1 },
        { name: 'b', schedule: createCronSchedule({ cron: '0 * * * *', timeZone: 'UTC' }), catchUp: 'once', maxBackfill: 1 },
      ],
      {
        clock,
        store,
        fire: async (f) => {
          if (f.schedule === 'a' && failNext) {
            failNext = false;
            throw new Error('queue down');
          }
          fired.push(iso(f));
        },
        onError: (e, name) => errors.push(`${name}: ${(e as Error).message}`),
      },
    );
    await s.tick();
    clock.advanceTo(at('2026-01-01T01:00:05Z'));
    expect(await s.tick()).toEqual([{ schedule: 'b', fireAt: at('2026-01-01T01:00:00Z'), late: false }]);
    expect(errors).toEqual(['a: queue down']);
    expect((await s.tick()).map(iso)).toEqual(['a@2026-01-01T01:00:00.000Z']);
    expect(await s.tick()).toEqual([]);
  });
});
