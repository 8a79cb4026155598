import type { Command } from 'commander';
import type { Runtime, StudyDefinition, TuningStudy } from '@mlops/core';
import { exitCodes, fail, UsageError } from '../lib/fail';
import { globalOptions, type GlobalOptions } from '../lib/globalOptions';
import { registerTuneReport } from './tuneReport';
import { integerArg } from '../lib/flagArgs';

interface RunFlags {
  trials?: number;
  workers: number;
  register?: boolean;
  queue?: boolean;
  parallel?: number;
}

/** `mlops tune run|resume|ls|show|report`: hyperparameter studies defined in the tuner plugin's options. */
export function registerTune(program: Command): void {
  const tune = program.command('tune').description('hyperparameter tuning: run, resume, inspect and report on studies (plugins.tuner)');
  const runOptions = (c: Command) =>
    c
      .option('-n, --trials <n>', 'trials to run (default: the study definition\'s trials, else 20)', integerArg(1))
      .option('-w, --workers <n>', 'worker processes sharing the study', integerArg(1), 1)
      .option('--register', "register the best trial's model through the study's register pipeline (and the registry's gate)")
      .option('--queue', 'submit each trial as a run to the orchestrator (plugins.orchestrator): `mlops worker` processes on any machine run them')
      .option('--parallel <n>', 'with --queue: trials in flight at once (default: the connected workers, at least 2)', integerArg(1));
  runOptions(tune.command('run <study>').description('run trials of a study (created on first use, continued after)')).action((study: string, flags: RunFlags, cmd: Command) => runStudy(study, flags, globalOptions(cmd), 'run'));
  runOptions(tune.command('resume <study>').description('continue an existing study until it has its planned number of finished trials')).action((study: string, flags: RunFlags, cmd: Command) => runStudy(study, flags, globalOptions(cmd), 'resume'));
  tune
    .command('worker <study>', { hidden: true })
    .requiredOption('-n, --trials <n>', 'trials', integerArg(1))
    .option('--parent-run <id>', 'the study\'s tracked run')
    .action(async (study: string, flags: { trials: number; parentRun?: string }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const { runtime, def, handle } = await openStudy(opts, study, 'worker');
        const { runTrials } = await import('../lib/tune/runTrials');
        await runTrials({ runtime, name: study, def, study: handle, nTrials: flags.trials, parentRunId: flags.parentRun ?? null }).finally(() => runtime.close());
      } catch (err) {
        fail(err, opts);
      }
    });
  tune
    .command('ls')
    .description('list studies with their trials by state and best value')
    .action(async (_flags: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ withSession }, { table, printJson }, { tokens }] = await Promise.all([import('../lib/openSession'), import('../lib/format'), import('@mlops/core')]);
        const studies = await withSession(opts, ['tuner'], (runtime) => runtime.get(tokens.tuner).listStudies());
        if (opts.json) return printJson(studies);
        if (!studies.length) return void process.stdout.write('no studies yet (mlops tune run STUDY)\n');
        process.stdout.write(`${table(['STUDY', 'DIRECTIONS', 'COMPLETE', 'PRUNED', 'FAILED', 'RUNNING', 'BEST'], studies.map((s) => [s.name, s.directions.join(','), String(s.counts.complete), String(s.counts.pruned), String(s.counts.fail), String(s.counts.running), s.bestValue === undefined ? '-' : String(s.bestValue)]))}\n`);
      } catch (err) {
        fail(err, opts);
      }
    });
  tune
    .command('show <study>')
    .description("a study's trials (state, values, params) and its best trial or Pareto front")
    .action(async (study: string, _flags: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ withSession }, { printStudy }, { tokens }] = await Promise.all([import('../lib/openSession'), import('../lib/tune/printStudy'), import('@mlops/core')]);
        await withSession(opts, ['tuner'], async (runtime) => printStudy(await runtime.get(tokens.tuner).loadStudy(study), opts));
      } catch (err) {
        fail(err, opts);
      }
    });
  registerTuneReport(tune);
}

// Loads the config with a quiet logger (steps' info lines would bury the progress line), starts the
// plugins and opens the study of that definition.
async function openStudy(opts: GlobalOptions, name: string, mode: 'run' | 'resume' | 'worker'): Promise<{ runtime: Runtime; def: StudyDefinition; handle: TuningStudy }> {
  const core = await import('@mlops/core');
  const config = await core.loadConfig({ cwd: opts.cwd, configPath: opts.config });
  const runtime = await core.createRuntime(config, { logger: core.createConsoleLogger(opts.verbose ? 'debug' : 'warn') });
  core.closeOnSignals(runtime);
  try {
    const tuner = runtime.get(core.tokens.tuner);
    const def = tuner.definitions[name];
    if (!def) {
      const known = Object.keys(tuner.definitions);
      const near = core.suggest(name, known);
      throw new UsageError(`no study "${name}" in plugins.tuner.options.studies (studies: ${known.join(', ') || 'none'})${near ? `; did you mean "${near}"?` : ''}`, { path: 'plugins.tuner.options.studies', expected: known.join(' | ') || 'a study definition', received: name });
    }
    if (mode === 'resume') await tuner.loadStudy(name);
    const { objectivesOf } = await import('../lib/tune/objectives');
    const { directions } = objectivesOf(name, def);
    const handle = await tuner.openStudy({ name, directions, sampler: def.sampler, pruner: def.pruner, constraints: def.constraints, maxRetries: def.maxRetries });
    return { runtime, def, handle };
  } catch (err) {
    await runtime.close();
    throw err;
  }
}

