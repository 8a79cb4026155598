import type { Command } from 'commander';
import { fail } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';
import { integerArg } from '../lib/flagArgs';

/** `mlops alerts ls` and `mlops alerts retrain-requests`: the monitor's alert history and retraining requests. */
export function registerAlerts(program: Command): void {
  const alerts = program.command('alerts').description('alerts the monitor raised, and the retraining it requested');
  alerts
    .command('ls')
    .description('list alerts, newest first')
    .option('--model <name>', 'only alerts of this model')
    .option('-n, --limit <n>', 'how many', integerArg(1), 50)
    .action(async (flags: { model?: string; limit: number }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ tokens }, { withSession }, { printAlerts }] = await Promise.all([import('@mlops/core'), import('../lib/openSession'), import('../lib/printMonitor')]);
        const list = await withSession(opts, ['monitor'], (runtime) => runtime.get(tokens.monitor).listAlerts({ model: flags.model, limit: flags.limit }));
        printAlerts(list, opts.json === true);
      } catch (err) {
        fail(err, opts);
      }
    });
  alerts
    .command('retrain-requests')
    .description('list retraining requests (submitted to the orchestrator, or recorded when none is configured), newest first')
    .option('--model <name>', 'only requests for this model')
    .option('-n, --limit <n>', 'how many', integerArg(1), 50)
    .action(async (flags: { model?: string; limit: number }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ tokens }, { withSession }, { printRetrainRequests }] = await Promise.all([import('@mlops/core'), import('../lib/openSession'), import('../lib/printMonitor')]);
        const list = await withSession(opts, ['monitor'], (runtime) => runtime.get(tokens.monitor).listRetrainRequests({ model: flags.model, limit: flags.limit }));
        printRetrainRequests(list, opts.json === true);
      } catch (err) {
        fail(err, opts);
      }
    });
}
