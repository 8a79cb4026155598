import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describeWithService, postgresTestUrl, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';

// End-to-end: the built `mlops` binary in a scratch project whose node_modules is this repo's, the
// way a user runs `npx mlops` (the root `npm test` builds first).
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
let project: string;

function mlops(args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 });
}
const json = (r: SpawnSyncReturns<string>) => JSON.parse(r.stdout);

beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-cli-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

describe('mlops CLI', () => {
  it('prints help for the program and every command, fast, without loading plugins', () => {
    const help = mlops(['--help']);
    expect(help.status).toBe(0);
    for (const cmd of ['init', 'config', 'run', 'runs', 'artifacts', 'plugins', 'report', 'models', 'features']) expect(help.stdout).toContain(cmd);
    for (const sub of [['run'], ['report'], ['runs', 'ls'], ['runs', 'show'], ['artifacts', 'ls'], ['artifacts', 'show'], ['plugins', 'ls'], ['config', 'check'], ['init'], ['runs', 'compare'], ['runs', 'reproduce'], ['models', 'ls'], ['models', 'promote'], ['models', 'rollback'], ['models', 'history'], ['models', 'card'], ['features', 'plan'], ['features', 'apply'], ['features', 'materialize'], ['features', 'materialize-incremental'], ['features', 'ingest']]) {
      const r = mlops([...sub, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Usage: mlops');
    }
    const bad = mlops(['rn']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown command 'rn'");
  });

  it('init scaffolds a project that validates, trains, registers a champion, and is inspectable', () => {
    // The folder already holds node_modules: init writes next to it, no flag needed.
    const init = mlops(['init']);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('mlops.config.ts');
    expect(init.stdout).toMatch(/next:\n {2}npm install\n {2}npx mlops run train\n {2}npx mlops serve\n$/);
    const check = mlops(['config', 'check']);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/mlops.config.ts is valid/);
    expect(check.stdout).toMatch(/artifactStore\s+storage-local\s+@mlops\/storage-local/);
    expect(check.stdout).toMatch(/pipeline train[\s\S]*ingest[\s\S]*split ← ingest[\s\S]*fit ← split[\s\S]*register ← /);

    const run = mlops(['run', 'train']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // Not a TTY: no progress animation, only the summary.
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stdout).toMatch(/run \w+ {2}train {2}succeeded/);
    expect(run.stdout).toContain('150 rows × 5 columns');

    const runs = json(mlops(['runs', 'ls', '--json']));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ pipeline: 'train', status: 'succeeded' });
    const shown = json(mlops(['runs', 'show', runs[0].id.slice(0, 14), '--json']));
    expect(shown.steps.map((s: { step: string; status: string }) => `${s.step}:${s.status}`)).toEqual(['ingest:succeeded', 'split:succeeded', 'fit:succeeded', 'register:succeeded']);
    expect(shown.steps[0].logs).toContain('read 150 rows × 5 columns');
    const train = shown.artifacts.find((a: { name: string }) => a.name === 'train/split/train');
    const art = json(mlops(['artifacts', 'show', train.id, '--json']));
    expect(art.lineage.inputs).toEqual([expect.objectContaining({ input: 'dataset', name: 'train/ingest/dataset', version: 1 })]);
    const table = mlops(['artifacts', 'show', train.id]);
    expect(table.stdout).toContain('112 rows × 5 columns');
    const models = json(mlops(['models', 'ls', '--json']));
    expect(models).toEqual([expect.objectContaining({ name: path.basename(project).toLowerCase(), latestVersion: 1, aliases: { champion: 1 } })]);

    // The register step is a side effect (cache: false); everything before it is reused.
    const again = json(mlops(['run', 'train', '--json']));
    expect(again.steps.map((s: { status: string }) => s.status)).toEqual(['cached', 'cached', 'cached', 'succeeded']);
    const forced = json(mlops(['run', 'train', '--no-cache', '--json']));
    expect(forced.steps.map((s: { status: string }) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    const plugins = mlops(['plugins', 'ls', '--health']);
    expect(plugins.status).toBe(0);
    expect(plugins.stdout).toMatch(/metadataStore\s+sqlite-metadata-store\s+@mlops\/storage-local\s+ok/);

    // The scaffold has the embedded orchestrator with no config: with no `mlops scheduler` running,
    // `mlops retrain` runs the pipeline in the foreground, and the run is in the history with its trigger.
    expect(check.stdout).toMatch(/orchestrator\s+orchestrator-local\s+@mlops\/orchestrator-local/);
    const retrain = mlops(['retrain', 'train', '--json']);
    // stderr carries the run's log lines (the gate keeping v1 as champion), never an error.
    expect(retrain.stderr).not.toMatch(/^error/m);
    expect(retrain.status).toBe(0);
    const retrained = json(retrain).run;
    expect(retrained).toMatchObject({ pipeline: 'train', status: 'succeeded', trigger: { kind: 'manual' } });
    expect(json(mlops(['runs', 'show', retrained.id, '--json']))).toMatchObject({ run: { status: 'succeeded', tags: { trigger: 'manual' } } });
  });

  it('fails with one clear line and exit code 2 on a bad config; a stack only with --verbose', () => {
    writeFileSync(path.join(project, 'mlops.config.ts'), `export default { maxParallelSteps: 'four', plugins: { metadataStore: '@mlops/storage-locl' } };\n`);
    const r = mlops(['config', 'check']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'error: mlops.config.ts: maxParallelSteps: expected a number, received "four"',
    ]);
    writeFileSync(path.join(project, 'mlops.config.ts'), `export default { plugins: { metadataStore: '@mlops/storage-locl' } };\n`);
    const r2 = mlops(['runs', 'ls']);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('error: mlops.config.ts: plugins.metadataStore: expected an installed plugin package; did you mean "@mlops/storage-local"?');
    const r3 = mlops(['runs', 'ls', '--json']);
    expect(json(r3).error).toMatchObject({ code: 'E_CONFIG', file: 'mlops.config.ts', issues: [{ path: 'plugins.metadataStore' }] });
    const r4 = mlops(['run', 'nope', '--param', 'x']);
    expect(r4.status).toBe(2);
    expect(r4.stderr).toContain('--param "x": expected key=value');
    writeFileSync(path.join(project, 'mlops.config.ts'), `export default {};\n`);
    const r5 = mlops(['runs', 'show', 'zzzz']);
    expect(r5.status).toBe(2);
    expect(r5.stderr).toContain('run zzzz not found');
    expect(r5.stderr).not.toContain('    at ');
  });

  it('a runner killed mid-write leaves no partial blob, earlier artifacts intact, and the re-run resumes', () => {
    writeFileSync(
      path.join(project, 'mlops.config.ts'),
      `import { defineConfig, pipeline, step } from '@mlops/core';
// Streams 8 MiB; with KILL_MID_WRITE the process SIGKILLs itself after the first MiB is written.
const blobSerializer = {
  name: 'blob',
  canHandle: (v: unknown): v is { blob: number } => typeof v === 'object' && v !== null && 'blob' in v,
  serialize: (v: { blob: number }) => (async function* () {
    for (let i = 0; i < 8; i++) {
      if (i === 1 && process.env.KILL_MID_WRITE) process.kill(process.pid, 'SIGKILL');
      yield new Uint8Array(1 << 20).fill(v.blob + i);
    }
  })(),
  deserialize: (b: Uint8Array) => ({ blob: b[0] }),
};
const first = step({ name: 'first', run: () => ({ rows: [1, 2, 3] }) });
const second = step({ name: 'second', run: ({ rows }: { rows: number[] }) => ({ big: { blob: rows.length } }) });
export default defineConfig({
  serializers: [blobSerializer],
  pipelines: { p: pipeline({ name: 'p', build: (b) => void b.add(second, { inputs: { rows: b.add(first).out.rows } }) }) },
});
`,
    );
    const killed = mlops(['run', 'p'], { KILL_MID_WRITE: '1' });
    expect(killed.signal).toBe('SIGKILL');
    const blobsDir = path.join(project, '.mlops/artifacts/sha256');
    const blobs = readdirSync(blobsDir).flatMap((d) => readdirSync(path.join(blobsDir, d)).map((f) => path.join(blobsDir, d, f)));
    expect(blobs).toHaveLength(1); // the first step's output only
    for (const f of blobs) expect(createHash('sha256').update(readFileSync(f)).digest('hex')).toBe(path.basename(path.dirname(f)) + path.basename(f));

    const resumed = json(mlops(['run', 'p', '--json']));
    expect(resumed.run.status).toBe('succeeded');
    expect(resumed.steps.map((s: { step: string; status: string }) => `${s.step}:${s.status}`)).toEqual(['first:cached', 'second:succeeded']);
    const runs = json(mlops(['runs', 'ls', '--json']));
    expect(runs.map((r: { status: string }) => r.status)).toEqual(['succeeded', 'crashed']);
    const big = resumed.outputs.second.big;
    expect(statSync(path.join(blobsDir, big.digest.slice(7, 9), big.digest.slice(9))).size).toBe(8 << 20);
  });

  it('Ctrl-C during a run records it as failed and exits 130; finished steps stay cached', async () => {
    writeFileSync(
      path.join(project, 'mlops.config.ts'),
      `import { defineConfig, pipeline, step } from '@mlops/core';
const quick = step({ name: 'quick', run: () => ({ n: 1 }) });
const slow = step({ name: 'slow', run: async ({ n }: { n: number }, ctx) => {
  ctx.log.info('slow started');
  await new Promise((r) => setTimeout(r, process.env.SLOW_MS ? Number(process.env.SLOW_MS) : 60_000));
  return { m: n + 1 };
} });
export default defineConfig({ pipelines: { p: pipeline({ name: 'p', build: (b) => void b.add(slow, { inputs: { n: b.add(quick).out.n } }) }) } });
`,
    );
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [bin, 'run', 'p'], { cwd: project, env: { ...process.env, NO_COLOR: '1' } });
    // Both pipes are drained (a full pipe would block the child), and shown if the test fails.
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    try {
      // Wait until the slow step is recorded as running, then interrupt.
      let last = '';
      const deadline = Date.now() + 90_000;
      for (;;) {
        const r = mlops(['runs', 'show', 'latest', '--json']);
        last = `runs show: status ${r.status}, ${r.stdout.slice(0, 2000)}${r.stderr}`;
        if (r.status === 0 && json(r).steps.some((s: { step: string; status: string }) => s.step === 'slow' && s.status === 'running')) break;
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the slow step never showed as running (run exited: ${child.exitCode}); last ${last}; run output: ${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      child.kill('SIGINT');
      const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running 30 s after SIGINT'), 30_000))]);
      expect([code, output]).toEqual([130, expect.any(String)]);
    } finally {
      child.kill('SIGKILL');
    }
    const shown = json(mlops(['runs', 'show', 'latest', '--json']));
    expect(shown.run).toMatchObject({ status: 'failed', error: 'interrupted by SIGINT' });
    expect(shown.steps.map((s: { step: string; status: string }) => `${s.step}:${s.status}`)).toEqual(['quick:succeeded', 'slow:failed']);
    const resumed = json(mlops(['run', 'p', '--json'], { SLOW_MS: '10' }));
    expect(resumed.steps.map((s: { step: string; status: string }) => `${s.step}:${s.status}`)).toEqual(['quick:cached', 'slow:succeeded']);
  }, 240_000);

  it('report writes the HTML reports of a run to files', () => {
    writeFileSync(
      path.join(project, 'mlops.config.ts'),
      `import { defineConfig, htmlDocument, pipeline, step } from '@mlops/core';
const check = step({ name: 'check', run: () => ({ summary: { ok: true }, page: htmlDocument('Check', '<!doctype html><html><head><title>Check</title></head><body><h1>all good</h1></body></html>') }) });
const plain = step({ name: 'plain', run: () => ({ n: 1 }) });
export default defineConfig({ pipelines: {
  checked: pipeline({ name: 'checked', build: (b) => void b.add(check) }),
  plain: pipeline({ name: 'plain', build: (b) => void b.add(plain) }),
} });
`,
    );
    expect(mlops(['run', 'checked']).status).toBe(0);
    const out = path.join(project, 'out', 'check.html');
    const r = mlops(['report', 'latest', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(`check.page: ${out}`);
    expect(readFileSync(out, 'utf8')).toContain('<h1>all good</h1>');
    const byDefault = json(mlops(['report', 'latest', '--json']));
    expect(byDefault[0].path).toMatch(/\.mlops\/reports\/\w+-check\.page\.html$/);
    expect(mlops(['run', 'plain']).status).toBe(0);
    const none = mlops(['report', 'latest']);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/run \w+ has no HTML reports/);
  });

  describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
    it('swaps the metadata store to Postgres by config alone', () => {
      const schema = uniqueTestName();
      writeFileSync(
        path.join(project, 'mlops.config.ts'),
        `import { defineConfig, env, pipeline, step } from '@mlops/core';
const hello = step({ name: 'hello', run: () => ({ greeting: 'hi' }) });
export default defineConfig({
  plugins: { metadataStore: { use: '@mlops/storage-postgres', options: { connection: env('PG_URL'), schema: '${schema}' } } },
  pipelines: { hello: pipeline({ name: 'hello', build: (b) => void b.add(hello) }) },
});
`,
      );
      try {
        const missing = mlops(['config', 'check'], { PG_URL: '' });
        expect(missing.status).toBe(2);
        const env = { PG_URL: postgresTestUrl() };
        expect(mlops(['config', 'check'], env).stdout).toMatch(/metadataStore\s+postgres-metadata-store\s+@mlops\/storage-postgres/);
        expect(json(mlops(['run', 'hello', '--json'], env)).run.status).toBe('succeeded');
        expect(json(mlops(['runs', 'ls', '--json'], env))).toHaveLength(1);
        expect(readdirSync(path.join(project, '.mlops'))).not.toContain('metadata.sqlite');
      } finally {
        spawnSync('psql', [postgresTestUrl(), '-c', `drop schema if exists ${schema} cascade`], { encoding: 'utf8' });
      }
    });
  });
});
