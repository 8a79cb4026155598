#!/usr/bin/env node
// CLI start-up time: `mlops --help` and `mlops runs ls` (config + SQLite) against bare `node -e 0`
// measured in the same run. Uses hyperfine (Debian package) when present, else a timed spawn loop.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
const runs = Number(process.env.RUNS ?? 30);
const project = mkdtempSync(path.join(tmpdir(), 'mlops-bench-cli-'));
symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
execFileSync(process.execPath, [bin, 'init', '.', '--force'], { cwd: project, stdio: 'ignore' });
execFileSync(process.execPath, [bin, 'run', 'example'], { cwd: project, stdio: 'ignore' });

const commands = {
  baseline_node: [process.execPath, '-e', '0'],
  mlops_help: [process.execPath, bin, '--help'],
  mlops_runs_ls: [process.execPath, bin, 'runs', 'ls'],
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const results = {};
for (const [name, argv] of Object.entries(commands)) {
  for (let i = 0; i < 3; i++) spawnSync(argv[0], argv.slice(1), { cwd: project });
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(argv[0], argv.slice(1), { cwd: project, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  results[name] = { medianMs: +median(times).toFixed(1), runs };
}
rmSync(project, { recursive: true, force: true });
const out = {
  bench: 'cli-startup',
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  results,
  ratios: {
    help_vs_bare_node: +(results.mlops_help.medianMs / results.baseline_node.medianMs).toFixed(2),
    runs_ls_vs_bare_node: +(results.mlops_runs_ls.medianMs / results.baseline_node.medianMs).toFixed(2),
  },
};
console.log(JSON.stringify(out, null, 2));
console.log(`mlops --help ${results.mlops_help.medianMs} ms, mlops runs ls ${results.mlops_runs_ls.medianMs} ms, bare node ${results.baseline_node.medianMs} ms (median of ${runs})`);
if (!existsSync(bin)) process.exit(1);
