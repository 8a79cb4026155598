import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expectedP1, logisticOnnx, signature } from '../../serving/src/batch/__fixtures__/logisticModel';

// End-to-end through the built CLI (build first: npx tsc -b packages/serving plugins/runtime-onnx
// plugins/server plugins/model-registry packages/cli): build a bundle from a project with a registered
// model, copy it where no node_modules is reachable, start it with plain `node`, query it, stop it.
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
let project: string;
let elsewhere: string;

function mlops(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 300_000 });
}

const config = `
import { readFileSync } from 'node:fs';
import { defineConfig, pipeline, step, tokens } from '@mlops/core';
const register = step({
  name: 'register',
  cache: false,
  uses: [tokens.modelRegistry, tokens.artifactStore],
  run: async (_inputs, ctx) => {
    const blob = await ctx.resolve(tokens.artifactStore).put(new Uint8Array(readFileSync('model.onnx')));
    const registry = ctx.resolve(tokens.modelRegistry);
    const v = await registry.register({ name: 'toy', artifacts: { onnx: blob.digest }, signature: JSON.parse(readFileSync('signature.json', 'utf8')), description: 'a logistic toy' });
    await registry.setAlias('toy', 'stable', v.version);
    return { version: v.version };
  },
});
// A name that, before names were checked, made \`build --force\` delete and write outside the project.
const escape = step({
  name: 'escape',
  cache: false,
  uses: [tokens.modelRegistry, tokens.artifactStore],
  run: async (_inputs, ctx) => {
    const blob = await ctx.resolve(tokens.artifactStore).put(new Uint8Array(readFileSync('model.onnx')));
    const v = await ctx.resolve(tokens.modelRegistry).register({ name: 'a/../../../escaped', artifacts: { onnx: blob.digest }, signature: JSON.parse(readFileSync('signature.json', 'utf8')) });
    return { version: v.version };
  },
});
export default defineConfig({
  plugins: { modelRegistry: '@mlops/model-registry', modelRuntime: '@mlops/runtime-onnx' },
  pipelines: {
    register: pipeline({ name: 'register', build: (p) => void p.add(register) }),
    escape: pipeline({ name: 'escape', build: (p) => void p.add(escape) }),
  },
});
`;

