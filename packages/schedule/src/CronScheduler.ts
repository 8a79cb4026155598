import type { Clock } from './Clock';
import type { CronSchedule } from './CronSchedule';
import { dueFireTimes, type CatchUpOptions } from './dueFireTimes';

/** Where a scheduler keeps each schedule's progress (the orchestrator: its database). */
export interface ScheduleProgressStore {
  /** `since`: when the schedule was first seen; `lastFiredFor`: the latest fire time dealt with. */
  load(name: string): Promise<{ since: number; lastFiredFor: number | null } | undefined>;
  save(name: string, progress: { since: number; lastFiredFor: number | null }): Promise<void>;
}

export interface ScheduleFire {
  schedule: string;
  /** The fire time the run stands for (epoch ms). */
  fireAt: number;
  /** True when it ran after its grace period (caught up after downtime). */
  late: boolean;
}

export interface NamedSchedule extends CatchUpOptions {
  name: string;
  schedule: CronSchedule;
}

// setTimeout takes at most 2^31-1 ms; a yearly schedule re-arms on the way.
const maxTimerMs = 3_600_000;

/**
 * Fires schedules at their times. `tick` deals with everything due now (catch-up included) and
 * `start` keeps ticking at each next fire time. `fire` must be idempotent per (schedule, fireAt)
 * (the orchestrator submits with key `schedule:<name>@<ISO time>`): progress is saved after it, so a
 * crash in between fires again on restart, and the key makes that the same run.
 */
export class CronScheduler {
  private timer: { cancel(): void } | undefined;
  private ticking: Promise<ScheduleFire[]> | undefined;
  private stopped = true;

  constructor(
    private readonly schedules: readonly NamedSchedule[],
    private readonly deps: { clock: Clock; store: ScheduleProgressStore; fire: (f: ScheduleFire) => Promise<void>; onError?: (error: unknown, schedule: string) => void },
  ) {}

  /** Fires what is due now for every schedule; one schedule's failure does not stop the others. */
  tick(): Promise<ScheduleFire[]> {
    // Ticks never overlap: a timer that fires during a slow tick waits for it.
    const run = (this.ticking ?? Promise.resolve([])).then(() => this.tickOnce());
    this.ticking = run.catch(() => []);
    return run;
  }

  private async tickOnce(): Promise<ScheduleFire[]> {
    const fired: ScheduleFire[] = [];
    for (const s of this.schedules) {
      try {
        const now = this.deps.clock.now();
        const progress = (await this.deps.store.load(s.name)) ?? { since: now, lastFiredFor: null };
        const due = dueFireTimes(s.schedule, progress.lastFiredFor, progress.since, now, s);
        for (const fireAt of due.fire) {
          const f = { schedule: s.name, fireAt, late: now - fireAt > (s.graceMs ?? 60_000) };
          await this.deps.fire(f);
          fired.push(f);
        }
        await this.deps.store.save(s.name, { since: progress.since, lastFiredFor: due.advanceTo });
      } catch (error) {
        this.deps.onError?.(error, s.name);
      }
    }
    return fired;
  }

  /** The earliest next fire time of all schedules after now. */
  nextFireAt(): number | null {
    const now = this.deps.clock.now();
    const next = this.schedules.map((s) => s.schedule.nextAfter(now)).filter((t): t is number => t !== null);
    return next.length ? Math.min(...next) : null;
  }

  /** Ticks now (catching up), then at every next fire time until `stop`. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.tick();
    this.arm();
  }

  private arm(): void {
    if (this.stopped) return;
    const next = this.nextFireAt();
    if (next === null) return;
    const wait = Math.min(maxTimerMs, Math.max(0, next - this.deps.clock.now()));
    this.timer = this.deps.clock.setTimer(wait, () => {
      this.timer = undefined;
      void this.tick().finally(() => this.arm());
    });
  }

  /** Stops the timer and waits for a tick under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
    await this.ticking;
  }
}
