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
  let draining: Promise<void> | undefined;

  const failed = (name: HookName, error: unknown) => {
    const n = (errors[name] = (errors[name] ?? 0) + 1);
    // Logged at 1, 10, 100, ... failures: a broken subscriber on a per-batch hook must not flood the log.
    if (Number.isInteger(Math.log10(n))) logger.warn(`a "${name}" hook failed (${n} failure${n === 1 ? '' : 's'} so far): ${error instanceof Error ? error.message : String(error)}`);
  };

  const run = async (name: HookName, event: unknown): Promise<void> => {
    const list = handlers.get(name);
    if (!list) return;
    for (const handler of [...list]) {
      try {
        await (handler as HookHandler<HookName>)(event as never);
      } catch (error) {
        failed(name, error);
      }
    }
  };

  const drain = async () => {
    // Yield first, so the request that announced sends its response before any handler runs.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queue.length) {
      const item = queue.shift()!;
      queued -= item.weight;
      await run(item.name, item.event);
    }
    draining = undefined;
  };

  return {
    on(name, handler) {
      const list = handlers.get(name) ?? [];
      list.push(handler as HookHandler<never>);
      handlers.set(name, list);
      return () => {
        const i = list.indexOf(handler as HookHandler<never>);
        if (i >= 0) list.splice(i, 1);
        if (!list.length) handlers.delete(name);
      };
    },
    has: (name) => handlers.has(name),
    emit: (name, event) => (handlers.has(name) ? run(name, event) : Promise.resolve()),
    announce(name, event, weight = 1) {
      if (!handlers.has(name)) return;
      if (queued + weight > maxQueued) {
        dropped += weight;
        return;
      }
      queue.push({ name, event, weight });
      queued += weight;
      draining ??= drain();
    },
    async flush() {
      while (draining) await draining;
    },
    stats: () => ({ errors: { ...errors }, dropped, queued }),
  };
}
