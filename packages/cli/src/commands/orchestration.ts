import type { Command } from 'commander';
import { fail, UsageError } from '../lib/fail';
import { globalOptions, type GlobalOptions } from '../lib/globalOptions';
import { collect } from '../lib/parseKeyValues';
import { integerArg } from '../lib/flagArgs';

type Runtime = import('@mlops/core').Runtime;
type Orchestrator = import('@mlops/core').Orchestrator;

/** The configured orchestrator (plugins.orchestrator), started with what it requires; closed on SIGINT/SIGTERM. */
async function openOrchestrator(opts: GlobalOptions, runsHere = false): Promise<{ runtime: Runtime; orchestrator: Orchestrator }> {
  const [{ tokens }, { openSession }] = await Promise.all([import('@mlops/core'), import('../lib/openSession')]);
  // A process that runs steps may record a run's end and announce it on `runEnd`: it carries the
  // tracker (when configured) so the tracked run ends too. A slot the config leaves empty is skipped.
  const runtime = await openSession(opts, runsHere ? ['orchestrator', 'tracker'] : ['orchestrator']);
  if (!runtime.has(tokens.orchestrator)) {
    await runtime.close();
    // The embedded default needs an SQL metadata store (tokens.database) and the package installed.
    throw new UsageError(`${runtime.config.file}: plugins.orchestrator is not configured and the embedded default (@mlops/orchestrator-local, which keeps run state in an SQL metadata store) is not available; e.g. { use: '@mlops/orchestrator-bullmq', options: { redisUrl: 'redis://…' } }`);
  }
  return { runtime, orchestrator: runtime.get(tokens.orchestrator) };
}

/** True when a run is not over and no process serves the orchestrator (no worker, no scheduler). */
async function runsNowhere(orchestrator: Orchestrator, status: string): Promise<boolean> {
  if (status !== 'queued' && status !== 'running') return false;
  return (await orchestrator.queueStatus()).workers.length === 0;
}

/** `mlops worker`, `mlops scheduler`, `mlops queue status`, `mlops retrain`: the orchestrator's commands. */
export function registerOrchestration(program: Command): void {
  program
    .command('worker')
    .description('take pipeline steps from the orchestrator’s queue until SIGTERM (finishes running steps first)')
    .option('--concurrency <n>', 'steps at once, each in its own child process (default: the orchestrator option)', integerArg(1))
    .action(async (flags: { concurrency?: number }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const { runtime, orchestrator } = await openOrchestrator(opts, true);
        if (!orchestrator.serveWorker) throw new UsageError('the configured orchestrator runs steps itself and has no workers');
        await orchestrator.serveWorker({ configFile: runtime.config.file, concurrency: flags.concurrency });
        process.stderr.write(`worker ${process.pid} taking steps (${(await orchestrator.health?.())?.detail ?? 'started'}); SIGTERM stops it after running steps finish\n`);
      } catch (err) {
        fail(err, opts);
      }
    });
  program
    .command('scheduler')
    .description('fire the configured schedules (catching up missed ones per policy) until SIGTERM')
    .action(async (_flags: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const { runtime, orchestrator } = await openOrchestrator(opts, true);
        if (!orchestrator.serveScheduler) throw new UsageError('the configured orchestrator has no scheduler');
        await orchestrator.serveScheduler({ configFile: runtime.config.file });
        if (orchestrator.embedded) process.stderr.write(`scheduler ${process.pid} running submitted steps (${(await orchestrator.health?.())?.detail ?? 'started'}); SIGTERM stops it after running steps finish\n`);
        const list = await orchestrator.schedules();
        for (const s of list) process.stderr.write(`schedule ${s.name}: ${s.pipeline} at "${s.cron}" ${s.timeZone}, next ${s.nextFireAt ? new Date(s.nextFireAt).toISOString() : 'never'}\n`);
        if (!list.length) process.stderr.write('no schedules configured (plugins.orchestrator.options.schedules)\n');
      } catch (err) {
        fail(err, opts);
      }
    });
  program
    .command('queue')
    .description('the orchestrator’s queue')
    .command('status')
    .description('jobs by state, runs by status, connected workers')
    .action(async (_flags: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const { runtime, orchestrator } = await openOrchestrator(opts);
        const status = await orchestrator.queueStatus().finally(() => runtime.close());
        if (opts.json) return void process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
        process.stdout.write(`jobs:    ${Object.entries(status.jobs).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
        process.stdout.write(`runs:    ${Object.entries(status.runs).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}\n`);
        process.stdout.write(`workers: ${status.workers.length}${status.workers.length ? ` (${status.workers.map((w) => w.id).join(', ')})` : ''}\n`);
      } catch (err) {
        fail(err, opts);
      }
    });
  program
    .command('retrain <pipeline>')
    .description('submit a run of a pipeline to the orchestrator (a manual trigger); --wait follows it to the end. With the embedded orchestrator and no `mlops scheduler` running, the run runs here in the foreground')
    .option('-p, --param <key=value>', 'pipeline parameter (repeatable; values parse as JSON when they can)', collect, [])
    .option('--key <idempotency-key>', 'a second retrain with the same key returns the first run instead of starting one')
    .option('--wait', 'wait for the run to end; exit 1 when it failed')
    .action(async (name: string, flags: { param: string[]; key?: string; wait?: boolean }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ planRun }, { parseKeyValues }] = await Promise.all([import('@mlops/core'), import('../lib/parseKeyValues')]);
        const params = parseKeyValues(flags.param, '--param');
        const { runtime, orchestrator } = await openOrchestrator(opts, true);
        try {
          // Bad params fail here, with the param named, instead of in a worker.
          const plan = await planRun(runtime, name, params);
          const { run, created } = await orchestrator.submit({ pipeline: plan.pipeline, params, idempotencyKey: flags.key, trigger: { kind: 'manual', source: process.env.USER ?? 'cli' } });
          if (!opts.json) process.stderr.write(`${created ? 'submitted' : 'already submitted with this key:'} run ${run.id} of ${run.pipeline} (${plan.steps.length} steps)\n`);
          const foreground = await runsNowhere(orchestrator, run.status);
          if (foreground && orchestrator.embedded && orchestrator.serveWorker) {
            // Embedded, and no `mlops scheduler` to take it: run it here rather than leave it queued.
            if (!opts.json) process.stderr.write(`no \`mlops scheduler\` is running: running ${run.id} here in the foreground (start \`mlops scheduler\` to run submitted runs in the background)\n`);
            await orchestrator.serveWorker({ configFile: runtime.config.file });
          } else if (foreground && !opts.json) {
            process.stderr.write(`no worker is connected: the run waits until \`mlops worker\` starts\n`);
          }
          const final = flags.wait || (foreground && orchestrator.embedded) ? await orchestrator.waitForRun(run.id, { timeoutMs: Number.MAX_SAFE_INTEGER / 2 }) : run;
          if (opts.json) process.stdout.write(`${JSON.stringify({ run: final, created }, null, 2)}\n`);
          else if (final !== run) process.stdout.write(`run ${final.id} ${final.status}${final.error ? `: ${final.error}` : ''}\n`);
          else process.stdout.write(`${run.id}\n`);
          if (final.status === 'failed') process.exitCode = 1;
        } finally {
          await runtime.close();
        }
      } catch (err) {
        fail(err, opts);
      }
    });
}
