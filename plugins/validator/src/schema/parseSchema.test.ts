import { SchemaError } from '../errors';
import { defineSchema } from './defineSchema';
import { parseSchema } from './parseSchema';

describe('parseSchema', () => {
  it('fills in defaults', () => {
    const s = parseSchema({ columns: { x: { dtype: 'float64' } } });
    expect(s).toMatchObject({ name: 'dataset', columns: { x: { dtype: 'float64', nullable: false } }, duplicates: { policy: 'fail' }, pii: { action: 'mask', columns: [], exclude: [], detect: ['email', 'phone', 'card', 'ip'] } });
  });

  it('lists every problem at once with its path, what was expected and what was found', () => {
    let error: unknown;
    try {
      parseSchema({
        name: 'orders',
        columns: {
          amount: { dtype: 'float64', range: { min: 'ten' }, missing: { strategy: 'constant', value: 'x' }, outliers: { method: 'iqr', threshold: 3 } },
          city: { dtype: 'category', missing: { strategy: 'mean' }, outlier: true },
          flag: { dtype: 'text' },
        },
        expectedFrequencyMs: 1000,
        severity: { range: 'fatal' },
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SchemaError);
    expect((error as SchemaError).code).toBe('E_VALIDATOR_SCHEMA');
    expect((error as Error).message).toMatchInlineSnapshot(`
"schema "orders": columns.city.outlier: expected no field "outlier" (did you mean "outliers"?), received true
schema "orders": columns.flag.dtype: expected one of "float64", "int32", "bool", "category", "timestamp", received "text"
schema "orders": severity.range: expected one of "error", "warn", received "fatal""
`);
  });

  it('checks that the parts of a column fit its dtype', () => {
    expect(() =>
      parseSchema({
        name: 'orders',
        columns: {
          amount: { dtype: 'float64', range: { min: 10, max: 1 }, missing: { strategy: 'constant', value: 'x' }, outliers: { method: 'iqr', threshold: 3 } },
          city: { dtype: 'category', missing: { strategy: 'mean' }, range: { min: 0 } },
          n: { dtype: 'int32', missing: { strategy: 'constant', value: 1.5 }, allowed: ['a'] },
        },
        expectedFrequencyMs: 1000,
      }),
    ).toThrowErrorMatchingInlineSnapshot(`
"schema "orders": columns.amount.range.max: expected a max >= min (10), received 1
schema "orders": columns.amount.outliers.threshold: expected no threshold with method iqr (use k), received 3
schema "orders": columns.amount.missing.value: expected a constant of dtype float64, received "x"
schema "orders": columns.city.range: expected no range on category columns (only float64, int32, timestamp), received an object with keys min
schema "orders": columns.city.missing.strategy: expected mode, ffill, constant or fail for category columns (mean needs numbers), received "mean"
schema "orders": columns.n.allowed: expected no allowed list on int32 columns (only category), received an array of 1
schema "orders": columns.n.missing.value: expected a constant of dtype int32, received 1.5
schema "orders": expectedFrequencyMs: expected a \`timestamp\` column to be set as well, received 1000"
`);
  });

  it('refuses a dataset name that would leave its folder as a path', () => {
    expect(() => parseSchema({ name: '../../x', columns: { a: { dtype: 'int32' } } })).toThrow('schema "../../x": name: expected a dataset name that can become part of a path (it must not have a ".." segment), received "../../x"');
    expect(parseSchema({ name: 'breast cancer/v2', columns: { a: { dtype: 'int32' } } }).name).toBe('breast cancer/v2');
  });

  it('accepts ISO bounds for timestamp columns', () => {
    expect(parseSchema({ columns: { ts: { dtype: 'timestamp', range: { min: '2020-01-01', max: '2030-01-01T00:00:00Z' } } }, timestamp: 'ts' }).columns.ts.range).toEqual({ min: '2020-01-01', max: '2030-01-01T00:00:00Z' });
  });
});

describe('defineSchema', () => {
  it('only adds types; column references must name declared columns', () => {
    const schema = defineSchema({ columns: { id: { dtype: 'int32' }, ts: { dtype: 'timestamp' } }, key: 'id', timestamp: 'ts', pii: { columns: ['id'] } });
    expect(parseSchema(schema).key).toBe('id');
    // @ts-expect-error "tss" is not a declared column
    defineSchema({ columns: { ts: { dtype: 'timestamp' } }, timestamp: 'tss' });
    // @ts-expect-error "decimal" is not a dtype
    defineSchema({ columns: { x: { dtype: 'decimal' } } });
  });
});
