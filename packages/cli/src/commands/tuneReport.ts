import type { Command } from 'commander';
import { fail, UsageError } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';
import { integerArg } from '../lib/flagArgs';

/**
 * `mlops tune report STUDY --out DIR`: the study's offline report, `DIR/tune-STUDY.html` (one
 * self-contained page: charts drawn on canvas by one inline script, nothing fetched) and
 * `DIR/tune-STUDY.json` (the same data). Read-only: it works while workers still run trials.
 */
export function registerTuneReport(tune: Command): void {
  tune
    .command('report <study>')
    .description('write the study\'s offline HTML report and its JSON: history, learning curves, parallel coordinates, slices, parameter importances, Pareto front')
    .requiredOption('-o, --out <dir>', 'folder to write tune-STUDY.html and tune-STUDY.json into')
    .option('--seed <n>', 'seed of the importance estimate (random forest)', integerArg(0), 0)
    .action(async (study: string, flags: { out: string; seed: number }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ withSession }, { tokens, NotFoundError }, { buildStudyReport, writeStudyReport }, path] = await Promise.all([import('../lib/openSession'), import('@mlops/core'), import('@mlops/report'), import('node:path')]);
        const { name, directions, trials } = await withSession(opts, ['tuner'], async (runtime) => {
          let handle;
          try {
            handle = await runtime.get(tokens.tuner).loadStudy(study);
          } catch (error) {
            // An unknown study is the argument's fault: say so (exit 2), with the studies there are.
            if (error instanceof NotFoundError) throw new UsageError(error.message, { cause: error });
            throw error;
          }
          return { name: handle.name, directions: [...handle.directions], trials: await handle.trials() };
        });
        const data = buildStudyReport({ name, directions, trials, seed: flags.seed });
        const files = { html: path.resolve(flags.out, `tune-${name}.html`), json: path.resolve(flags.out, `tune-${name}.json`) };
        const written = await writeStudyReport(data, files);
        const best = data.best ? `best trial ${data.best.number}: ${data.best.value}` : data.paretoFront ? `Pareto front of ${data.paretoFront.length}` : 'no complete trial';
        const top = data.importances?.values[0];
        if (opts.json) process.stdout.write(`${JSON.stringify({ ...files, ...written, counts: data.counts, best: data.best, paretoFront: data.paretoFront, importances: data.importances?.values }, null, 2)}\n`);
        else process.stdout.write(`study ${name}: ${data.trials.number.length} trials, ${best}${top ? `; most important: ${top.name} (${(top.importance * 100).toFixed(1)}%)` : ''}\n${files.html}\n${files.json}\n`);
      } catch (err) {
        fail(err, opts);
      }
    });
}
