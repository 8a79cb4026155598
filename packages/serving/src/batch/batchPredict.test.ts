import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHookBus, silentLogger, type LoadedModel } from '@mlops/core';
import { readParquet } from '@mlops/frame';
import { batchPredict } from './batchPredict';
import { openKnex } from './lib/openKnex';
import { expectedP1, features, loadLogistic, sampleCsv, signature } from './__fixtures__/logisticModel';

let dir: string;
let model: LoadedModel;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlops-batch-'));
  model = await loadLogistic();
  await writeFile(join(dir, 'in.csv'), sampleCsv(1000));
});
afterAll(async () => {
  await model.release();
  await rm(dir, { recursive: true, force: true });
});

/** A model that fails on its `n`-th call, like a crash in the middle of a run. */
function failingOn(n: number): LoadedModel {
  let calls = 0;
  return { ...model, inputs: model.inputs, outputs: model.outputs, run: (feeds) => (++calls === n ? Promise.reject(new Error('boom')) : model.run(feeds)), release: async () => {} };
}

const parseCsvLine = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, -1).map((f) => f.replace(/,$/, ''));

describe('batchPredict', () => {
  it('scores a CSV into a CSV: the id as key, the class label and one probability per class', async () => {
    const out = join(dir, 'out.csv');
    const summary = await batchPredict({ model, signature, input: { kind: 'csv', path: join(dir, 'in.csv') }, output: { kind: 'csv', path: out }, idColumn: 'id', chunkRows: 64 });
    expect(summary).toMatchObject({ rows: 1000, rowsThisRun: 1000, chunks: 16, resumedAt: 0, complete: true, columns: ['id', 'label', 'probability_benign', 'probability_malignant'] });
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe('id,label,probability_benign,probability_malignant');
    expect(lines).toHaveLength(1001);
    const input = (await readFile(join(dir, 'in.csv'), 'utf8')).trimEnd().split('\n').slice(1);
    input.forEach((line, i) => {
      const fields = parseCsvLine(line);
      const [key, label, p0, p1] = parseCsvLine(lines[i + 1]);
      expect(key).toBe(fields[0]);
      if (fields.slice(1, 4).includes('')) {
        // A missing cell is NaN to the model (a serving model imputes it; this one has no imputer).
        expect([p0, p1]).toEqual(['NaN', 'NaN']);
        return;
      }
      const p = expectedP1(fields.slice(1, 4).map(Number));
      expect(Number(p1)).toBeCloseTo(p, 5);
      expect(Number(p0)).toBeCloseTo(1 - p, 5);
      expect(label).toBe(Number(p1) > Number(p0) ? 'malignant' : 'benign');
    });
    expect(existsSync(`${out}.partial`) || existsSync(`${out}.checkpoint.json`)).toBe(false);
  });

  it('gives the same rows whatever the chunk size, with row numbers as keys in JSON Lines', async () => {
    const run = async (chunkRows: number, name: string) => {
      await batchPredict({ model, signature, input: { kind: 'csv', path: join(dir, 'in.csv') }, output: { kind: 'jsonl', path: join(dir, name) }, chunkRows });
      return readFile(join(dir, name), 'utf8');
    };
    const a = await run(1, 'a.jsonl');
    expect(await run(333, 'b.jsonl')).toBe(a);
    const rows = a.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('resumes after a failure with no row missing or repeated, and refuses to start over silently', async () => {
    const input = { kind: 'csv' as const, path: join(dir, 'in.csv') };
    const reference = join(dir, 'ref.csv');
    await batchPredict({ model, signature, input, output: { kind: 'csv', path: reference }, idColumn: 'id', chunkRows: 100 });
    const out = join(dir, 'resumed.csv');
    await expect(batchPredict({ model: failingOn(4), signature, input, output: { kind: 'csv', path: out }, idColumn: 'id', chunkRows: 100 })).rejects.toThrow('boom');
    expect(existsSync(out)).toBe(false);
    await expect(batchPredict({ model, signature, input, output: { kind: 'csv', path: out }, idColumn: 'id', chunkRows: 100 })).rejects.toThrow(/interrupted run left .*resumed\.csv\.checkpoint\.json \(300 rows done\); pass --resume/);
    await expect(batchPredict({ model, signature, input, output: { kind: 'csv', path: out }, chunkRows: 100, resume: true })).rejects.toThrow(/checkpoint is for another job.*idColumn: "id" → null/);
    const summary = await batchPredict({ model, signature, input, output: { kind: 'csv', path: out }, idColumn: 'id', chunkRows: 250, resume: true });
    expect(summary).toMatchObject({ rows: 1000, resumedAt: 300, rowsThisRun: 700 });
    expect(await readFile(out, 'utf8')).toBe(await readFile(reference, 'utf8'));
  });

  it('writes Parquet (row groups streamed from the committed rows) equal to the JSON Lines output, also after a resume', async () => {
    const input = { kind: 'csv' as const, path: join(dir, 'in.csv') };
    await batchPredict({ model, signature, input, output: { kind: 'jsonl', path: join(dir, 'ref.jsonl') }, idColumn: 'id', chunkRows: 100 });
    const reference = (await readFile(join(dir, 'ref.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const out = join(dir, 'out.parquet');
    await expect(batchPredict({ model: failingOn(5), signature, input, output: { kind: 'parquet', path: out }, idColumn: 'id', chunkRows: 100 })).rejects.toThrow('boom');
    expect(existsSync(out)).toBe(false);
    const summary = await batchPredict({ model, signature, input, output: { kind: 'parquet', path: out }, idColumn: 'id', chunkRows: 100, resume: true });
    expect(summary).toMatchObject({ rows: 1000, resumedAt: 400, complete: true });
    const frame = await readParquet(out);
    expect(frame.names).toEqual(['id', 'label', 'probability_benign', 'probability_malignant']);
    const rows = frame.toRows();
    expect(rows).toHaveLength(1000);
    rows.forEach((row, i) => {
      const want = reference[i]!;
      expect(String(row.id)).toBe(String(want.id));
      expect(row.label).toBe(want.label);
      for (const c of ['probability_benign', 'probability_malignant']) {
        if (want[c] === null) expect(row[c]).toBeNull();
        else expect(row[c]).toBeCloseTo(want[c] as number, 12);
      }
    });
    // Nothing of the staging is left behind.
    for (const leftover of ['.tmp', '.rows.jsonl', '.rows.jsonl.partial', '.rows.jsonl.checkpoint.json']) expect(existsSync(out + leftover)).toBe(false);
  });

  it('names the missing column and the bad value', async () => {
    await writeFile(join(dir, 'missing.csv'), `id,${features.slice(0, 2).join(',')}\n1,2,3\n`);
    await expect(batchPredict({ model, signature, input: { kind: 'csv', path: join(dir, 'missing.csv') }, output: { kind: 'csv', path: join(dir, 'm.csv') } })).rejects.toThrow(
      `missing.csv: expected a column "x3" (a model input), found columns id, x1, x2`,
    );
    await writeFile(join(dir, 'bad.csv'), `id,${features.join(',')}\n1,2,3,4\nk7,2,abc,4\n`);
    await expect(batchPredict({ model, signature, input: { kind: 'csv', path: join(dir, 'bad.csv') }, output: { kind: 'csv', path: join(dir, 'b.csv') }, idColumn: 'id' })).rejects.toThrow(
      'bad.csv: row k7: column "x2": expected a number, found "abc"',
    );
    await writeFile(join(dir, 'ragged.csv'), `id,${features.join(',')}\n1,2,3,4\n2,3\n`);
    await expect(batchPredict({ model, signature, input: { kind: 'csv', path: join(dir, 'ragged.csv') }, output: { kind: 'csv', path: join(dir, 'r.csv') } })).rejects.toThrow('ragged.csv: row 1 has 2 fields, expected 4 like the header');
    await expect(batchPredict({ model, signature, input: { kind: 'csv', path: join(dir, 'in.csv') }, output: { kind: 'csv', path: join(dir, 'x.csv') }, idColumn: 'nope' })).rejects.toThrow(
      'in.csv: expected an id column "nope", found columns id, x1, x2, x3, note',
    );
    // A job id becomes part of logged request ids (batch:<jobId>:<firstRow>): no separator in it.
    const log = { hooks: createHookBus(silentLogger), model: { name: 'm', version: 1, alias: null, digest: 'd', signature, loadedAt: 0 }, jobId: 'a:b' };
    await expect(batchPredict({ model, signature, input: { kind: 'csv', path: join(dir, 'in.csv') }, output: { kind: 'csv', path: join(dir, 'j.csv') }, log })).rejects.toThrow(
      'log.jobId: expected 1 to 128 letters, digits, ".", "_" or "-", found "a:b"',
    );
    expect(existsSync(join(dir, 'j.csv'))).toBe(false);
  });

  it('writes text keys from a CSV into an SQLite table, resumes it after a failure, and refuses a table it did not create', async () => {
    const url = `sqlite:${join(dir, 'out.db')}`;
    const input = { kind: 'csv' as const, path: join(dir, 'in.csv') };
    await expect(batchPredict({ model: failingOn(3), signature, input, output: { kind: 'sql', url, table: 'preds' }, idColumn: 'id', chunkRows: 128 })).rejects.toThrow('boom');
    const summary = await batchPredict({ model, signature, input, output: { kind: 'sql', url, table: 'preds' }, idColumn: 'id', chunkRows: 128, resume: true });
    expect(summary).toMatchObject({ rows: 1000, resumedAt: 256, complete: true });
    const knex = openKnex(url);
    try {
      const rows = await knex('preds').select('*');
      expect(rows).toHaveLength(1000);
      expect(new Set(rows.map((r: { id: string }) => r.id)).size).toBe(1000);
      const first = rows.find((r: { id: string }) => r.id === 'id-0,x');
      expect(first.probability_malignant).toBeCloseTo(expectedP1([-2, -0.7, 0.6]), 5);
      await knex.schema.createTable('taken', (t) => t.integer('x'));
    } finally {
      await knex.destroy();
    }
    await expect(batchPredict({ model, signature, input, output: { kind: 'sql', url, table: 'taken' } })).rejects.toThrow(
      'table taken: expected a new table, found an existing one without a checkpoint; drop it or choose another name',
    );
  });

  it('writes just the header for an input without rows', async () => {
    await writeFile(join(dir, 'empty.csv'), `id,${features.join(',')}\n`);
    const summary = await batchPredict({ model, signature, input: { kind: 'csv', path: join(dir, 'empty.csv') }, output: { kind: 'csv', path: join(dir, 'empty.out.csv') } });
    expect(summary).toMatchObject({ rows: 0, chunks: 0, complete: true });
    expect(await readFile(join(dir, 'empty.out.csv'), 'utf8')).toBe('row,label,probability_benign,probability_malignant\n');
  });
});
