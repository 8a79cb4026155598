import type { Command } from 'commander';
import { fail, UsageError } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
  if (typeof value === 'string') return value.startsWith('sha256:') ? value.slice(0, 19) : value;
  return JSON.stringify(value);
}

/** `mlops runs compare A B [C…]`: params, metrics, tags, datasets and environment side by side. */
export function registerRunsCompare(runs: Command): void {
  runs
    .command('compare <ids...>')
    .description('compare tracked runs side by side; rows that differ are marked with *')
    .option('--diff', 'only the rows that differ')
    .option('--section <names>', 'only these sections (comma-separated: run,params,metrics,tags,datasets,environment)')
    .action(async (ids: string[], flags: { diff?: boolean; section?: string }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        if (ids.length < 2) throw new UsageError('compare needs at least two run ids');
        const [{ tokens, NotFoundError }, { withSession }, f, { compareRuns }] = await Promise.all([import('@mlops/core'), import('../lib/openSession'), import('../lib/format'), import('../lib/compareRuns')]);
        const tracked = await withSession(opts, ['tracker'], async (runtime) => {
          const tracker = runtime.get(tokens.tracker);
          return Promise.all(ids.map(async (id) => {
            const run = await tracker.getRun(id);
            if (!run) throw new NotFoundError(`no tracked run matches "${id}" (see \`mlops runs ls\`)`);
            return run;
          }));
        });
        const sections = flags.section?.split(',').map((s) => s.trim());
        const rows = compareRuns(tracked).filter((r) => (!flags.diff || r.differs) && (!sections || sections.includes(r.section)));
        if (opts.json) return f.printJson({ runs: tracked.map((r) => r.id), rows });
        const header = ['', 'SECTION', 'KEY', ...tracked.map((r) => r.id)];
        const body = rows.map((r) => [r.differs ? f.color.yellow('*') : ' ', r.section, r.key, ...r.values.map((v) => (r.differs ? f.color.bold(show(v)) : show(v)))]);
        process.stdout.write(`${f.table(header, body)}\n`);
        const differing = rows.filter((r) => r.differs).length;
        process.stdout.write(`${differing} of ${rows.length} rows differ\n`);
      } catch (err) {
        fail(err, opts);
      }
    });
}
