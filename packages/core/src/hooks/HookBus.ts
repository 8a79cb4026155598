import type { Logger } from '../util/logger';
import type { HookEvents, HookName } from './HookEvents';

export type HookHandler<K extends HookName> = (event: HookEvents[K]) => void | Promise<void>;

/** What a plugin gets as `ctx.hooks` (and the runner and servers as `runtime.hooks`). */
export interface HookBus {
  /** Subscribes; handlers of one hook run one after another, in subscription order. Returns an unsubscribe function. */
  on<K extends HookName>(name: K, handler: HookHandler<K>): () => void;
  /** True when something subscribed: an emitter may skip building an event nobody reads. */
  has(name: HookName): boolean;
  /** Runs every handler in order and waits for them; a handler that throws or rejects is logged and counted, never rethrown. */
  emit<K extends HookName>(name: K, event: HookEvents[K]): Promise<void>;
  /**
   * Queues the event and returns at once; handlers run later, off the caller's path. `weight` (rows)
   * counts against the queue's bound: when full, the event is dropped and counted in `stats().dropped`.
   */
  announce<K extends HookName>(name: K, event: HookEvents[K], weight?: number): void;
  /** Resolves once the queue is empty (before closing, and in tests). */
  flush(): Promise<void>;
  /** Failing handler calls by hook, rows dropped and queued now. */
  stats(): HookStats;
}

export interface HookStats {
  errors: Partial<Record<HookName, number>>;
  /** Weight (rows) of announced events dropped because the queue was full. */
  dropped: number;
  queued: number;
}

export interface HookBusOptions {
  /** Most weight (rows) waiting in the announce queue; default 10 000. */
  maxQueued?: number;
}

/** Creates the hook bus of one runtime. */
export function createHookBus(logger: Logger, options: HookBusOptions = {}): HookBus {
  const maxQueued = options.maxQueued ?? 10_000;
  const handlers = new Map<HookName, HookHandler<never>[]>();
  const errors: Partial<Record<HookName, number>> = {};
  let dropped = 0;
  const queue: { name: HookName; event: unknown; weight: number }[] = [];
  let queued = 0;
  // The queue drains in a setImmediate callback (after the announcing request has sent its
  // response); synchronous handlers run without promises, an async one suspends the drain until it settles.
  let scheduled = false;
  let suspended: Promise<void> | undefined;
  let idle: { promise: Promise<void>; resolve: () => void } | undefined;

  const failed = (name: HookName, error: unknown) => {
    const n = (errors[name] = (errors[name] ?? 0) + 1);
    // Logged at 1, 10, 100, ... failures: a broken subscriber on a per-batch hook must not flood the log.
    if (Number.isInteger(Math.log10(n))) logger.warn(`a "${name}" hook failed (${n} failure${n === 1 ? '' : 's'} so far): ${error instanceof Error ? error.message : String(error)}`);
  };

  /** Calls the handlers from `from` on; returns a promise only if one of them returned one. */
  const call = (name: HookName, list: readonly HookHandler<never>[], event: unknown, from = 0): Promise<void> | undefined => {
    for (let i = from; i < list.length; i++) {
      let result: unknown;
      try {
        result = (list[i] as HookHandler<HookName>)(event as never);
      } catch (error) {
        failed(name, error);
        continue;
      }
      if (result && typeof (result as Promise<void>).then === 'function') {
        return (result as Promise<void>).then(
          () => call(name, list, event, i + 1),
          (error: unknown) => (failed(name, error), call(name, list, event, i + 1)),
        );
      }
    }
    return undefined;
  };

  const run = (name: HookName, event: unknown): Promise<void> | undefined => {
    const list = handlers.get(name);
    return list ? call(name, list, event) : undefined;
  };

  const drain = (): void => {
    scheduled = false;
    while (queue.length) {
      const item = queue.shift()!;
      queued -= item.weight;
      const pending = run(item.name, item.event);
      if (pending) {
        suspended = pending.then(() => {
          suspended = undefined;
          drain();
        });
        return;
      }
    }
    if (idle) {
      idle.resolve();
      idle = undefined;
    }
  };

  return {
    // Lists are replaced, never changed in place, so a walk in progress never sees them change.
    on(name, handler) {
      handlers.set(name, [...(handlers.get(name) ?? []), handler as HookHandler<never>]);
      return () => {
        const rest = (handlers.get(name) ?? []).filter((h) => h !== handler);
        if (rest.length) handlers.set(name, rest);
        else handlers.delete(name);
      };
    },
    has: (name) => handlers.has(name),
    emit: async (name, event) => {
      await run(name, event);
    },
    announce(name, event, weight = 1) {
      if (!handlers.has(name)) return;
      if (queued + weight > maxQueued) {
        dropped += weight;
        return;
      }
      queue.push({ name, event, weight });
      queued += weight;
      if (!scheduled && !suspended) {
        scheduled = true;
        setImmediate(drain);
      }
    },
    flush() {
      if (!queue.length && !suspended) return Promise.resolve();
      if (!idle) {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => (resolve = r));
        idle = { promise, resolve };
      }
      return idle.promise;
    },
    stats: () => ({ errors: { ...errors }, dropped, queued }),
  };
}
