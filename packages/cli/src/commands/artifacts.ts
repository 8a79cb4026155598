import type { Command } from 'commander';
import { fail } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';
import { integerArg } from '../lib/flagArgs';

/** `mlops artifacts ls|show`: stored outputs, their lineage and a preview of their content. */
export function registerArtifacts(program: Command): void {
  const artifacts = program.command('artifacts').description('list and inspect stored artifacts');
  artifacts
    .command('ls')
    .description('list artifacts, newest first')
    .option('--run <id>', 'only artifacts produced by this run')
    .option('--name <name>', 'only versions of this artifact name (pipeline/step/output)')
    .option('-n, --limit <n>', 'how many', integerArg(1), 50)
    .action(async (flags: { run?: string; name?: string; limit: number }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ tokens, NotFoundError, messages }, { withSession }, f] = await Promise.all([import('@mlops/core'), import('../lib/openSession'), import('../lib/format')]);
        const list = await withSession(opts, ['metadataStore'], async (runtime) => {
          const metadata = runtime.get(tokens.metadataStore);
          let runId: string | undefined;
          if (flags.run) {
            const run = await metadata.getRun(flags.run);
            if (!run) throw new NotFoundError(messages.runNotFound(flags.run));
            runId = run.id;
          }
          return metadata.listArtifacts({ runId, name: flags.name, limit: flags.limit });
        });
        if (opts.json) return f.printJson(list);
        process.stdout.write(`${f.table(['ID', 'NAME', 'VERSION', 'TYPE', 'SIZE', 'CREATED'], list.map((a) => [a.id, a.name, `v${a.version}`, a.serializer, f.formatBytes(a.size), f.formatTime(a.createdAt)]))}\n`);
      } catch (err) {
        fail(err, opts);
      }
    });
  artifacts
    .command('show <id>')
    .description('show an artifact (id or unique prefix): record, lineage and a preview of its content')
    .option('--rows <n>', 'rows of a frame to preview', integerArg(0), 10)
    .action(async (id: string, flags: { rows: number }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ withSession }, { showArtifact }] = await Promise.all([import('../lib/openSession'), import('../lib/showArtifact')]);
        await withSession(opts, ['metadataStore', 'artifactStore'], (runtime) => showArtifact(runtime, id, { rows: flags.rows, json: opts.json }));
      } catch (err) {
        fail(err, opts);
      }
    });
}
