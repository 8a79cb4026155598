import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expectedP1, logisticOnnx, sampleCsv, signature } from '../../serving/src/batch/__fixtures__/logisticModel';

// End-to-end through the built CLI (build first: npx tsc -b packages/serving plugins/runtime-onnx
// plugins/model-registry packages/cli): a project whose pipeline registers a logistic ONNX model,
// scored by `mlops predict` from the registry and from the file, into files and a SQLite table.
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
let project: string;

function mlops(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
}

const config = (runtime: boolean) => `
import { readFileSync } from 'node:fs';
import { defineConfig, pipeline, step, tokens } from '@mlops/core';
const register = step({
  name: 'register',
  cache: false,
  uses: [tokens.modelRegistry, tokens.artifactStore],
  run: async (_inputs, ctx) => {
    const blob = await ctx.resolve(tokens.artifactStore).put(new Uint8Array(readFileSync('model.onnx')));
    const registry = ctx.resolve(tokens.modelRegistry);
    const v = await registry.register({ name: 'toy', artifacts: { onnx: blob.digest }, signature: JSON.parse(readFileSync('signature.json', 'utf8')) });
    await registry.setAlias('toy', 'stable', v.version);
    return { version: v.version };
  },
});
export default defineConfig({
  plugins: { modelRegistry: '@mlops/model-registry'${runtime ? ", modelRuntime: '@mlops/runtime-onnx'" : ''} },
  pipelines: { register: pipeline({ name: 'register', build: (p) => void p.add(register) }) },
});
`;

const rows = 20_000;
beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-predict-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  writeFileSync(path.join(project, 'mlops.config.ts'), config(true));
  writeFileSync(path.join(project, 'no-runtime.config.ts'), config(false));
  writeFileSync(path.join(project, 'model.onnx'), logisticOnnx());
  writeFileSync(path.join(project, 'signature.json'), JSON.stringify(signature));
  writeFileSync(path.join(project, 'in.csv'), sampleCsv(rows));
  expect(mlops(['run', 'register']).status).toBe(0);
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

const read = (name: string) => readFileSync(path.join(project, name), 'utf8');

