import type { Command } from 'commander';
import { fail, UsageError } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';
import { monitorSlots } from './monitor';

/**
 * `mlops monitor report --model NAME@ALIAS --window 24h --out DIR`: the drift report of one model's
 * served window, written as `DIR/drift-report.html` (self-contained: no scripts, no network) and
 * `DIR/drift-report.json` (the same aggregates). The monitor builds the data; this validates and writes it.
 */
export function registerMonitorReport(monitor: Command): void {
  monitor
    .command('report')
    .description('write the drift report of a model\'s served window (HTML + JSON): summary, per-feature histograms and tests, performance (estimated next to realized), alerts')
    .requiredOption('--model <ref>', 'the model: name@alias, name:version or name')
    .option('--window <length>', 'the last 30m, 1h, 24h, 7d (ending now, or at --until)')
    .option('--since <time>', 'window start: ISO 8601 or epoch ms (instead of --window)')
    .option('--until <time>', 'window end: ISO 8601 or epoch ms (default: now)')
    .requiredOption('-o, --out <dir>', 'folder to write drift-report.html and drift-report.json into')
    .action(async (flags: { model: string; window?: string; since?: string; until?: string; out: string }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const { reportWindow } = await import('../lib/reportWindow');
        const window = reportWindow(flags, Date.now());
        const [{ tokens, NotFoundError }, { openSession }, { validateDriftReport, writeReport }, path] = await Promise.all([import('@mlops/core'), import('../lib/openSession'), import('@mlops/report'), import('node:path')]);
        const runtime = await openSession(opts, [...monitorSlots]);
        try {
          if (!runtime.has(tokens.monitor)) throw new UsageError("no monitor is configured: add plugins.monitor: '@mlops/monitor' to the config");
          let data;
          try {
            data = await runtime.get(tokens.monitor).driftReport(flags.model, window);
          } catch (error) {
            // An unknown model, alias or version is the --model flag's fault: say so.
            if (error instanceof NotFoundError) throw new UsageError(`--model: ${error.message}`, { cause: error });
            throw error;
          }
          const valid = validateDriftReport(data, `the monitor's report of ${flags.model}`);
          const files = { html: path.resolve(flags.out, 'drift-report.html'), json: path.resolve(flags.out, 'drift-report.json') };
          const written = await writeReport(valid, files);
          const s = valid.summary;
          if (opts.json) process.stdout.write(`${JSON.stringify({ ...files, ...written, window: s.window, currentRows: s.currentRows, datasetDrift: s.datasetDrift, drifted: valid.features.filter((f) => f.drifted).map((f) => f.name) }, null, 2)}\n`);
          else {
            const drifted = valid.features.filter((f) => f.drifted).map((f) => f.name);
            process.stdout.write(`${s.model.name} v${s.model.version}, ${s.window.start} – ${s.window.end}: ${s.currentRows} rows, ${drifted.length} of ${valid.features.length} columns drifted${drifted.length ? ` (${drifted.join(', ')})` : ''}\n${files.html}\n${files.json}\n`);
          }
        } finally {
          await runtime.close();
        }
      } catch (err) {
        fail(err, opts);
      }
    });
}
