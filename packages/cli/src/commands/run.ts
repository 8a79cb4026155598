import type { Command } from 'commander';
import type { RunEvent } from '@mlops/core';
import { exitCodes, fail } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';
import { collect } from '../lib/parseKeyValues';

interface RunFlags {
  param: string[];
  tag: string[];
  cache: boolean;
}

/** `mlops run PIPELINE`: runs a pipeline from the config with a live step display. */
export function registerRun(program: Command): void {
  program
    .command('run <pipeline>')
    .description('run a pipeline defined in the config')
    .option('-p, --param <key=value>', 'pipeline parameter (repeatable; values parse as JSON when they can)', collect, [])
    .option('-t, --tag <key=value>', 'tag the run (repeatable)', collect, [])
    .option('--no-cache', 'run every step even when a cached result exists')
    .action(async (name: string, flags: RunFlags, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ runPipeline, tokens, markInterrupted }, { openSession }, { parseKeyValues }, { createProgress }, { printRunSummary }] = await Promise.all([
          import('@mlops/core'),
          import('../lib/openSession'),
          import('../lib/parseKeyValues'),
          import('../lib/progress'),
          import('../lib/printRun'),
        ]);
        const params = parseKeyValues(flags.param, '--param');
        const tags = Object.fromEntries(Object.entries(parseKeyValues(flags.tag, '--tag')).map(([k, v]) => [k, String(v)]));
        const controller = new AbortController();
        let runId: string | undefined;
        const progress = createProgress(Boolean(process.stdout.isTTY) && !opts.json);
        // On Ctrl-C the run is recorded as failed before plugins close; finished steps stay cached.
        const runtime = await openSession(opts, undefined, async (signal) => {
          controller.abort(signal);
          progress.stop();
          if (runId) await markInterrupted(runtime.get(tokens.metadataStore), runId, signal);
          // Subscribers (the tracker's autolog) end their view of the run too.
          if (runId) await runtime.hooks.emit('runEnd', { runId, pipeline: name, status: 'failed', endedAt: Date.now(), error: `interrupted (${signal})` });
        });
        const onEvent = (e: RunEvent) => {
          if (e.type === 'run:start') runId = e.runId;
          progress.onEvent(e);
        };
        const result = await runPipeline(runtime, name, { params, tags, noCache: !flags.cache, onEvent, signal: controller.signal }).finally(async () => {
          progress.stop();
          await runtime.close();
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(result, (k, v) => (k === 'error' && v instanceof Error ? v.message : v), 2)}\n`);
        // A failure is said once, on stderr, not also in the summary's header and step table.
        else printRunSummary(result.run, result.steps, Object.values(result.outputs).flatMap((o) => Object.values(o)), { errorShownApart: Boolean(result.error) });
        if (result.error) {
          if (!opts.json) process.stderr.write(`error: ${result.error.message}\n`);
          if (opts.verbose && result.error.cause instanceof Error) process.stderr.write(`${result.error.cause.stack}\n`);
          // A data file that is not there is the caller's input, like a bad param: exit 2.
          process.exitCode = (result.error.cause as { code?: unknown } | undefined)?.code === 'ENOENT' ? exitCodes.usage : exitCodes.failure;
        }
      } catch (err) {
        fail(err, opts);
      }
    });
}
