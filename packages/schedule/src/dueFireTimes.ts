import type { CronSchedule } from './CronSchedule';

export type CatchUpPolicy = 'skip' | 'once' | 'backfill';

export interface CatchUpOptions {
  catchUp: CatchUpPolicy;
  /** Most missed intervals a backfill submits (the newest). */
  maxBackfill: number;
  /**
   * A fire time at most this old counts as on time, not missed (a timer fires a little late, a busy
   * process later still). Default 60 s.
   */
  graceMs?: number;
}

/** What a scheduler does at `now`. */
export interface DueFireTimes {
  /** Fire times to submit a run for, oldest first. */
  fire: number[];
  /** Fire times that passed more than `graceMs` ago (counted up to `maxBackfill + 1`). */
  missed: number;
  /** Missed fire times not run under the policy (`skip`: all; `once`: all but the latest; `backfill`: beyond `maxBackfill`). */
  dropped: number;
  /** The fire time the schedule has now dealt with: store it as the next call's `lastFiredFor`. */
  advanceTo: number | null;
}

/**
 * The fire times due at `now` since `lastFiredFor` (or since `since`, when the schedule is new: a
 * new schedule owes nothing from before it existed), under a catch-up policy. On-time fire times
 * always run; missed ones are skipped, run once (the latest stands for all), or backfilled each.
 */
export function dueFireTimes(schedule: CronSchedule, lastFiredFor: number | null, since: number, now: number, options: CatchUpOptions): DueFireTimes {
  const anchor = lastFiredFor ?? since;
  const grace = options.graceMs ?? 60_000;
  const { times, more } = schedule.latestBetween(anchor, now, options.maxBackfill + 1);
  if (!times.length) return { fire: [], missed: 0, dropped: 0, advanceTo: lastFiredFor };
  const onTime = times.filter((t) => now - t <= grace);
  const missedTimes = times.filter((t) => now - t > grace);
  const missed = missedTimes.length + (more ? 1 : 0);
  let fire: number[];
  if (options.catchUp === 'skip') fire = onTime;
  else if (options.catchUp === 'once') fire = onTime.length ? onTime : missedTimes.slice(-1);
  else fire = times.slice(-options.maxBackfill);
  const dropped = missed - fire.filter((t) => now - t > grace).length;
  return { fire, missed, dropped, advanceTo: times[times.length - 1] };
}
