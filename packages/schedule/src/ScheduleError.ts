import { MlopsError } from '@mlops/errors';

export const scheduleErrorCodes = { schedule: 'E_SCHEDULE' } as const;

/** A schedule's cron expression, time zone or catch-up policy is invalid (bad input: names the field). */
export class ScheduleError extends MlopsError<typeof scheduleErrorCodes.schedule> {
  constructor(path: string, expected: string, received: string, cause?: unknown) {
    super(scheduleErrorCodes.schedule, `${path}: expected ${expected}, received ${received}`, { path, expected, received, badInput: true, cause });
  }
}
