/**
 * A bounded hand-off between a transport's reader and the ingest loop: `put` waits while the
 * queue is full (backpressure reaches the stream client, which then stops pulling), `take` waits
 * for the first message and returns what is there.
 */
export class MessageQueue<T> {
  private items: T[] = [];
  private waitingTaker: (() => void) | undefined;
  private waitingPutter: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(readonly capacity: number) {}

  async put(item: T): Promise<void> {
    while (this.items.length >= this.capacity) await new Promise<void>((resolve) => (this.waitingPutter = resolve));
    this.items.push(item);
    this.wake('taker');
  }

  /** Up to `max` items; waits up to `waitMs` for the first. Throws the reader's failure. */
  async take(max: number, waitMs: number): Promise<T[]> {
    if (this.items.length === 0 && !this.failure) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.waitingTaker = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    if (this.failure && this.items.length === 0) throw this.failure;
    const out = this.items.splice(0, max);
    this.wake('putter');
    return out;
  }

  /** The reader stopped with an error: the next `take` throws it. */
  fail(error: Error): void {
    this.failure = error;
    this.wake('taker');
  }

  /** Removes and returns everything queued (at shutdown). */
  drain(): T[] {
    const out = this.items;
    this.items = [];
    this.wake('putter');
    return out;
  }

  private wake(who: 'taker' | 'putter'): void {
    const fn = who === 'taker' ? this.waitingTaker : this.waitingPutter;
    if (who === 'taker') this.waitingTaker = undefined;
    else this.waitingPutter = undefined;
    fn?.();
  }
}
