import { describe, expect, it } from '@jest/globals';
import { createCronSchedule } from './CronSchedule';
import { ScheduleError } from './ScheduleError';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const at = (s: string) => Date.parse(s);

describe('createCronSchedule', () => {
  it('reads the expression in its time zone (the seed weekly Sunday 02:00)', () => {
    const ny = createCronSchedule({ cron: '0 2 * * 0', timeZone: 'America/New_York' });
    // EST is UTC-5 in December, EDT UTC-4 in July.
    expect(iso(ny.nextAfter(at('2026-12-01T00:00:00Z')))).toBe('2026-12-06T07:00:00.000Z');
    expect(iso(ny.nextAfter(at('2026-07-01T00:00:00Z')))).toBe('2026-07-05T06:00:00.000Z');
    const tokyo = createCronSchedule({ cron: '0 2 * * 0', timeZone: 'Asia/Tokyo' });
    expect(iso(tokyo.nextAfter(at('2026-12-01T00:00:00Z')))).toBe('2026-12-05T17:00:00.000Z');
    // Strictly after: a fire time is not its own next.
    expect(iso(ny.nextAfter(at('2026-12-06T07:00:00Z')))).toBe('2026-12-13T07:00:00.000Z');
  });

  it('on the spring-forward day a daily 02:30 in Berlin fires at 03:00 CEST, once', () => {
    const s = createCronSchedule({ cron: '30 2 * * *', timeZone: 'Europe/Berlin' });
    const { times } = s.latestBetween(at('2026-03-27T12:00:00Z'), at('2026-03-30T12:00:00Z'), 10);
    expect(times.map(iso)).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
  });

  it('on the fall-back day a daily 02:30 fires once, an hourly one every real hour', () => {
    const daily = createCronSchedule({ cron: '30 2 * * *', timeZone: 'Europe/Berlin' });
    expect(daily.latestBetween(at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z'), 10).times.map(iso)).toEqual(['2026-10-25T00:30:00.000Z']);
    const hourly = createCronSchedule({ cron: '0 * * * *', timeZone: 'Europe/Berlin' });
    // 02:00 CEST (00:00Z) and 02:00 CET (01:00Z) are both real hours.
    expect(hourly.latestBetween(at('2026-10-24T23:30:00Z'), at('2026-10-25T02:30:00Z'), 10).times.map(iso)).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z']);
  });

  it('lists only the latest fire times of a long gap, and says there were more', () => {
    const s = createCronSchedule({ cron: '*/5 * * * *', timeZone: 'UTC' });
    const r = s.latestBetween(at('2026-01-01T00:00:00Z'), at('2026-01-01T10:00:00Z'), 3);
    expect(r.times.map(iso)).toEqual(['2026-01-01T09:50:00.000Z', '2026-01-01T09:55:00.000Z', '2026-01-01T10:00:00.000Z']);
    expect(r.more).toBe(true);
    // `from` is exclusive, `to` inclusive.
    expect(s.latestBetween(at('2026-01-01T00:00:00Z'), at('2026-01-01T00:10:00Z'), 5)).toEqual({ times: [at('2026-01-01T00:05:00Z'), at('2026-01-01T00:10:00Z')], more: false });
  });

  it('names the field, what it expects and what it got', () => {
    expect(() => createCronSchedule({ cron: '61 * * * *', timeZone: 'UTC' }, 'schedules.weekly')).toThrow(
      'schedules.weekly.cron: expected a cron expression of 5 fields (or 6 with seconds), e.g. "0 2 * * 0" (Invalid value for minute: 61), received "61 * * * *"',
    );
    expect(() => createCronSchedule({ cron: '0 2 * * 0', timeZone: 'Europe/Atlantis' }, 'schedules.weekly')).toThrow('schedules.weekly.timeZone: expected an IANA time zone such as "UTC" or "Europe/Berlin", received "Europe/Atlantis"');
    try {
      createCronSchedule({ cron: '* * *', timeZone: 'UTC' });
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(ScheduleError);
      expect((error as ScheduleError).toJSON()).toMatchObject({ code: 'E_SCHEDULE', path: 'schedule.cron', received: '"* * *"', badInput: true });
    }
  });
});
