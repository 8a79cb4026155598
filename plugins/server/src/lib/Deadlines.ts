import { ServingError } from '@mlops/serving';

interface Pending {
  due: number;
  reject: (error: unknown) => void;
}

/**
 * The prediction timeout of every request, without a timer per request: a timer and a promise race
 * per request cost more than a one-row prediction's own JavaScript. Pending requests sit in one
 * set in arrival order (all share `timeoutMs`, so that is deadline order); one interval, running
 * only while requests are pending, fails the overdue ones every tenth of the timeout (5 ms to 1 s),
 * so a timeout fires within 10 % of `timeoutMs` after it is due, as node's own request timeout does.
 */
export class Deadlines {
  private readonly pending = new Set<Pending>();
  private timer: NodeJS.Timeout | undefined;
  private readonly every: number;

  constructor(private readonly timeoutMs: number) {
    this.every = Math.max(5, Math.min(1000, Math.floor(timeoutMs / 10)));
  }

  /** `promise`, or a 503 `timeout` if it has not settled `timeoutMs` after this call. */
  within<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = { due: performance.now() + this.timeoutMs, reject };
      this.pending.add(entry);
      if (!this.timer) {
        this.timer = setInterval(() => this.sweep(), this.every);
        this.timer.unref();
      }
      promise.then(
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
      entry.reject(new ServingError('timeout', `no prediction within ${this.timeoutMs} ms`));
    }
  }
}
