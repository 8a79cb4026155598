import type { Command } from 'commander';
import { fail } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';

/** `mlops init [dir]`: scaffolds a working config, an example pipeline and its data. */
export function registerInit(program: Command): void {
  program
    .command('init [dir]')
    .description('scaffold mlops.config.ts, an example pipeline and sample data in an empty folder')
    .option('--name <project>', 'project name (default: the folder name)')
    .option('--force', 'write into a folder that is not empty (never overwrites existing files)')
    .action(async (dir: string | undefined, flags: { name?: string; force?: boolean }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const { scaffold } = await import('../lib/scaffold');
        const written = await scaffold(dir ?? opts.cwd ?? '.', flags);
        if (opts.json) return void process.stdout.write(`${JSON.stringify({ written }, null, 2)}\n`);
        process.stdout.write(`created ${written.length} files:\n${written.map((f) => `  ${f}`).join('\n')}\n\nnext:\n  npm install\n  npx mlops run example\n  npx mlops runs show latest\n`);
      } catch (err) {
        fail(err, opts);
      }
    });
}
