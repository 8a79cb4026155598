import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

// hyparquet ships only ES modules, which jest's CommonJS runtime cannot import without a transform
// this package's jest config does not have; so the reader runs in plain node on the built package.
const builtSource = resolve(__dirname, '../../../dist/batch/sources/ParquetSource.js');
const fixtures = resolve(__dirname, '../../../../frame/src/__fixtures__');

const childScript = String.raw`
const { ParquetSource } = require(process.env.ENTRY);
(async () => {
  const source = await ParquetSource.open(process.env.FILE, process.env.ID || undefined);
  const read = async (from, rows) => {
    const out = { keys: [], values: {} };
    for (const c of source.columns) out.values[c] = [];
    for await (const chunk of source.chunks(from, rows)) {
      out.keys.push(...chunk.keys);
      for (const c of source.columns) out.values[c].push(...chunk.column(c).map((v) => (typeof v === 'bigint' ? Number(v) : v)));
    }
    return out;
  };
  const result = { columns: source.columns, totalRows: source.totalRows, byOne: await read(undefined, 1), byHundred: await read(undefined, 100), fromRow2: await read({ row: 2 }, 1) };
  await source.close();
  process.stdout.write(JSON.stringify(result));
})().catch((e) => { process.stdout.write(JSON.stringify({ error: e.message })); });
`;

function readInChild(file: string, id?: string) {
  return JSON.parse(execFileSync(process.execPath, ['-e', childScript], { env: { ...process.env, ENTRY: builtSource, FILE: join(fixtures, file), ID: id ?? '' }, encoding: 'utf8' }));
}

beforeAll(() => {
  if (!existsSync(builtSource)) throw new Error(`${builtSource} is missing; run \`npx tsc -b packages/serving\` first`);
});

describe('ParquetSource', () => {
  it('reads row ranges that add up to the whole file (pyarrow-written, snappy), resumable at a row, keyed by an id column', () => {
    const r = readInChild('pandas-simple.parquet', 'A');
    expect(r.columns).toEqual(['A', 'B']);
    expect(r.totalRows).toBe(3);
    // The fixture's rows (see frame's __fixtures__/README.md): A = 1, 2, 3 as INT64; B = "foo".
    expect(r.byHundred).toEqual({ keys: [1, 2, 3], values: { A: [1, 2, 3], B: ['foo', 'foo', 'foo'] } });
    expect(r.byOne).toEqual(r.byHundred);
    expect(r.fromRow2).toEqual({ keys: [3], values: { A: [3], B: ['foo'] } });
  });

  it('keys rows by number without an id column and names a missing id column', () => {
    const r = readInChild('sample.parquet');
    expect(r.byOne.keys).toEqual([0, 1, 2, 3]);
    expect(r.fromRow2.keys).toEqual([2, 3]);
    expect(r.byOne.values.qty).toEqual([1, 2, 3, -4]);
    expect(readInChild('sample.parquet', 'nope').error).toMatch(/sample\.parquet: expected an id column "nope", found columns price, qty, big, ok, city, at, day, ratio$/);
  });
});
