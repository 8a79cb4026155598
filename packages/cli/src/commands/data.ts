import type { Command } from 'commander';
import { fail } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';

/** `mlops data ls|show|diff`: named dataset versions registered by pipeline steps (`ctx.datasets`). */
export function registerData(program: Command): void {
  const data = program.command('data').description('named dataset versions: list, inspect, compare');
  data
    .command('ls')
    .description('list dataset names with their latest version')
    .action(async (_flags: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ tokens }, { withSession }, f] = await Promise.all([import('@mlops/core'), import('../lib/openSession'), import('../lib/format')]);
        const all = await withSession(opts, ['metadataStore'], (runtime) => runtime.get(tokens.metadataStore).listDatasetVersions());
        // Newest version first within a name, so the first row of each name is its latest.
        const latest = all.filter((v, i) => i === 0 || all[i - 1]!.name !== v.name);
        const rows = latest.map((v) => ({ name: v.name, latest: v.version, versions: all.filter((x) => x.name === v.name).length, rows: v.rows, columns: v.schema.length, digest: v.digest, createdAt: v.createdAt }));
        if (opts.json) return f.printJson(rows);
        if (rows.length === 0) return void process.stdout.write('no datasets registered yet (a pipeline step registers one with ctx.datasets.register(name, frame))\n');
        process.stdout.write(`${f.table(['NAME', 'LATEST', 'VERSIONS', 'ROWS', 'COLUMNS', 'DIGEST', 'CREATED'], rows.map((r) => [r.name, `v${r.latest}`, String(r.versions), String(r.rows), String(r.columns), r.digest.slice(0, 19), f.formatTime(r.createdAt)]))}\n`);
      } catch (err) {
        fail(err, opts);
      }
    });
  data
    .command('show <dataset>')
    .description('a dataset version (NAME for the latest, or NAME@vN): schema, rows, digest, the runs that produced and consumed it')
    .action(async (ref: string, _flags: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ withSession }, { loadDatasetDetails }, f] = await Promise.all([import('../lib/openSession'), import('../lib/showDataset'), import('../lib/format')]);
        const d = await withSession(opts, ['metadataStore', 'artifactStore'], (runtime) => loadDatasetDetails(runtime, ref));
        if (opts.json) return f.printJson(d);
        const runs = (uses: typeof d.producedBy) => (uses.length ? uses.map((u) => `${u.runId}${u.stepRunId ? ` (step run ${u.stepRunId})` : ''}`).join('\n    ') : '-');
        process.stdout.write(
          [
            `${f.color.bold(`${d.name}@v${d.version}`)}  (versions: ${d.versions.map((v) => `v${v}`).join(', ')})`,
            `  rows:     ${d.rows}`,
            `  digest:   ${d.digest}`,
            `  stored:   ${d.blobDigest} (${f.formatBytes(d.size)})${d.available ? '' : f.color.red('  GONE from the artifact store')}`,
            `  created:  ${f.formatTime(d.createdAt)}`,
            `  produced by runs:\n    ${runs(d.producedBy)}`,
            `  consumed by runs:\n    ${runs(d.consumedBy)}`,
            `  schema:\n${f.table(['COLUMN', 'DTYPE'], d.schema.map((c) => [c.name, c.dtype])).replace(/^/gm, '    ')}`,
          ].join('\n') + '\n',
        );
      } catch (err) {
        fail(err, opts);
      }
    });
  data
    .command('diff <a> <b>')
    .description('compare two dataset versions (NAME or NAME@vN): schema, row counts and per-column distribution summaries')
    .option('--all', 'list every figure of every column, not only the ones that differ')
    .action(async (a: string, b: string, flags: { all?: boolean }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [{ DatasetCatalog, tokens, formatDatasetRef }, { withSession }, { diffDatasets }, f] = await Promise.all([import('@mlops/core'), import('../lib/openSession'), import('../lib/diffDatasets'), import('../lib/format')]);
        const diff = await withSession(opts, ['metadataStore', 'artifactStore'], async (runtime) => {
          const catalog = new DatasetCatalog(runtime.get(tokens.artifactStore), runtime.get(tokens.metadataStore));
          const [x, y] = await Promise.all([catalog.load(a), catalog.load(b)]);
          return diffDatasets({ ref: formatDatasetRef(x.record), frame: x.frame, digest: x.record.digest }, { ref: formatDatasetRef(y.record), frame: y.frame, digest: y.record.digest });
        });
        if (opts.json) return f.printJson(diff);
        const lines = [`${diff.a} → ${diff.b}: ${diff.sameContent ? 'same content' : 'different content'}`, `rows: ${diff.rows.a} → ${diff.rows.b}`];
        const rows: string[][] = [];
        for (const c of diff.columns) {
          if (c.status === 'added' || c.status === 'removed' || c.status === 'retyped') rows.push([c.column, c.status, 'dtype', c.dtype.a ?? '-', c.dtype.b ?? '-']);
          for (const s of c.stats) if (flags.all || s.a !== s.b) rows.push([c.column, c.status, s.stat, String(s.a ?? '-'), String(s.b ?? '-')]);
        }
        lines.push(rows.length ? f.table(['COLUMN', 'STATUS', 'STAT', diff.a, diff.b], rows) : 'every column has the same schema and summary');
        process.stdout.write(`${lines.join('\n')}\n`);
      } catch (err) {
        fail(err, opts);
      }
    });
}
