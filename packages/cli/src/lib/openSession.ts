import type { Runtime, SlotName } from '@mlops/core';
import type { GlobalOptions } from './globalOptions';

/**
 * Loads and validates the config, then starts only the plugins a command needs (a `runs ls` never
 * starts a trainer). Closes them on SIGINT/SIGTERM.
 */
export async function openSession(opts: GlobalOptions, slots?: SlotName[], beforeClose?: (signal: NodeJS.Signals) => Promise<void> | void): Promise<Runtime> {
  const core = await import('@mlops/core');
  // Only the plugins this command needs are loaded, not just started (the config's others are not validated).
  const config = await core.loadConfig({ cwd: opts.cwd, configPath: opts.config, slots });
  const logger = core.createConsoleLogger(opts.verbose ? 'debug' : config.logLevel);
  const runtime = await core.createRuntime(config, { slots, logger });
  core.closeOnSignals(runtime, beforeClose);
  return runtime;
}

/** Runs `fn` with a session and always closes its plugins afterwards, also when `fn` throws. */
export async function withSession<T>(opts: GlobalOptions, slots: SlotName[] | undefined, fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openSession(opts, slots);
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
