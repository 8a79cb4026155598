import type { Command } from 'commander';
import { fail } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';

/** `mlops config check`: validates the config and prints the resolved plugin graph and pipelines. */
export function registerConfig(program: Command): void {
  const config = program.command('config').description('inspect the project config');
  config
    .command('check')
    .description('validate the config (core schema and every plugin’s options) and print the resolved plugin graph')
    .action(async (_flags: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [core, f, { maskSecrets }] = await Promise.all([import('@mlops/core'), import('../lib/format'), import('../lib/maskSecrets')]);
        const resolved = await core.loadConfig({ cwd: opts.cwd, configPath: opts.config });
        const plugins = resolved.plugins.map((p) => ({
          slot: p.slot,
          plugin: p.plugin.name,
          source: p.source,
          requires: (p.plugin.requires ?? []).map((t) => core.slotOfToken(t) ?? t.id),
          options: maskSecrets(p.options),
        }));
        const pipelines = await Promise.all(Object.keys(resolved.pipelines).map(async (name) => {
          const def = await core.loadPipeline(resolved, name);
          const params = def.params ? def.params.safeParse({}) : { success: true, data: {} };
          const steps = params.success ? def.plan(params.data).map((s) => ({ id: s.id, step: s.step.name, after: [...new Set(Object.values(s.inputs).map((i) => i.step))] })) : null;
          return { name, description: def.description ?? null, steps };
        }));
        const report = { file: resolved.file, project: resolved.project, stateDir: resolved.stateDir, digest: resolved.digest, plugins, pipelines };
        if (opts.json) return f.printJson(report);
        const out = [`${f.color.green('✔')} ${core.displayPath(resolved.file)} is valid  ${f.color.dim(resolved.digest.slice(0, 19))}`, `project ${resolved.project}, state in ${resolved.stateDir}`, ''];
        out.push(f.table(['SLOT', 'PLUGIN', 'FROM', 'REQUIRES', 'OPTIONS'], plugins.map((p) => [p.slot, p.plugin, p.source, p.requires.join(', ') || '-', shorten(JSON.stringify(p.options), 160)])));
        for (const p of pipelines) {
          out.push('', `${f.color.bold('pipeline')} ${p.name}${p.description ? f.color.dim(`  ${p.description}`) : ''}`);
          if (!p.steps) out.push(f.color.dim('  (needs params to plan)'));
          else for (const s of p.steps) out.push(`  ${s.id}${s.id !== s.step ? f.color.dim(` (${s.step})`) : ''}${s.after.length ? f.color.dim(` ← ${s.after.join(', ')}`) : ''}`);
        }
        process.stdout.write(`${out.join('\n')}\n`);
      } catch (err) {
        fail(err, opts);
      }
    });
}

/** Long options (feature definitions, say) are cut in the table; `--json` prints them whole. */
function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}… (${text.length} chars, --json for all)`;
}
