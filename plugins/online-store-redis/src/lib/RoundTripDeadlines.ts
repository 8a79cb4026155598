interface Pending {
  due: number;
  operation: string;
  reject: (error: unknown) => void;
}

/**
 * The command timeout of every round trip, without a timer per round trip: a timer plus a promise
 * race cost about as much as decoding a one-entity read. Pending round trips sit in one set in
 * start order (all share `timeoutMs`, so that is deadline order); one interval, running only while
 * some are pending, fails the overdue ones every tenth of the timeout (5 ms to 1 s), so a timeout
 * fires at most 10 % late. A late answer, or a late failure, is dropped (never unhandled).
 */
export class RoundTripDeadlines {
  private readonly pending = new Set<Pending>();
  private timer: NodeJS.Timeout | undefined;
  private readonly every: number;

  constructor(private readonly timeoutMs: number) {
    this.every = Math.max(5, Math.min(1000, Math.floor(timeoutMs / 10)));
  }

  /** `work`, or an "<operation> timed out after N ms" error if it has not settled in time. */
  within<T>(work: Promise<T>, operation: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = { due: performance.now() + this.timeoutMs, operation, reject };
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
      entry.reject(new Error(`${entry.operation} timed out after ${this.timeoutMs} ms`));
    }
  }
}
