import type { Command } from 'commander';
import { fail } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';

/** `mlops report RUN_ID`: the HTML reports a run produced (validation reports, ...), written to files. */
export function registerReport(program: Command): void {
  program
    .command('report <run>')
    .description('write the HTML reports of a run (id, unique prefix or "latest") to files and print their paths')
    .option('-o, --out <path>', 'write the report here (a .html file; a folder when the run has several reports)')
    .option('--step <id>', 'only the report of this step')
    .option('--open', 'open the written report with the system browser (xdg-open)')
    .action(async (ref: string, flags: { out?: string; step?: string; open?: boolean }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ withSession }, { writeRunReports }] = await Promise.all([import('../lib/openSession'), import('../lib/writeRunReports')]);
        const written = await withSession(opts, ['metadataStore', 'artifactStore'], (runtime) => writeRunReports(runtime, ref, flags));
        if (opts.json) return void process.stdout.write(`${JSON.stringify(written, null, 2)}\n`);
        for (const w of written) process.stdout.write(`${w.step}: ${w.path}\n`);
        if (flags.open && written[0]) {
          const { spawn } = await import('node:child_process');
          spawn('xdg-open', [written[0].path], { detached: true, stdio: 'ignore' }).on('error', () => process.stderr.write('could not run xdg-open; open the file above in a browser\n')).unref();
        }
      } catch (err) {
        fail(err, opts);
      }
    });
}