const rows = [
  { x1: 1, x2: 0.5, x3: -1 },
  { x1: -2, x2: 1, x3: 0 },
  { x1: 0.25, x2: -0.75, x3: 3 },
];

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-build-'));
  elsewhere = mkdtempSync(path.join(tmpdir(), 'mlops-bundle-copy-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  writeFileSync(path.join(project, 'mlops.config.ts'), config);
  writeFileSync(path.join(project, 'model.onnx'), logisticOnnx());
  writeFileSync(path.join(project, 'signature.json'), JSON.stringify(signature));
  writeFileSync(path.join(project, 'rows.csv'), `x1,x2,x3\n${rows.map((r) => `${r.x1},${r.x2},${r.x3}`).join('\n')}\n`);
  expect(mlops(['run', 'register']).status).toBe(0);
});
afterAll(() => {
  rmSync(project, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

/** Starts `node server.js` in `dir` on a free port; resolves with its URL once it listens. */
function startBundle(dir: string) {
  const env = { PATH: process.env.PATH ?? '', PORT: '0', WORKERS: '1', HOST: '127.0.0.1' }; // no NODE_PATH, no npm
  const child = spawn(process.execPath, ['server.js'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = new Promise<string>((ok, ko) => {
    const onData = (b: Buffer) => {
      log += b.toString();
      const m = log.match(/listening on (http:\/\/[^\s]+)/);
      if (m) ok(m[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => ko(new Error(`server.js exited with ${code}:\n${log}`)));
  });
  const exited = new Promise<number | string | null>((ok) => child.on('exit', (code, signal) => ok(signal ?? code)));
  return { child, url, exited, log: () => log };
}

describe('mlops build', () => {
  let out: string;

  it('writes the model, signature, card, server entry, node_modules, lockfile and Dockerfile', () => {
    const r = mlops(['build', '--model', 'toy@stable', '--out', 'bundle', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout);
    out = summary.out;
    expect(summary).toMatchObject({ model: 'toy:1', out: path.join(project, 'bundle') });
    for (const f of ['model.onnx', 'signature.json', 'MODEL_CARD.md', 'server.js', 'healthcheck.js', 'package.json', 'package-lock.json', 'Dockerfile', '.dockerignore']) expect(existsSync(path.join(out, f))).toBe(true);
    expect(readFileSync(path.join(out, 'model.onnx'))).toEqual(Buffer.from(logisticOnnx()));
    expect(JSON.parse(readFileSync(path.join(out, 'signature.json'), 'utf8'))).toEqual(signature);
    expect(readFileSync(path.join(out, 'MODEL_CARD.md'), 'utf8')).toContain('toy');
    expect(JSON.parse(readFileSync(path.join(out, 'package.json'), 'utf8')).mlops).toEqual({ model: 'toy', version: 1, alias: 'stable', digest: summary.digest, builtAt: expect.any(String) });

    // The lockfile lists exactly the package folders that were copied, with their versions.
    const lock = JSON.parse(readFileSync(path.join(out, 'package-lock.json'), 'utf8'));
    expect(lock.lockfileVersion).toBe(3);
    const locations = Object.keys(lock.packages).filter((k) => k !== '');
    expect(locations.length).toBe(summary.packages.length);
    for (const loc of locations) expect(JSON.parse(readFileSync(path.join(out, loc, 'package.json'), 'utf8')).version).toBe(lock.packages[loc].version);
    expect(lock.packages['node_modules/prom-client'].integrity).toMatch(/^sha512-/);
    expect(Object.keys(lock.packages[''].dependencies).sort()).toEqual(['@mlops/core', '@mlops/runtime-onnx', '@mlops/server']);
    // Minimal: onnxruntime's Linux native library is there, other systems' and install-only deps are not.
    expect(existsSync(path.join(out, 'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1'))).toBe(true);
    expect(existsSync(path.join(out, 'node_modules/onnxruntime-node/bin/napi-v6/win32'))).toBe(false);
    expect(locations).not.toContain('node_modules/adm-zip');
    expect(locations).not.toContain('node_modules/typescript');
    expect(locations).not.toContain('node_modules/knex');
  });

  it('refuses to overwrite the folder without --force', () => {
    const r = mlops(['build', '--model', 'toy@stable', '--out', 'bundle']);
    expect([r.status, r.stderr]).toEqual([2, `error: ${path.join(project, 'bundle')}: the output folder exists; pass --force to replace it\n`]);
  });

  it('--force refuses a folder that no build wrote, naming it, and leaves it as it was', () => {
    const precious = path.join(project, 'precious');
    mkdirSync(precious);
    writeFileSync(path.join(precious, 'notes.txt'), 'keep me');
    const r = mlops(['build', '--model', 'toy@stable', '--out', 'precious', '--force']);
    expect([r.status, r.stderr]).toEqual([2, `error: ${precious}: not a folder written by mlops build (no .mlops-build.json in it); --force replaces only those: remove it yourself or choose another --out\n`]);
    expect(readFileSync(path.join(precious, 'notes.txt'), 'utf8')).toBe('keep me');
    // The project root itself is never a build folder either.
    expect(mlops(['build', '--model', 'toy@stable', '--out', '.', '--force']).status).toBe(2);
    expect(existsSync(path.join(project, 'mlops.config.ts'))).toBe(true);
  });

  it('--force replaces a folder an earlier build wrote (it holds the marker)', () => {
    expect(JSON.parse(readFileSync(path.join(out, '.mlops-build.json'), 'utf8'))).toMatchObject({ model: 'toy', version: 1 });
    writeFileSync(path.join(out, 'stale.txt'), 'from before');
    const r = mlops(['build', '--model', 'toy@stable', '--out', 'bundle', '--force']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(existsSync(path.join(out, 'stale.txt'))).toBe(false);
    expect(existsSync(path.join(out, 'server.js'))).toBe(true);
  });

  it('never registers a model whose name would leave build/', () => {
    const r = mlops(['run', 'escape']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('model name must not have a ".." segment, received "a/../../../escaped"');
    expect(existsSync(path.join(project, '..', 'escaped-v1'))).toBe(false);
  });

  it('starts from a copy with `node server.js` alone, answers /health and /predict like in-process, stops on SIGTERM', async () => {
    const copy = path.join(elsewhere, 'served');
    cpSync(out, copy, { recursive: true });
    const server = startBundle(copy);
    try {
      const url = await server.url;
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      // The registered identity it was built from, not the file name: `mlops build --model toy@stable`.
      const served = (await (await fetch(`${url}/model`)).json()) as Record<string, unknown>;
      expect([served.name, served.version, served.alias]).toEqual(['toy', 1, 'stable']);
      expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/^mlops_model_info\{role="primary",name="toy",version="1",alias="stable",digest="[^"]+"\} 1$/m);
      const res = await fetch(`${url}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows }) });
      expect(res.status).toBe(200);
      const { predictions } = (await res.json()) as { predictions: { label: string; probabilities: Record<string, number> }[] };

      // In-process: the same model through `mlops predict` (the runtime plugin in this process tree).
      const batch = mlops(['predict', '--model', 'toy@stable', '--input', 'rows.csv', '--output', 'rows.out.jsonl']);
      expect(batch.status).toBe(0);
      const local = readFileSync(path.join(project, 'rows.out.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(predictions).toHaveLength(rows.length);
      predictions.forEach((p, i) => {
        expect(p.label).toBe(local[i].label);
        expect(p.probabilities.malignant).toBe(local[i].probability_malignant);
        expect(p.probabilities.benign).toBe(local[i].probability_benign);
        expect(p.probabilities.malignant).toBeCloseTo(expectedP1([rows[i]!.x1, rows[i]!.x2, rows[i]!.x3]), 5);
      });
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it('writes a Dockerfile that passes our rules: pinned slim Node 20, non-root, production, healthcheck on /health', () => {
    const dockerfile = readFileSync(path.join(out, 'Dockerfile'), 'utf8');
    const instructions = dockerfile.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
    const from = instructions.filter((l) => /^FROM\s/i.test(l));
    expect(from).toHaveLength(1);
    expect(from[0]).toMatch(/^FROM node:20[\w.-]*-slim\b/);
    expect(from[0]).not.toMatch(/:latest\b/);
    const users = instructions.filter((l) => /^USER\s/i.test(l)).map((l) => l.split(/\s+/)[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0', '0:0']).not.toContain(users[users.length - 1]);
    expect(instructions.some((l) => /^ADD\s+\S*https?:\/\//i.test(l))).toBe(false);
    expect(instructions.some((l) => /^RUN\b.*\bnpm\s+(install|ci|i)\b/i.test(l))).toBe(false);
    expect(dockerfile).toMatch(/NODE_ENV=production/);
    expect(dockerfile).toMatch(/^EXPOSE 8080$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*CMD \["node", "healthcheck\.js"\]$/m);
    expect(readFileSync(path.join(out, 'healthcheck.js'), 'utf8')).toContain("path: '/health'");
    expect(dockerfile).toMatch(/^CMD \["node", "server\.js"\]$/m);
    // The image needs node_modules: the ignore file must not drop it.
    expect(readFileSync(path.join(out, '.dockerignore'), 'utf8')).not.toMatch(/^node_modules/m);
  });
});
