import { Frame } from '@mlops/frame';
import { validate } from '../__fixtures__/validate';
import { defineSchema } from '../schema/defineSchema';

describe('range, allowed, unique, nullable', () => {
  const frame = Frame.fromRows([
    { id: 1, age: 30, city: 'Paris', at: new Date('2023-05-01T00:00:00Z') },
    { id: 2, age: -4, city: 'Berlin', at: new Date('2019-01-01T00:00:00Z') },
    { id: 1, age: 130, city: 'Atlantis', at: new Date('2023-06-01T00:00:00Z') },
    { id: 3, age: null, city: null, at: new Date('2023-07-01T00:00:00Z') },
    { id: 2, age: 50, city: 'paris', at: new Date('2023-08-01T00:00:00Z') },
  ]);
  const schema = defineSchema({
    columns: {
      id: { dtype: 'int32', unique: true },
      age: { dtype: 'int32', nullable: true, range: { min: 0, max: 120 } },
      city: { dtype: 'category', nullable: true, allowed: ['Paris', 'Berlin'] },
      at: { dtype: 'timestamp', range: { min: '2020-01-01' } },
    },
  });

  it('reports every violation with examples, nulls excluded', () => {
    const { find, outcome } = validate(frame, schema);
    expect(find('range', 'age')).toMatchObject({
      status: 'fail',
      badCount: 2,
      examples: [{ row: 1, value: -4 }, { row: 2, value: 130 }],
      message: '2 values of "age" outside [0, 120]',
      details: { min: 0, max: 120 },
    });
    expect(find('range', 'at')).toMatchObject({ badCount: 1, examples: [{ row: 1, value: '2019-01-01T00:00:00.000Z' }], message: '1 value of "at" outside [2020-01-01, inf]' });
    expect(find('allowed', 'city')).toMatchObject({ badCount: 2, examples: [{ row: 2, value: 'Atlantis' }, { row: 4, value: 'paris' }], message: '2 values of "city" not in the allowed set ("Paris", "Berlin")' });
    expect(find('unique', 'id')).toMatchObject({ badCount: 2, examples: [{ row: 2, value: 1, note: 'repeats row 0' }, { row: 4, value: 2, note: 'repeats row 1' }] });
    expect(outcome.passed).toBe(false);
  });

  it('honours severities: per check inline, per column map, per schema map', () => {
    const { find, outcome } = validate(frame, {
      ...schema,
      columns: {
        ...schema.columns,
        id: { dtype: 'int32', unique: { severity: 'warn' } },
        age: { ...schema.columns.age, range: { min: 0, max: 120, severity: 'warn' } },
        city: { ...schema.columns.city, severity: { allowed: 'warn' } },
      },
      severity: { range: 'warn' },
    });
    expect([find('unique', 'id'), find('range', 'age'), find('allowed', 'city'), find('range', 'at')].map((e) => e.status)).toEqual(['warn', 'warn', 'warn', 'warn']);
    expect(outcome.passed).toBe(true);
  });

  it('uses the plugin default severity for checks without one', () => {
    const { find } = validate(frame, schema, { defaultSeverity: 'warn' });
    expect(find('range', 'age')).toMatchObject({ severity: 'warn', status: 'warn' });
  });

  it('judges nullable on the data after fills', () => {
    const { find } = validate(Frame.fromRows([{ a: 1 }, { a: null }]), { columns: { a: { dtype: 'int32', missing: { strategy: 'constant', value: 0 } } } });
    expect(find('nullable', 'a')).toMatchObject({ status: 'pass', badCount: 0 });
  });
});
