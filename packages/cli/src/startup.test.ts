import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// What `mlops runs ls` loads, in a project that also configures plugins it does not use: a guard of
// its start-up time (BENCHMARKS.md, CLI start-up) that does not time anything. A preload records
// every module in node's require cache when the process exits.
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
let project: string;

function mlops(args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 });
}

/** Runs `mlops ...args` and returns its stdout and the files it required. */
function loadedBy(args: string[]): { stdout: string; files: string[] } {
  const preload = path.join(project, 'record-modules.js');
  const out = path.join(project, 'modules.json');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const r = mlops(args, { NODE_OPTIONS: `--require ${preload}` });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return { stdout: r.stdout, files: JSON.parse(readFileSync(out, 'utf8')) as string[] };
}

const packageOf = (file: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(file)?.[1] ?? /\/(?:packages|plugins)\/([^/]+)\/dist\//.exec(file)?.[1];

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-cli-startup-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  expect(mlops(['init', '.', '--force']).status).toBe(0);
  expect(mlops(['run', 'train']).status).toBe(0);
  // The template already configures a registry, a runtime and a server; add slots runs ls has no use for either.
  const config = path.join(project, 'mlops.config.ts');
  const unused = "alertSink: '@mlops/alerts', featureStore: '@mlops/feature-store',";
  const text = readFileSync(config, 'utf8');
  expect(text).toContain("tracker: '@mlops/tracker',");
  writeFileSync(config, text.replace("tracker: '@mlops/tracker',", `tracker: '@mlops/tracker',\n    ${unused}`));
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('mlops start-up', () => {
  it('runs ls reads the SQLite store without knex and loads no plugin of a slot it does not use', () => {
    const { stdout, files } = loadedBy(['runs', 'ls']);
    expect(stdout).toMatch(/train\s+succeeded/);
    const packages = new Set(files.map(packageOf));
    expect(packages).toContain('storage-local');
    expect(packages).toContain('better-sqlite3');
    // The template's config loads its pipeline lazily, so nothing the pipeline imports is loaded either.
    for (const heavy of ['knex', 'lodash', 'onnxruntime-node', 'runtime-onnx', 'model-registry', 'alerts', 'feature-store', 'tracker', 'trainer-linear', 'transforms', 'eval', 'onnx']) expect({ heavy, loaded: packages.has(heavy) }).toEqual({ heavy, loaded: false });
  });

  it('runs ls loads neither the DI container, the pipeline runner, cosmiconfig nor the code of other commands', () => {
    const { files } = loadedBy(['runs', 'ls']);
    const packages = files.map(packageOf);
    // tsyringe and reflect-metadata load only when a plugin asks for runtime.container.
    expect(packages.filter((p) => p === 'tsyringe' || p === 'reflect-metadata')).toEqual([]);
    const own = (pkg: string) => files.filter((f) => f.includes(`/packages/${pkg}/dist/`)).map((f) => f.split('/dist/')[1]).sort();
    // core's index exports these lazily: each is required on first call only.
    for (const lazy of ['pipeline/runPipeline.js', 'pipeline/lib/executeStep.js', 'orchestration/runPipelineStep.js', 'tracking/captureEnvironment.js', 'metrics/renderMetricFamilies.js']) expect(own('core')).not.toContain(lazy);
    // The CLI requires the module of the invoked command only.
    expect(own('cli')).toEqual(['commands/runs.js', 'commands/runsCompare.js', 'commands/runsReproduce.js', 'lib/fail.js', 'lib/flagArgs.js', 'lib/format.js', 'lib/globalOptions.js', 'lib/openSession.js', 'main.js']);
    // A JS/TS config up from cwd is found without cosmiconfig (and the JSON parser it loads).
    expect(packages.filter((p) => p === 'cosmiconfig' || p === 'parse-json')).toEqual([]);
    // A valid config passes core's and the storage plugins' zod-free quick checks: zod (95 modules, a
    // third of the start-up) loads only to word an error.
    expect(packages.filter((p) => p === 'zod')).toEqual([]);
    // What is left (304 modules before this guard, 218 with zod, 126 without): core 58, better-sqlite3
    // and sql-metadata 32, storage-local 11, the CLI 10, commander 7. A new eager import shows up here first.
    expect(files.length).toBeLessThanOrEqual(135);
  });

  it('the schemas exported lazily (so that runs ls never loads zod) are still there for require and ESM imports', () => {
    const esm = `import { configSchema, orchestrationOptions, stepPolicyOf } from '@mlops/core'; import { sqliteMetadataStoreOptions } from '@mlops/storage-local';
      console.log(JSON.stringify([configSchema.safeParse({ logLevel: 'loud' }).success, Object.keys(orchestrationOptions.parse({})).sort(), stepPolicyOf(orchestrationOptions.parse({}), 'p', 's').timeoutMs, sqliteMetadataStoreOptions.parse({})]));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', esm], { cwd: project, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([false, ['defaults', 'maxConcurrentRuns', 'schedules', 'steps'], 3_600_000, { busyTimeoutMs: 5000 }]);
  });

  it('a command still gets its full help and did-you-mean when only its module is loaded', () => {
    const help = mlops(['runs', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/ls \[options\]/);
    expect(help.stdout).toMatch(/compare/);
    const wrong = mlops(['runs', 'lss']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("unknown command 'lss'");
    expect(wrong.stderr).toContain('(Did you mean ls?)');
    const top = mlops(['--help']);
    for (const name of ['init', 'runs', 'tune', 'alerts', 'worker', 'retrain', 'monitor']) expect(top.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it('--help loads commander, the CLI and its error types only (no core, zod or config loader)', () => {
    const { stdout, files } = loadedBy(['--help']);
    expect(stdout).toContain('Usage: mlops');
    expect([...new Set(files.map(packageOf))].filter(Boolean).sort()).toEqual(['cli', 'commander', 'errors']);
  });
});
