import type { Command } from 'commander';
import type { RunStatus } from '@mlops/core';
import { fail } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';
import { registerRunsCompare } from './runsCompare';
import { registerRunsReproduce } from './runsReproduce';
import { choiceArg, integerArg } from '../lib/flagArgs';

// Core's RunStatus, listed here so that `runs ls` does not load core to check a flag.
const runStatuses = ['running', 'succeeded', 'failed', 'crashed', 'pruned'] as const satisfies readonly RunStatus[];

/** `mlops runs ls|show`: recorded runs, their steps, outputs and logs. */
export function registerRuns(program: Command): void {
  const runs = program.command('runs').description('list and inspect recorded runs');
  runs
    .command('ls')
    .description('list runs, newest first; --filter/--sort/--metric search the tracker')
    .option('--pipeline <name>', 'only runs of this pipeline (the experiment, with --filter/--sort/--metric)')
    .option('--status <status>', `only runs with this status (${runStatuses.join(', ')})`, choiceArg(runStatuses))
    .option('--filter <expr>', 'tracker filter, e.g. "metrics.train.rocAuc > 0.95 and params.seed = 42"')
    .option('--sort <key>', 'tracker order, e.g. "metrics.train.rocAuc desc"')
    .option('--metric <keys>', 'comma-separated metrics to show as columns (tracker)')
    .option('-n, --limit <n>', 'how many', integerArg(1), 20)
    .option('--offset <n>', 'skip this many', integerArg(0), 0)
    .action(async (flags: { pipeline?: string; status?: string; filter?: string; sort?: string; metric?: string; limit: number; offset: number }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ tokens }, { withSession }, f] = await Promise.all([import('@mlops/core'), import('../lib/openSession'), import('../lib/format')]);
        if (flags.filter || flags.sort || flags.metric) {
          const filter = [flags.filter, flags.status && `status = '${flags.status}'`].filter(Boolean).join(' and ') || undefined;
          const found = await withSession(opts, ['tracker'], (runtime) => runtime.get(tokens.tracker).searchRuns({ experiment: flags.pipeline, filter, orderBy: flags.sort, limit: flags.limit, offset: flags.offset }));
          if (opts.json) return f.printJson(found);
          if (!found.runs.length) return void process.stdout.write(`no tracked runs match (${found.total} in all)\n`);
          const metrics = flags.metric?.split(',').map((m) => m.trim()).filter(Boolean) ?? [];
          const rows = found.runs.map((r) => [r.id, r.experiment, f.statusText(r.status), f.formatTime(r.startedAt), f.formatDuration(r.endedAt ? r.endedAt - r.startedAt : null), ...metrics.map((m) => (r.metrics[m] === undefined ? '-' : String(+r.metrics[m].toPrecision(6))))]);
          process.stdout.write(`${f.table(['ID', 'PIPELINE', 'STATUS', 'STARTED', 'DURATION', ...metrics.map((m) => m.toUpperCase())], rows)}\n`);
          process.stdout.write(f.color.dim(`${flags.offset + 1}–${flags.offset + found.runs.length} of ${found.total}\n`));
          return;
        }
        const list = await withSession(opts, ['metadataStore'], (runtime) => runtime.get(tokens.metadataStore).listRuns({ pipeline: flags.pipeline, status: flags.status as never, limit: flags.limit, offset: flags.offset }));
        if (opts.json) return f.printJson(list);
        if (!list.length) return void process.stdout.write('no runs yet: start one with `mlops run PIPELINE`\n');
        process.stdout.write(`${f.table(['ID', 'PIPELINE', 'STATUS', 'STARTED', 'DURATION'], list.map((r) => [r.id, r.pipeline, f.statusText(r.status), f.formatTime(r.startedAt), f.formatDuration(r.endedAt ? r.endedAt - r.startedAt : null)]))}\n`);
      } catch (err) {
        fail(err, opts);
      }
    });
  runs
    .command('show <id>')
    .description('show a run (full id, unique prefix, or "latest"): steps, outputs, errors')
    .option('--logs', 'include each step’s log lines')
    .action(async (id: string, flags: { logs?: boolean }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ tokens, NotFoundError, messages }, { withSession }, { printJson }, { printRunSummary }] = await Promise.all([import('@mlops/core'), import('../lib/openSession'), import('../lib/format'), import('../lib/printRun')]);
        const { run, steps, artifacts, tracked } = await withSession(opts, ['metadataStore', 'tracker'], async (runtime) => {
          const metadata = runtime.get(tokens.metadataStore);
          const run = await metadata.getRun(id);
          if (!run) throw new NotFoundError(messages.runNotFound(id));
          const steps = await metadata.listStepRuns(run.id);
          const artifacts = (await Promise.all(steps.map((s) => metadata.artifactsOfStepRun(s.cachedFrom ?? s.id)))).flat();
          // The tracked run shares the pipeline run's id: its metrics and environment, when tracked.
          const tracked = runtime.has(tokens.tracker) ? await runtime.get(tokens.tracker).getRun(run.id) : undefined;
          return { run, steps, artifacts, tracked };
        });
        if (opts.json) return printJson({ run, steps, artifacts, tracked });
        printRunSummary(run, steps, artifacts, { logs: flags.logs, tracked });
      } catch (err) {
        fail(err, opts);
      }
    });
  registerRunsCompare(runs);
  registerRunsReproduce(runs);
}
