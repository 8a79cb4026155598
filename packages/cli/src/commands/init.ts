import * as path from 'node:path';
import type { Command } from 'commander';
import { fail } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';

/** `mlops init [dir]`: scaffolds a config, a `train` pipeline, its data and a served model, in a new or an existing npm project. */
export function registerInit(program: Command): void {
  program
    .command('init [dir]')
    .description('scaffold mlops.config.ts, a train pipeline and sample data (in an existing npm project: adds its dependencies to package.json)')
    .option('--name <project>', 'project name (default: package.json\'s name, else the folder name)')
    .option('--force', 'keep files that already exist and write only the missing ones (never overwrites)')
    .action(async (dir: string | undefined, flags: { name?: string; force?: boolean }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const { scaffold } = await import('../lib/scaffold');
        const cwd = path.resolve(opts.cwd ?? '.');
        const result = await scaffold(path.resolve(cwd, dir ?? '.'), { name: flags.name, skipExisting: flags.force });
        if (opts.json) return void process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        const lines = [`created ${result.written.length} files in ${result.dir}:`, ...result.written.map((f) => `  ${f}`)];
        for (const u of result.updated) lines.push(`updated ${u.file}: added ${u.added.join(', ')}`);
        if (result.skipped.length) lines.push(`kept existing ${result.skipped.join(', ')}`);
        // The next commands run in the project folder; say how to get there when it is not this one.
        const rel = path.relative(cwd, result.dir);
        const cd = rel ? [`  cd ${/\s/.test(rel) ? JSON.stringify(rel) : rel}`] : [];
        lines.push('', 'next:', ...cd, '  npm install', '  npx mlops run train', '  npx mlops serve');
        process.stdout.write(`${lines.join('\n')}\n`);
      } catch (err) {
        fail(err, opts);
      }
    });
}
