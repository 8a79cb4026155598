import { join } from 'node:path';
import { UnsupportedTypeError } from '../errors/errors';
import { readParquet } from './readParquet';

const fixtures = join(__dirname, '..', '__fixtures__');

describe('readParquet', () => {
  it('maps Parquet types to dtypes, with nulls and NaN', async () => {
    const frame = await readParquet(join(fixtures, 'sample.parquet'));
    expect(frame.schema()).toEqual([
      { name: 'price', dtype: 'float64', nullable: true },
      { name: 'qty', dtype: 'int32', nullable: false },
      { name: 'big', dtype: 'float64', nullable: true },
      { name: 'ok', dtype: 'bool', nullable: true },
      { name: 'city', dtype: 'category', nullable: true },
      { name: 'at', dtype: 'timestamp', nullable: true },
      { name: 'day', dtype: 'timestamp', nullable: false },
      { name: 'ratio', dtype: 'float64', nullable: false },
    ]);
    expect(frame.toRows()).toEqual([
      { price: 1.5, qty: 1, big: 10, ok: true, city: 'Paris', at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), day: new Date(0), ratio: 0.5 },
      { price: null, qty: 2, big: null, ok: false, city: 'Oslo', at: null, day: new Date(86400000), ratio: 0.25 },
      { price: -2.25, qty: 3, big: 30, ok: null, city: null, at: new Date(0), day: new Date(Date.UTC(2024, 0, 1)), ratio: -1 },
      { price: NaN, qty: -4, big: 9007199254740991, ok: true, city: 'Paris', at: new Date(86400000), day: new Date(-86400000), ratio: 2 },
    ]);
    expect(frame.column('price').nulls![3]).toBe(0); // NaN stays a value
  });

  it('reads a file written by parquet-cpp (snappy, dictionary pages)', async () => {
    const frame = await readParquet(join(fixtures, 'pandas-simple.parquet'));
    expect(frame.toRows()).toEqual([
      { A: 1, B: 'foo' },
      { A: 2, B: 'foo' },
      { A: 3, B: 'foo' },
    ]);
  });

  it('selects columns and names a missing one', async () => {
    const frame = await readParquet(join(fixtures, 'sample.parquet'), { columns: ['city', 'qty'] });
    expect(frame.names).toEqual(['city', 'qty']);
    await expect(readParquet(join(fixtures, 'sample.parquet'), { columns: ['nope'] })).rejects.toThrow(UnsupportedTypeError);
  });
});
