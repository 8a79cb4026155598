import type { Command } from 'commander';
import type { FeatureRegistryPlan, FeatureStore, MaterializeProgress, MaterializeResult } from '@mlops/core';
import { fail, UsageError } from '../lib/fail';
import { globalOptions, type GlobalOptions } from '../lib/globalOptions';
import { registerFeaturesIngest } from './featuresIngest';
import { integerArg } from '../lib/flagArgs';

/** `mlops features plan|apply|materialize|materialize-incremental|ingest`: the feature store's registry and online values. */
export function registerFeatures(program: Command): void {
  const features = program.command('features').description('feature store: compare and apply definitions, materialize into the online store');
  features
    .command('plan')
    .description('show how the feature definitions in code differ from the stored registry')
    .action(async (_flags: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const plan = await withFeatureStore(opts, (store) => store.plan());
        if (opts.json) return void (await printJsonLine(plan));
        await printPlan(plan);
      } catch (err) {
        fail(err, opts);
      }
    });
  features
    .command('apply')
    .description('store the definitions in code as a new registry version')
    .option('--force', 'store incompatible changes too (a changed type, a removed feature a service uses)')
    .action(async (flags: { force?: boolean }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const result = await withFeatureStore(opts, (store) => store.apply({ force: flags.force }));
        if (opts.json) return void (await printJsonLine(result));
        if (!result.applied) return void process.stdout.write(`no changes: registry version ${result.version} is current\n`);
        await printPlan(result);
        process.stdout.write(`applied: registry version ${result.version}${result.incompatible.length ? ' (forced)' : ''}\n`);
      } catch (err) {
        fail(err, opts);
      }
    });
  features
    .command('materialize')
    .description('copy the latest value per entity with event time in [start, end) into the online store')
    .requiredOption('--start <time>', 'window start: ISO-8601 time or epoch milliseconds')
    .requiredOption('--end <time>', 'window end (exclusive): ISO-8601 time or epoch milliseconds')
    .option('--views <names>', 'comma-separated views (default: all)')
    .option('--chunk-size <n>', 'entities per chunk', integerArg(1))
    .action(async (flags: { start: string; end: string; views?: string; chunkSize?: number }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const start = parseTime('--start', flags.start);
        const end = parseTime('--end', flags.end);
        await runMaterialize(opts, (store, onProgress) => store.materialize({ start, end, views: splitViews(flags.views), chunkSize: flags.chunkSize, onProgress }));
      } catch (err) {
        fail(err, opts);
      }
    });
  features
    .command('materialize-incremental')
    .description('materialize each view from its last watermark (or an interrupted window) up to --end')
    .option('--end <time>', 'window end (exclusive): ISO-8601 time or epoch milliseconds (default: now)')
    .option('--views <names>', 'comma-separated views (default: all)')
    .option('--chunk-size <n>', 'entities per chunk', integerArg(1))
    .action(async (flags: { end?: string; views?: string; chunkSize?: number }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const end = flags.end === undefined ? undefined : parseTime('--end', flags.end);
        await runMaterialize(opts, (store, onProgress) => store.materializeIncremental({ end, views: splitViews(flags.views), chunkSize: flags.chunkSize, onProgress }));
      } catch (err) {
        fail(err, opts);
      }
    });
  registerFeaturesIngest(features);
}

async function withFeatureStore<T>(opts: GlobalOptions, fn: (store: FeatureStore) => Promise<T>): Promise<T> {
  const [{ tokens }, { withSession }] = await Promise.all([import('@mlops/core'), import('../lib/openSession')]);
  return withSession(opts, ['featureStore'], (runtime) => fn(runtime.get(tokens.featureStore)));
}

/** Runs a materialization with a progress line on a terminal (stderr, redrawn in place), quiet when piped. */
async function runMaterialize(opts: GlobalOptions, run: (store: FeatureStore, onProgress: (p: MaterializeProgress) => void) => Promise<MaterializeResult>): Promise<void> {
  const live = Boolean(process.stderr.isTTY) && !opts.json;
  const onProgress = (p: MaterializeProgress) => {
    if (!live) return;
    const width = 30;
    const filled = p.total ? Math.round((p.written / p.total) * width) : width;
    process.stderr.write(`\r\x1b[2K${p.view} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.written}/${p.total}`);
  };
  const result = await withFeatureStore(opts, (store) => run(store, onProgress));
  if (live) process.stderr.write('\r\x1b[2K');
  if (opts.json) return void (await printJsonLine(result));
  const { table, formatTime } = await import('../lib/format');
  const time = (ms: number) => (Math.abs(ms) > 8e15 ? 'beginning' : formatTime(ms));
  process.stdout.write(`${table(['VIEW', 'START', 'END', 'ENTITIES WRITTEN'], result.views.map((v) => [v.view, time(v.start), time(v.end), String(v.written)]))}\n`);
}

async function printPlan(plan: FeatureRegistryPlan): Promise<void> {
  const { color, table } = await import('../lib/format');
  process.stdout.write(`registry version: ${plan.currentVersion ?? 'none (nothing applied yet)'}\n`);
  if (!plan.changes.length) return void process.stdout.write('no changes\n');
  const sign = { added: color.green('+'), changed: color.yellow('~'), removed: color.red('-') };
  process.stdout.write(`${table(['', 'KIND', 'NAME', 'DETAIL'], plan.changes.map((c) => [sign[c.action], c.kind, c.name, c.detail ?? '']))}\n`);
  for (const i of plan.incompatible) process.stdout.write(`${color.red('incompatible')}: ${i.name}: ${i.reason}\n`);
}

function parseTime(option: string, text: string): number {
  const ms = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Date.parse(text);
  if (Number.isNaN(ms)) throw new UsageError(`${option}: expected an ISO-8601 time or epoch milliseconds, received "${text}"`);
  return ms;
}

function splitViews(views: string | undefined): string[] | undefined {
  return views?.split(',').map((v) => v.trim()).filter(Boolean);
}

async function printJsonLine(value: unknown): Promise<void> {
  (await import('../lib/format')).printJson(value);
}
