import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LoadedModel } from '@mlops/core';
import { describeWithService, postgresTestUrl, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';
import type { Knex } from 'knex';
import type { BatchInput, BatchOutput } from './BatchTypes';
import { batchPredict } from './batchPredict';
import { openKnex } from './lib/openKnex';
import { features, loadLogistic, logisticOnnx, sampleCsv, signature } from './__fixtures__/logisticModel';

// The child runs plain node on the built package, like `mlops predict` would, and is SIGKILLed
// either right after a commit or on a timer that may land anywhere (mid-write, mid-transaction).
const builtEntry = resolve(__dirname, '../../dist/index.js');
const ortFixture = resolve(__dirname, '__fixtures__/ortLoadedModel.js');

const childScript = String.raw`
const { readFileSync } = require('node:fs');
const { batchPredict } = require(process.env.ENTRY);
const { loadOrtModel } = require(process.env.ORT_FIXTURE);
const killAfterChunks = Number(process.env.KILL_AFTER_CHUNKS ?? -1);
if (process.env.KILL_AFTER_MS) setTimeout(() => process.kill(process.pid, 'SIGKILL'), Number(process.env.KILL_AFTER_MS));
(async () => {
  const model = await loadOrtModel(readFileSync(process.env.MODEL));
  let chunks = 0;
  await batchPredict({
    model, signature: JSON.parse(process.env.SIGNATURE), input: JSON.parse(process.env.INPUT), output: JSON.parse(process.env.OUTPUT),
    idColumn: process.env.ID_COLUMN || undefined, chunkRows: Number(process.env.CHUNK_ROWS), resume: process.env.RESUME === '1', modelId: 'logistic',
    onProgress: (p) => { if (p.chunksDone > 0 && ++chunks === killAfterChunks) process.kill(process.pid, 'SIGKILL'); },
  });
})().catch((e) => { console.error(e); process.exit(3); });
`;

interface Job {
  input: BatchInput;
  output: BatchOutput;
  idColumn?: string;
}

function runChild(job: Job, env: Record<string, string>): Promise<NodeJS.Signals | number | null> {
  const child = spawn(process.execPath, ['-e', childScript], {
    env: { ...process.env, ENTRY: builtEntry, ORT_FIXTURE: ortFixture, MODEL: modelPath, SIGNATURE: JSON.stringify(signature), INPUT: JSON.stringify(job.input), OUTPUT: JSON.stringify(job.output), ID_COLUMN: job.idColumn ?? '', CHUNK_ROWS: '150', ...env },
    stdio: 'inherit',
  });
  return new Promise((done) => child.on('exit', (code, signal) => done(signal ?? code)));
}

/** Kills a run twice right after a commit and three times on timers, then resumes it to the end. */
async function killAndResume(job: Job): Promise<void> {
  expect(await runChild(job, { KILL_AFTER_CHUNKS: '2' })).toBe('SIGKILL');
  expect(await runChild(job, { KILL_AFTER_CHUNKS: '3', RESUME: '1' })).toBe('SIGKILL');
  const timed: (NodeJS.Signals | number | null)[] = [];
  for (const ms of [350, 600, 900]) timed.push(await runChild(job, { KILL_AFTER_MS: String(ms), RESUME: '1' }));
  // A timer kill lands anywhere (mid-write, mid-transaction) or after the end; at least one must hit.
  for (const t of timed) expect(['SIGKILL', 0]).toContain(t);
  expect(timed).toContain('SIGKILL');
  expect(await runChild(job, { RESUME: '1' })).toBe(0);
}

const rowCount = 3000;
let dir: string;
let modelPath: string;
let model: LoadedModel;

beforeAll(async () => {
  if (!existsSync(builtEntry)) throw new Error(`${builtEntry} is missing; run \`npx tsc -b packages/serving\` first`);
  dir = await mkdtemp(join(tmpdir(), 'mlops-batch-kill-'));
  modelPath = join(dir, 'model.onnx');
  await writeFile(modelPath, logisticOnnx());
  await writeFile(join(dir, 'in.csv'), sampleCsv(rowCount));
  model = await loadLogistic();
});
afterAll(async () => {
  await model?.release();
  await rm(dir, { recursive: true, force: true });
});

describe('batchPredict killed with SIGKILL and resumed', () => {
  it('CSV file → CSV file: the resumed output equals an uninterrupted run byte for byte', async () => {
    const input: BatchInput = { kind: 'csv', path: join(dir, 'in.csv') };
    await batchPredict({ model, signature, input, output: { kind: 'csv', path: join(dir, 'ref.csv') }, idColumn: 'id', chunkRows: 150, modelId: 'logistic' });
    const job: Job = { input, output: { kind: 'csv', path: join(dir, 'out.csv') }, idColumn: 'id' };
    await killAndResume(job);
    expect(await readFile(join(dir, 'out.csv'), 'utf8')).toBe(await readFile(join(dir, 'ref.csv'), 'utf8'));
    expect(existsSync(join(dir, 'out.csv.partial')) || existsSync(join(dir, 'out.csv.checkpoint.json'))).toBe(false);
  });

  it('SQLite query → SQLite table: the same rows as an uninterrupted run', async () => {
    const url = `sqlite:${join(dir, 'data.db')}`;
    const knex = openKnex(url);
    try {
      await knex.schema.createTable('inputs', (t) => {
        t.integer('id').primary();
        for (const f of features) t.double(f);
      });
      await insertSample(knex, 'inputs');
      await compareKilledWithReference(knex, url, 'select * from inputs');
    } finally {
      await knex.destroy();
    }
  });
});

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  const schema = uniqueTestName('mlops_batch');
  let knex: Knex;
  beforeAll(async () => {
    knex = openKnex(postgresTestUrl());
    await knex.raw('create schema ??', [schema]);
  });
  afterAll(async () => {
    await knex.raw('drop schema if exists ?? cascade', [schema]);
    await knex.destroy();
  });

  it('Postgres query → Postgres table: the same rows as an uninterrupted run', async () => {
    await knex.schema.withSchema(schema).createTable('inputs', (t) => {
      t.integer('id').primary();
      for (const f of features) t.double(f);
    });
    await insertSample(knex, `${schema}.inputs`);
    await compareKilledWithReference(knex, postgresTestUrl(), `select * from ${schema}.inputs`, schema);
  });
});