async function runStudy(name: string, flags: RunFlags, opts: GlobalOptions, mode: 'run' | 'resume'): Promise<void> {
  try {
      if (flags.queue && flags.workers > 1) throw new UsageError('--workers starts local processes; with --queue the trials run on `mlops worker` processes: give --parallel instead', { path: '--workers', expected: '--parallel <n> with --queue', received: `--workers ${flags.workers}` });
      if (flags.parallel !== undefined && !flags.queue) throw new UsageError('--parallel applies to --queue; without it use --workers', { path: '--parallel', expected: '--queue', received: `--parallel ${flags.parallel}` });
    const { runtime, def, handle } = await openStudy(opts, name, mode);
    try {
      // Checked before any trial runs: a study without a register pipeline cannot --register.
      if (flags.register && !def.register) throw new UsageError(`--register: study "${name}" has no register.pipeline in plugins.tuner.options.studies.${name}`, { path: `plugins.tuner.options.studies.${name}.register`, expected: "{ pipeline: '<a pipeline that registers the model>' }", received: 'undefined' });
      const [{ ensureStudyRun }, { watchProgress }, { runTrials }, { spawnWorkers }] = await Promise.all([import('../lib/tune/studyRun'), import('../lib/tune/tuneProgress'), import('../lib/tune/runTrials'), import('../lib/tune/spawnWorkers')]);
      const planned = flags.trials ?? def.trials ?? 20;
      // A failed trial that was retried is counted by its retry, so `resume` gives the same count
      // whether or not a worker already failed a dead worker's trial (and started its retry).
      const all = await handle.trials();
      const before = new Set(all.map((t) => t.number));
      const retried = new Set(all.map((t) => t.retriedFrom));
      const finished = all.filter((t) => t.state === 'complete' || t.state === 'pruned' || (t.state === 'fail' && !retried.has(t.number))).length;
      // `run` adds trials; `resume` runs what is missing of the planned total.
      const total = mode === 'run' ? planned : Math.max(0, planned - finished);
      const parentRunId = await ensureStudyRun(runtime, name, { 'tune.pipeline': def.pipeline });
      const progress = watchProgress(handle, { total, tty: Boolean(process.stdout.isTTY), quiet: opts.json });
      try {
        if (flags.queue) await (await import('../lib/tune/startQueuedTrials')).startQueuedTrials({ runtime, name, def, study: handle, nTrials: total, parentRunId }, flags.parallel, opts.json);
        else if (flags.workers > 1) await spawnWorkers(opts, name, total, flags.workers, parentRunId);
        else await runTrials({ runtime, name, def, study: handle, nTrials: total, parentRunId });
      } catch (err) {
        // The study stopped (bad input, a worker's failure): its tracked run ends failed, not left running.
        if (parentRunId) await runtime.get((await import('@mlops/core')).tokens.tracker).endRun(parentRunId, 'failed').catch(() => undefined);
        throw err;
      } finally {
        await progress.stop();
      }
      const summary = await summarize(runtime, handle, parentRunId);
      const registration = flags.register ? await (await import('../lib/tune/registerBest')).registerBest(runtime, name, def, handle) : undefined;
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...summary, registration }, null, 2)}\n`);
      else {
        process.stdout.write(`${summary.line}\n`);
        if (registration) process.stdout.write(`registered trial ${registration.trial} (value ${registration.value}) with pipeline "${registration.pipeline}": run ${registration.runId} ${registration.status}${registration.error ? `: ${registration.error}` : ''}\n`);
      }
      if (registration?.error) process.exitCode = exitCodes.failure;
      // Trials ran and every one failed: nothing was learnt, and a script must not read success.
      const ran = (await handle.trials()).filter((t) => !before.has(t.number));
      if (ran.length && ran.every((t) => t.state === 'fail')) {
        process.stderr.write(`error: all ${ran.length} trial(s) of this run failed; trial ${ran[0]!.number}: ${ran[0]!.error ?? 'no error recorded'}\n`);
        process.exitCode = exitCodes.failure;
      }
    } finally {
      await runtime.close();
    }
  } catch (err) {
    fail(err, opts);
  }
}

// The study's outcome, also logged on its tracked run (best value, counts).
async function summarize(runtime: Runtime, study: TuningStudy, parentRunId: string | null) {
  const { tokens } = await import('@mlops/core');
  const trials = await study.trials();
  const counts = { complete: 0, pruned: 0, fail: 0, running: 0, waiting: 0 };
  for (const t of trials) counts[t.state]++;
  const best = study.directions.length === 1 ? await study.bestTrial() : undefined;
  const front = study.directions.length > 1 ? await study.bestTrials() : undefined;
  if (parentRunId && runtime.has(tokens.tracker)) {
    const tracker = runtime.get(tokens.tracker);
    await tracker.logMetrics(parentRunId, [
      ...(best ? [{ key: 'best_value', value: best.values![0]! }] : []),
      { key: 'trials_complete', value: counts.complete },
      { key: 'trials_pruned', value: counts.pruned },
      { key: 'trials_failed', value: counts.fail },
    ]);
    if (best) await tracker.setTags(parentRunId, { 'tune.best_trial': String(best.number) });
    await tracker.endRun(parentRunId, 'succeeded');
  }
  const line = best
    ? `study ${study.name}: ${trials.length} trials (${counts.complete} complete, ${counts.pruned} pruned, ${counts.fail} failed); best trial ${best.number}: ${best.values![0]} ${JSON.stringify(best.params)}`
    : front
      ? `study ${study.name}: ${trials.length} trials; Pareto front of ${front.length}: trials ${front.map((t) => t.number).join(', ')}`
      : `study ${study.name}: ${trials.length} trials, none complete`;
  const { plain } = await import('../lib/tune/printStudy');
  return { study: study.name, counts, best: best && plain(best), paretoFront: front?.map(plain), line };
}
