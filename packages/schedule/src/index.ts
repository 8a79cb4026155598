export { createCronSchedule, type CronSchedule, type CronSpec } from './CronSchedule';
export { dueFireTimes, type CatchUpOptions, type CatchUpPolicy, type DueFireTimes } from './dueFireTimes';
export { CronScheduler, type NamedSchedule, type ScheduleFire, type ScheduleProgressStore } from './CronScheduler';
export { systemClock, ManualClock, type Clock } from './Clock';
export { ScheduleError, scheduleErrorCodes } from './ScheduleError';
