/** Time and timers, injectable so schedules can be tested without waiting. */
export interface Clock {
  now(): number;
  /** Calls `fn` after `ms`; `cancel` stops it. */
  setTimer(ms: number, fn: () => void): { cancel(): void };
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const timer = setTimeout(fn, ms);
    timer.unref?.();
    return { cancel: () => clearTimeout(timer) };
  },
};

/** A clock that moves only when told: `advanceTo` fires the timers due, in time order. */
export class ManualClock implements Clock {
  private timers: { at: number; fn: () => void; seq: number }[] = [];
  private seq = 0;

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  setTimer(ms: number, fn: () => void): { cancel(): void } {
    const timer = { at: this.time + Math.max(0, ms), fn, seq: this.seq++ };
    this.timers.push(timer);
    return { cancel: () => void (this.timers = this.timers.filter((t) => t !== timer)) };
  }

  /** Moves to `time`, calling each timer due on the way at its own time. */
  advanceTo(time: number): void {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= time).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.fn();
    }
    this.time = Math.max(this.time, time);
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}
