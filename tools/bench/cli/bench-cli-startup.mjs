#!/usr/bin/env node
// CLI start-up time: `mlops --help`, `mlops runs ls` (config + SQLite) and `mlops runs ls` in a project
// that also configures plugins the command does not need (onnxruntime, the registry, alerts), each
// against bare `node -e 0` measured in the same run. The commands take turns in every round, so a
// change of machine load hits them all alike; the ratios are of medians (RUNS rounds, at least 5).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
const runs = Math.max(5, Number(process.env.RUNS ?? 15));

/** A scratch project made by `mlops init` with three recorded runs. */
function makeProject(extraPlugins) {
  const project = mkdtempSync(path.join(tmpdir(), 'mlops-bench-cli-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  execFileSync(process.execPath, [bin, 'init'], { cwd: project, stdio: 'ignore' });
  if (extraPlugins) {
    const file = path.join(project, 'mlops.config.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("tracker: '@mlops/tracker',", `tracker: '@mlops/tracker',\n    ${extraPlugins}`));
  }
  for (let i = 0; i < 3; i++) execFileSync(process.execPath, [bin, 'run', 'train', '--no-cache'], { cwd: project, stdio: 'ignore' });
  return project;
}

const plain = makeProject();
// The template already configures the registry, the ONNX runtime and the server; these come on top.
const loaded = makeProject("alertSink: '@mlops/alerts', validator: '@mlops/validator',");
const commands = {
  baseline_node: { argv: [process.execPath, '-e', '0'], cwd: plain },
  mlops_help: { argv: [process.execPath, bin, '--help'], cwd: plain },
  mlops_runs_ls: { argv: [process.execPath, bin, 'runs', 'ls'], cwd: plain },
  mlops_runs_ls_more_plugins: { argv: [process.execPath, bin, 'runs', 'ls'], cwd: loaded },
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// CPU time (user + system, from GNU time when installed) moves less than wall time when other work
// shares the machine, so the ratios are given for both.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function time({ argv, cwd }) {
  const t0 = process.hrtime.bigint();
  const r = gnuTime ? spawnSync(gnuTime, ['-f', 'cpu %U %S', ...argv], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' }) : spawnSync(argv[0], argv.slice(1), { cwd, stdio: 'ignore' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr ?? ''}`);
  const cpu = gnuTime ? r.stderr.trim().split('\n').pop().split(' ').slice(1).reduce((a, x) => a + Number(x) * 1000, 0) : NaN;
  return { wall, cpu };
}

const loadBefore = loadavg();
for (const c of Object.values(commands)) for (let i = 0; i < 2; i++) time(c); // warm the transpile cache and the page cache
const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < runs; i++) for (const [name, c] of Object.entries(commands)) times[name].push(time(c));
const loadAfter = loadavg();
for (const p of [plain, loaded]) rmSync(p, { recursive: true, force: true });

const results = Object.fromEntries(
  Object.entries(times).map(([k, ts]) => {
    const wall = ts.map((t) => t.wall);
    return [k, { medianMs: +median(wall).toFixed(1), minMs: +Math.min(...wall).toFixed(1), cpuMedianMs: +median(ts.map((t) => t.cpu)).toFixed(1), runs }];
  }),
);
const ratio = (k, field = 'medianMs') => +(results[k][field] / results.baseline_node[field]).toFixed(2);
const out = {
  bench: 'cli-startup',
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavg: { before: loadBefore.map((l) => +l.toFixed(2)), after: loadAfter.map((l) => +l.toFixed(2)) } },
  results,
  ratios: { help_vs_bare_node: ratio('mlops_help'), runs_ls_vs_bare_node: ratio('mlops_runs_ls'), runs_ls_more_plugins_vs_bare_node: ratio('mlops_runs_ls_more_plugins') },
  cpuRatios: { help_vs_bare_node: ratio('mlops_help', 'cpuMedianMs'), runs_ls_vs_bare_node: ratio('mlops_runs_ls', 'cpuMedianMs'), runs_ls_more_plugins_vs_bare_node: ratio('mlops_runs_ls_more_plugins', 'cpuMedianMs') },
};
console.log(JSON.stringify(out, null, 2));
console.log(
  `median of ${runs}: bare node ${results.baseline_node.medianMs} ms; mlops --help ${results.mlops_help.medianMs} ms (${out.ratios.help_vs_bare_node}×); ` +
    `mlops runs ls ${results.mlops_runs_ls.medianMs} ms (${out.ratios.runs_ls_vs_bare_node}×); with unused plugins configured ${results.mlops_runs_ls_more_plugins.medianMs} ms (${out.ratios.runs_ls_more_plugins_vs_bare_node}×); ` +
    `CPU ratios ${out.cpuRatios.help_vs_bare_node}× / ${out.cpuRatios.runs_ls_vs_bare_node}× / ${out.cpuRatios.runs_ls_more_plugins_vs_bare_node}×; load ${loadBefore[0].toFixed(2)} → ${loadAfter[0].toFixed(2)}`,
);
