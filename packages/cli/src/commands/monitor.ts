import type { Command } from 'commander';
import { fail, UsageError } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';
import { numberArg } from '../lib/flagArgs';

/** The monitor's slots: it, and what it uses when configured (references, alert sink, orchestrator). */
export const monitorSlots = ['monitor', 'modelRegistry', 'artifactStore', 'alertSink', 'orchestrator'] as const;

/**
 * `mlops monitor [--once] [--every S]`: evaluates the monitor's alert rules over the latest window of
 * served traffic, once or every S seconds (default: the plugin's `evaluateEveryMs`) until SIGINT.
 * Returns the command so that subcommands (e.g. a report) can hang off it.
 */
export function registerMonitor(program: Command): Command {
  return program
    .command('monitor')
    .description('evaluate the alert rules of plugins.monitor over the latest window of served predictions (drift, 2σ shifts), once or on an interval')
    .option('--once', 'evaluate once and exit')
    .option('--every <seconds>', 'seconds between evaluations (default: the plugin option evaluateEveryMs)', numberArg(1, { inclusive: true }))
    .action(async (flags: { once?: boolean; every?: number }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ tokens }, { openSession }, { printEvaluation }] = await Promise.all([import('@mlops/core'), import('../lib/openSession'), import('../lib/printMonitor')]);
        const runtime = await openSession(opts, [...monitorSlots]);
        if (!runtime.has(tokens.monitor)) {
          await runtime.close();
          throw new UsageError("no monitor is configured: add plugins.monitor: '@mlops/monitor' to the config");
        }
        const monitor = runtime.get(tokens.monitor);
        const everyMs = flags.every !== undefined ? flags.every * 1000 : monitor.evaluateEveryMs;
        for (;;) {
          const result = await monitor.evaluate();
          printEvaluation(result, opts.json === true);
          if (flags.once) break;
          // Stopped by SIGINT/SIGTERM: the session closes the plugins and exits.
          await new Promise((resolve) => setTimeout(resolve, everyMs));
        }
        await runtime.close();
      } catch (err) {
        fail(err, opts);
      }
    });
}
