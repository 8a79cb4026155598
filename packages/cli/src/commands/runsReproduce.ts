import type { Command } from 'commander';
import { fail } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';
import { numberArg } from '../lib/flagArgs';

/** `mlops runs reproduce ID`: re-runs a run from its recorded params and compares data and metrics. */
export function registerRunsReproduce(runs: Command): void {
  runs
    .command('reproduce <id>')
    .description('re-run a tracked run from its recorded params (cache off) and report whether data and metrics match')
    .option('--tolerance <x>', 'relative tolerance for metrics', numberArg(0, { inclusive: true }), 1e-9)
    .action(async (id: string, flags: { tolerance: number }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ reproduceRun }, { openSession }, f, { createProgress }] = await Promise.all([import('../lib/reproduceRun'), import('../lib/openSession'), import('../lib/format'), import('../lib/progress')]);
        const controller = new AbortController();
        const progress = createProgress(Boolean(process.stdout.isTTY) && !opts.json);
        const runtime = await openSession(opts, undefined, (signal) => {
          controller.abort(signal);
          progress.stop();
        });
        const report = await reproduceRun(runtime, id, { tolerance: flags.tolerance, onEvent: (e) => progress.onEvent(e), signal: controller.signal }).finally(async () => {
          progress.stop();
          await runtime.close();
        });
        if (opts.json) f.printJson(report);
        else {
          const mark = (ok: boolean) => (ok ? f.color.green('=') : f.color.red('≠'));
          process.stdout.write(`re-ran ${report.original} as ${report.rerun} (${f.statusText(report.rerunStatus)})\n`);
          if (report.environment.length) {
            process.stdout.write(`\nenvironment changed since the original run:\n${f.table(['KEY', 'RECORDED', 'NOW'], report.environment.map((e) => [e.key, JSON.stringify(e.recorded), JSON.stringify(e.current)]))}\n`);
          }
          if (report.datasets.length) process.stdout.write(`\ndata read:\n${f.table(['', 'DATASET', 'RECORDED', 'NOW'], report.datasets.map((d) => [mark(d.matches), d.name, d.recorded.slice(0, 19), d.current?.slice(0, 19) ?? '-']))}\n`);
          if (report.metrics.length) process.stdout.write(`\nmetrics (tolerance ${flags.tolerance}):\n${f.table(['', 'METRIC', 'RECORDED', 'NOW'], report.metrics.map((m) => [mark(m.matches), m.key, String(m.recorded), m.current === null ? '-' : String(m.current)]))}\n`);
          process.stdout.write(report.reproduced ? `\n${f.color.green('reproduced')}: same data, every metric matches\n` : `\n${f.color.red('not reproduced')}: see the rows marked ≠\n`);
        }
        if (!report.reproduced) process.exitCode = 1;
      } catch (err) {
        fail(err, opts);
      }
    });
}