async function insertSample(knex: Knex, table: string): Promise<void> {
  const lines = sampleCsv(rowCount).trimEnd().split('\n').slice(1);
  const rows = lines.map((_, i) => ({ id: i * 3 + 1, ...Object.fromEntries(features.map((f, j) => [f, ((i * 7 + j * 13) % 41) / 10 - 2])) }));
  for (let i = 0; i < rows.length; i += 200) await knex.insert(rows.slice(i, i + 200)).into(table);
}

async function compareKilledWithReference(knex: Knex, url: string, query: string, schema?: string): Promise<void> {
  const qualified = (t: string) => (schema ? `${schema}.${t}` : t);
  const input: BatchInput = { kind: 'sql', url, query };
  const reference = await batchPredict({ model, signature, input, output: { kind: 'sql', url, table: qualified('ref') }, idColumn: 'id', chunkRows: 150, modelId: 'logistic' });
  expect(reference.rows).toBe(rowCount);
  await killAndResume({ input, output: { kind: 'sql', url, table: qualified('preds') }, idColumn: 'id' });
  const read = (t: string) => knex.select('*').from(qualified(t)).orderBy('id');
  const [got, want] = await Promise.all([read('preds'), read('ref')]);
  expect(got).toHaveLength(rowCount);
  expect(got).toEqual(want);
  const checkpoint = await knex.select('*').from(qualified('mlops_batch_checkpoints')).where({ output_table: qualified('preds') }).first();
  expect(Number(checkpoint.rows_done)).toBe(rowCount);
  expect(Boolean(checkpoint.complete)).toBe(true);
}
