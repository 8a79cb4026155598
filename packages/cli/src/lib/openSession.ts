import type { ResolvedConfig, Runtime, SlotName } from '@mlops/core';
import type { GlobalOptions } from './globalOptions';

/**
 * Loads and validates the config, then starts only the plugins a command needs (a `runs ls` never
 * starts a trainer). Closes them on SIGINT/SIGTERM.
 */
export async function openSession(
  opts: GlobalOptions,
  slots?: SlotName[],
  beforeClose?: (signal: NodeJS.Signals) => Promise<void> | void,
  alsoLoad: SlotName[] = [],
  narrow?: (config: ResolvedConfig) => SlotName[],
): Promise<Runtime> {
  const core = await import('@mlops/core');
  // Only the plugin packages of the slots this command starts are loaded (and validated), plus
  // `alsoLoad`: slots whose resolved plugin the command reads from the config without starting it.
  const config = await core.loadConfig({ cwd: opts.cwd, configPath: opts.config, slots: slots && [...slots, ...alsoLoad] });
  const logger = core.createConsoleLogger(opts.verbose ? 'debug' : config.logLevel);
  // `narrow`: the slots to start after all, once the config is known (those of `slots` it keeps,
  // and what they need).
  const runtime = await core.createRuntime(config, { slots: narrow ? narrow(config) : slots, logger });
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
