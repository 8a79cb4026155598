import { Cron } from 'croner';
import { ScheduleError } from './ScheduleError';

/** A cron expression read in an IANA time zone. */
export interface CronSpec {
  /** Five fields (minute hour day-of-month month day-of-week), or six with seconds first. */
  cron: string;
  /** E.g. `UTC`, `Europe/Berlin`. */
  timeZone: string;
}

/**
 * Fire times of a cron spec, as epoch milliseconds. Across DST the wall clock decides: a daily 02:30
 * in Europe/Berlin fires at 03:00 on the spring-forward day (02:30 does not exist) and once, at the
 * first 02:30, on the fall-back day; an hourly schedule fires every real hour.
 */
export interface CronSchedule extends CronSpec {
  /** The first fire time strictly after `after`, or null when the expression never fires again. */
  nextAfter(after: number): number | null;
  /** Up to `limit` fire times `t` with `from < t <= to`, the latest ones, oldest first; `more` when older ones were left out. */
  latestBetween(from: number, to: number, limit: number): { times: number[]; more: boolean };
}

/** Parses a spec; `where` names it in errors (`plugins.orchestrator.options.schedules.weekly`). */
export function createCronSchedule(spec: CronSpec, where = 'schedule'): CronSchedule {
  if (!isTimeZone(spec.timeZone)) throw new ScheduleError(`${where}.timeZone`, 'an IANA time zone such as "UTC" or "Europe/Berlin"', JSON.stringify(spec.timeZone));
  let cron: Cron;
  try {
    cron = new Cron(spec.cron, { timezone: spec.timeZone, paused: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error);
    throw new ScheduleError(`${where}.cron`, `a cron expression of 5 fields (or 6 with seconds), e.g. "0 2 * * 0" (${reason})`, JSON.stringify(spec.cron), error);
  }
  return {
    cron: spec.cron,
    timeZone: spec.timeZone,
    nextAfter: (after) => cron.nextRun(new Date(after))?.getTime() ?? null,
    latestBetween(from, to, limit) {
      if (to <= from || limit <= 0) return { times: [], more: false };
      // Walk back from `to`: a long outage of a frequent schedule must not enumerate every interval.
      const back = cron.previousRuns(limit + 1, new Date(to + 1)).map((d) => d.getTime()).filter((t) => t > from && t <= to);
      const more = back.length > limit;
      return { times: back.slice(0, limit).reverse(), more };
    },
  };
}

function isTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || !zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
