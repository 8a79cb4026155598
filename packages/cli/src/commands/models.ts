import type { Command } from 'commander';
import { fail, UsageError } from '../lib/fail';
import { globalOptions, type GlobalOptions } from '../lib/globalOptions';
import { integerArg } from '../lib/flagArgs';

type Registry = import('@mlops/core').ModelRegistry;

/** Opens a session with only the registry (and what it requires) and runs `fn` with it. */
async function withRegistry<T>(opts: GlobalOptions, fn: (registry: Registry) => Promise<T>): Promise<T> {
  const [{ tokens }, { withSession }] = await Promise.all([import('@mlops/core'), import('../lib/openSession')]);
  return withSession(opts, ['modelRegistry'], (runtime) => fn(runtime.get(tokens.modelRegistry)));
}

function versionNumber(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`version "${v}": expected a positive whole number`);
  return n;
}

/** `mlops models …`: the model registry — versions, aliases, the promotion gate, rollback, audit trail, cards. */
export function registerModels(program: Command): void {
  const models = program.command('models').description('registered models: versions, aliases, promotion gate, rollback, history, model cards');
  const action =
    <A extends unknown[]>(fn: (opts: GlobalOptions, ...args: A) => Promise<void>) =>
    async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      const opts = globalOptions(cmd);
      try {
        await fn(opts, ...(args.slice(0, -1) as A));
      } catch (err) {
        fail(err, opts);
      }
    };

  models
    .command('ls [name]')
    .description('list models, or the versions of one model (newest first)')
    .option('--metric <name>', 'show this metric of each version’s latest evaluation')
    .action(action(async (opts, name: string | undefined, flags: { metric?: string }) => {
      const p = await import('../lib/printModel');
      const { printJson } = await import('../lib/format');
      if (!name) {
        const list = await withRegistry(opts, (r) => r.listModels());
        return opts.json ? printJson(list) : p.printModels(list);
      }
      const versions = await withRegistry(opts, (r) => r.listVersions(name));
      return opts.json ? printJson(versions) : p.printVersions(versions, flags.metric);
    }));

  models
    .command('show <ref>')
    .description('show a version: NAME@ALIAS, NAME:VERSION or NAME (latest)')
    .action(action(async (opts, ref: string) => {
      const [{ printJson }, { printVersion }] = await Promise.all([import('../lib/format'), import('../lib/printModel')]);
      const version = await withRegistry(opts, (r) => r.resolve(ref));
      return opts.json ? printJson(version) : printVersion(version);
    }));

  models
    .command('promote <name> <version>')
    .description('move an alias (default champion) to a version if it beats the incumbent on the gate metric; exit 1 if refused')
    .option('--to <alias>', 'alias to move', 'champion')
    .option('--force', 'promote even if the gate refuses (recorded; needs --reason)')
    .option('--reason <text>', 'why (recorded in the audit trail)')
    .option('--actor <name>', 'who (default $MLOPS_ACTOR, then the OS user)')
    .action(action(async (opts, name: string, version: string, flags: { to: string; force?: boolean; reason?: string; actor?: string }) => {
      const [{ printJson }, { printDecision }] = await Promise.all([import('../lib/format'), import('../lib/printModel')]);
      const result = await withRegistry(opts, (r) => r.promote(name, versionNumber(version), { to: flags.to, force: flags.force, reason: flags.reason, actor: flags.actor }));
      if (opts.json) printJson(result);
      else {
        printDecision(result.decision);
        process.stdout.write(result.promoted ? `${name}@${flags.to} → v${version}${result.forced ? ' (forced)' : ''}\n` : `${name}@${flags.to} unchanged\n`);
      }
      if (!result.promoted) process.exitCode = 1;
    }));

  models
    .command('rollback <name>')
    .description('move an alias (default champion) back to the version it pointed at before')
    .option('--alias <alias>', 'alias to roll back', 'champion')
    .option('--reason <text>', 'why (recorded in the audit trail)')
    .option('--actor <name>', 'who (default $MLOPS_ACTOR, then the OS user)')
    .action(action(async (opts, name: string, flags: { alias: string; reason?: string; actor?: string }) => {
      const { printJson } = await import('../lib/format');
      const event = await withRegistry(opts, (r) => r.rollback(name, { alias: flags.alias, reason: flags.reason, actor: flags.actor }));
      if (opts.json) return printJson(event);
      process.stdout.write(`${name}@${flags.alias}: v${event.fromVersion} → v${event.version}\n`);
    }));

  models
    .command('alias <name> <alias> <version>')
    .description('point an ungated alias (e.g. challenger) at a version')
    .option('--reason <text>', 'why (recorded in the audit trail)')
    .option('--actor <name>', 'who (default $MLOPS_ACTOR, then the OS user)')
    .action(action(async (opts, name: string, alias: string, version: string, flags: { reason?: string; actor?: string }) => {
      const { printJson } = await import('../lib/format');
      const event = await withRegistry(opts, (r) => r.setAlias(name, alias, versionNumber(version), { reason: flags.reason, actor: flags.actor }));
      if (opts.json) return printJson(event);
      process.stdout.write(`${name}@${alias} → v${version}\n`);
    }));

  models
    .command('tag <name> <version> <pairs...>')
    .description('set tags key=value on a version')
    .option('--actor <name>', 'who (default $MLOPS_ACTOR, then the OS user)')
    .action(action(async (opts, name: string, version: string, pairs: string[], flags: { actor?: string }) => {
      const { parseKeyValues } = await import('../lib/parseKeyValues');
      const tags = Object.fromEntries(Object.entries(parseKeyValues(pairs, 'tag')).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
      await withRegistry(opts, (r) => r.setTags(name, versionNumber(version), tags, { actor: flags.actor }));
      if (!opts.json) process.stdout.write(`tagged ${name} v${version}\n`);
      else process.stdout.write(`${JSON.stringify({ name, version: Number(version), tags })}\n`);
    }));

  models
    .command('history <name>')
    .description('the audit trail of a model: every registration, alias move, refusal and rollback')
    .option('-n, --limit <n>', 'only the last n events', integerArg(1))
    .action(action(async (opts, name: string, flags: { limit?: number }) => {
      const [{ printJson }, { printHistory }] = await Promise.all([import('../lib/format'), import('../lib/printModel')]);
      const events = await withRegistry(opts, (r) => r.history(name, { limit: flags.limit }));
      return opts.json ? printJson(events) : printHistory(events);
    }));

  models
    .command('card <name> <version>')
    .description('the model card of a version (Markdown, or --html)')
    .option('--html', 'self-contained HTML instead of Markdown')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(action(async (opts, name: string, version: string, flags: { html?: boolean; out?: string }) => {
      const card = await withRegistry(opts, (r) => r.modelCard(name, versionNumber(version), flags.html ? 'html' : 'markdown'));
      if (!flags.out) return void process.stdout.write(card.endsWith('\n') ? card : `${card}\n`);
      const [{ writeFile, rename }, path] = await Promise.all([import('node:fs/promises'), import('node:path')]);
      const target = path.resolve(flags.out);
      const tmp = `${target}.${process.pid}.tmp`;
      await writeFile(tmp, card);
      await rename(tmp, target);
      process.stdout.write(opts.json ? `${JSON.stringify({ file: target })}\n` : `wrote ${target}\n`);
    }));
}