describe('mlops predict', () => {
  it('scores a CSV with the registry model into a CSV, the same as from the ONNX file', () => {
    const r = mlops(['predict', '--model', 'toy@stable', '--input', 'in.csv', '--output', 'out.csv', '--id-column', 'id', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ model: 'toy:1', rows, rowsThisRun: rows, resumedAt: 0, complete: true, columns: ['id', 'label', 'probability_benign', 'probability_malignant'] });
    const lines = read('out.csv').trimEnd().split('\n');
    expect(lines).toHaveLength(rows + 1);
    // Row 1: id-1,0.70,0.20,… → p1 from the weights in JS.
    const [id, label, , p1] = lines[2].split(',');
    const inputs = read('in.csv').split('\n')[2].split(',').slice(1, 4).map(Number);
    expect(id).toBe('id-1');
    expect(Number(p1)).toBeCloseTo(expectedP1(inputs), 5);
    expect(label).toBe(expectedP1(inputs) > 0.5 ? 'malignant' : 'benign');

    const f = mlops(['predict', '--model-file', 'model.onnx', '--signature', 'signature.json', '--input', 'in.csv', '--output', 'file.csv', '--id-column', 'id']);
    expect(f.status).toBe(0);
    expect(f.stdout).toMatch(/^wrote 20000 rows to file\.csv in [\d.]+s with model\.onnx@sha256:[0-9a-f]{12}\n$/);
    expect(read('file.csv')).toBe(read('out.csv'));

    const pq = mlops(['predict', '--model', 'toy@stable', '--input', 'in.csv', '--output', 'out.parquet', '--id-column', 'id', '--json']);
    expect(pq.status).toBe(0);
    expect(JSON.parse(pq.stdout)).toMatchObject({ rows, complete: true });
    expect(existsSync(path.join(project, 'out.parquet'))).toBe(true);
  });

  it('records every scored row in the prediction log when a monitor is configured, one request per chunk', async () => {
    writeFileSync(path.join(project, 'monitored.config.ts'), config(true).replace("plugins: { ", "plugins: { monitor: '@mlops/monitor', "));
    const r = mlops(['--config', 'monitored.config.ts', 'predict', '--model', 'toy@stable', '--input', 'in.csv', '--output', 'monitored.csv', '--chunk-rows', '5000', '--json']);
    expect(r.status).toBe(0);
    // Closing the session flushed the log before the process exited.
    expect(r.stderr).toContain(`monitor: prediction log closed: ${rows} rows written, 0 dropped`);
    const knex = require('knex')({ client: 'better-sqlite3', connection: { filename: path.join(project, '.mlops/metadata.sqlite') }, useNullAsDefault: true });
    try {
      const logged: { model: string; version: number; row_count: number; request_ids: string; inference_ms: number }[] = await knex.select('*').from('monitor_predictions').orderBy('id');
      expect(logged.every((l) => l.model === 'toy' && l.version === 1 && l.inference_ms > 0)).toBe(true);
      expect(logged.reduce((n, l) => n + l.row_count, 0)).toBe(rows);
      const ids = logged.flatMap((l) => JSON.parse(l.request_ids) as string[]);
      const job = /^batch:([0-9a-f]{12}):0$/.exec(ids[0]!)![1];
      // One request per chunk, named by the chunk's first row.
      expect(ids).toEqual([0, 1, 2, 3].map((i) => `batch:${job}:${i * 5000}`));
      // The command says how to label these rows later: against the job, by input position.
      expect(JSON.parse(r.stdout).labelRequestId).toBe(`batch:${job}`);
      const text = mlops(['--config', 'monitored.config.ts', 'predict', '--model', 'toy@stable', '--input', 'in.csv', '--output', 'monitored-text.csv', '--chunk-rows', '5000']);
      expect(text.stdout).toMatch(/^prediction log: label these rows with requestId batch:[0-9a-f]{12} and row = the row's position in the input \(from 0\)$/m);
    } finally {
      await knex.destroy();
    }
  });

  it('reads an SQL query and writes a table (SQLite), keyed by row number without --id-column', () => {
    const db = path.join(project, 'data.db');
    const knex = require('knex')({ client: 'better-sqlite3', connection: { filename: db }, useNullAsDefault: true });
    return (async () => {
      await knex.schema.createTable('inputs', (t: { double(n: string): void }) => ['x1', 'x2', 'x3'].forEach((c) => t.double(c)));
      await knex.insert([{ x1: 1, x2: 0.5, x3: -1 }, { x1: -2, x2: 1, x3: 0 }, { x1: 0, x2: 0, x3: 3 }]).into('inputs');
      const r = mlops(['predict', '--model', 'toy@stable', '--input', 'select * from inputs order by rowid', '--db', `sqlite:${db}`, '--output', 'preds', '--json']);
      expect(r.status).toBe(0);
      const out = await knex.select('*').from('preds').orderBy('row');
      expect(out.map((o: { row: number }) => o.row)).toEqual([0, 1, 2]);
      expect(out[2].probability_malignant).toBeCloseTo(expectedP1([0, 0, 3]), 5);
      const again = mlops(['predict', '--model', 'toy@stable', '--input', 'select * from inputs', '--db', `sqlite:${db}`, '--output', 'preds']);
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('a completed run is recorded in mlops_batch_checkpoints; pass --resume');
      await knex.destroy();
    })();
  });

  it('after a SIGKILL, refuses to start over silently and resumes to the same output', async () => {
    const out = path.join(project, 'killed.csv');
    const child = spawn(process.execPath, [bin, 'predict', '--model', 'toy@stable', '--input', 'in.csv', '--output', 'killed.csv', '--id-column', 'id', '--chunk-rows', '500'], { cwd: project, stdio: 'ignore' });
    const exited = new Promise((done) => child.on('exit', (code, signal) => done(signal ?? code)));
    // Kill once a few chunks are committed: the checkpoint counts rows.
    for (let i = 0; i < 600; i++) {
      const text = existsSync(`${out}.checkpoint.json`) ? readFileSync(`${out}.checkpoint.json`, 'utf8') : '';
      if (text && JSON.parse(text).rowsDone >= 1500) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    const refused = mlops(['predict', '--model', 'toy@stable', '--input', 'in.csv', '--output', 'killed.csv', '--id-column', 'id']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/killed\.csv: an interrupted run left .*killed\.csv\.checkpoint\.json \(\d+ rows done\); pass --resume/);
    const resumed = mlops(['predict', '--model', 'toy@stable', '--input', 'in.csv', '--output', 'killed.csv', '--id-column', 'id', '--resume', '--json']);
    expect(resumed.status).toBe(0);
    expect(JSON.parse(resumed.stdout).resumedAt).toBeGreaterThanOrEqual(1500);
    expect(read('killed.csv')).toBe(read('out.csv'));
  });

  it('fails with one clear line and exit 2 on wrong usage', () => {
    const both = mlops(['predict', '--model', 'toy@stable', '--model-file', 'model.onnx', '--input', 'in.csv', '--output', 'x.csv']);
    expect([both.status, both.stderr]).toEqual([2, 'error: expected exactly one of --model NAME@ALIAS or --model-file F.onnx\n']);
    const noRuntime = mlops(['--config', 'no-runtime.config.ts', 'predict', '--model', 'toy@stable', '--input', 'in.csv', '--output', 'x.csv']);
    expect(noRuntime.status).toBe(2);
    expect(noRuntime.stderr).toMatch(/^error: no started plugin provides the model runtime: plugins\.modelRuntime is not configured in .*no-runtime\.config\.ts \(e\.g\. plugins\.modelRuntime: '@mlops\/runtime-onnx'\)\n$/);
    const badOutput = mlops(['predict', '--model', 'toy@stable', '--input', 'in.csv', '--output', 'out/x.xlsx']);
    expect([badOutput.status, badOutput.stderr]).toEqual([2, 'error: output "out/x.xlsx": expected a .csv, .jsonl or .parquet file or a table name (NAME or SCHEMA.NAME)\n']);
    const unknown = mlops(['predict', '--model', 'nope@stable', '--input', 'in.csv', '--output', 'x.csv']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('nope');
  });
});
