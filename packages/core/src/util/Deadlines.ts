interface Pending<L> {
  due: number;
  label: L;
  reject: (error: unknown) => void;
}

/**
 * One timeout for many pending promises, without a timer and a promise race per promise (on a hot
 * path, a one-row prediction or a one-entity online read, those cost about as much as the work).
 * Pending entries sit in one set in start order (all share `timeoutMs`, so that is deadline order);
 * one interval, running only while some are pending, fails the overdue ones every tenth of the
 * timeout (5 ms to 1 s), so a timeout fires at most 10 % late, as node's own request timeout does.
 * A late answer, or a late failure, is dropped (never unhandled).
 */
export class Deadlines<L = undefined> {
  private readonly pending = new Set<Pending<L>>();
  private timer: NodeJS.Timeout | undefined;
  private readonly every: number;

  /** `timedOut` makes the error of an overdue promise from the label `within` was given. */
  constructor(
    readonly timeoutMs: number,
    private readonly timedOut: (label: L, timeoutMs: number) => unknown,
  ) {
    this.every = Math.max(5, Math.min(1000, Math.floor(timeoutMs / 10)));
  }

  /** `work`, or `timedOut(label)` if it has not settled `timeoutMs` after this call. */
  within<T>(work: Promise<T>, label: L): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending<L> = { due: performance.now() + this.timeoutMs, label, reject };
      this.pending.add(entry);
      if (!this.timer) {
        this.timer = setInterval(() => this.sweep(), this.every);
        this.timer.unref();
      }
      work.then(
        (value) => {
          this.pending.delete(entry);
          resolve(value);
        },
        (error: unknown) => {
          this.pending.delete(entry);
          reject(error);
        },
      );
    });
  }

  private sweep(): void {
    if (this.pending.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    const now = performance.now();
    for (const entry of this.pending) {
      if (entry.due > now) break;
      this.pending.delete(entry);
      entry.reject(this.timedOut(entry.label, this.timeoutMs));
    }
  }
}
