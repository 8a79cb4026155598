/** A deadline being watched: `track` returns it, `settle` ends it. */
export interface Deadline<L> {
  readonly due: number;
  readonly label: L;
  /** A `within` promise's reject; absent for `track`ed ones, which go to the constructor's `overdue`. */
  readonly reject: ((error: unknown) => void) | undefined;
}

/**
 * One timeout for many pending promises, without a timer and a promise race per promise (on a hot
 * path, a one-row prediction or a one-entity online read, those cost about as much as the work).
 * Pending entries sit in one set in start order (all share `timeoutMs`, so that is deadline order);
 * one interval, running only while some are pending, fails the overdue ones every tenth of the
 * timeout (5 ms to 1 s), so a timeout fires at most 10 % late, as node's own request timeout does.
 * A late answer, or a late failure, is dropped (never unhandled).
 *
 * `track`/`settle` watch work without a promise at all (the server's `/predict`, where a wrapping
 * promise, its two reactions and the extra turn of the microtask queue are on the path of every
 * answer): the constructor's `overdue` is called with the label and the error instead of a rejection.
 */
export class Deadlines<L = undefined> {
  private readonly pending = new Set<Deadline<L>>();
  private timer: NodeJS.Timeout | undefined;
  private readonly every: number;

  /**
   * `timedOut` makes the error of an overdue promise (or tracked label) from its label; `overdue`
   * receives the tracked ones (`track` needs it).
   */
  constructor(
    readonly timeoutMs: number,
    private readonly timedOut: (label: L, timeoutMs: number) => unknown,
    private readonly overdue?: (label: L, error: unknown) => void,
  ) {
    this.every = Math.max(5, Math.min(1000, Math.floor(timeoutMs / 10)));
  }

  /** `work`, or `timedOut(label)` if it has not settled `timeoutMs` after this call. */
  within<T>(work: Promise<T>, label: L): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry = this.add(label, reject);
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

  /**
   * Watches `label` until `settle`: if that has not happened `timeoutMs` after this call, the
   * deadline ends and the constructor's `overdue` gets `timedOut(label)`.
   */
  track(label: L): Deadline<L> {
    if (!this.overdue) throw new Error('Deadlines.track needs the constructor\'s overdue callback');
    return this.add(label, undefined);
  }

  /** Ends a tracked deadline: true if it was still running (the caller answers), false if `overdue` already had it. */
  settle(deadline: Deadline<L>): boolean {
    return this.pending.delete(deadline);
  }

  private add(label: L, reject: ((error: unknown) => void) | undefined): Deadline<L> {
    const entry: Deadline<L> = { due: performance.now() + this.timeoutMs, label, reject };
    this.pending.add(entry);
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), this.every);
      this.timer.unref();
    }
    return entry;
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
      const error = this.timedOut(entry.label, this.timeoutMs);
      if (entry.reject) entry.reject(error);
      else this.overdue!(entry.label, error);
    }
  }
}
