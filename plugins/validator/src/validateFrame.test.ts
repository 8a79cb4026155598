import { Frame, digestFrame } from '@mlops/frame';
import { validate } from './__fixtures__/validate';
import { PiiKeyError } from './errors';
import { tokenizePii } from './pii/tokenizePii';
import { defineSchema } from './schema/defineSchema';
import { validateFrame } from './validateFrame';

const customers = Frame.fromRows([
  { id: 1, email: 'jane@example.com', age: 34, note: 'call +1 (555) 123-4567', plan: 'pro' },
  { id: 2, email: 'bob@test.org', age: -1, note: 'ok', plan: 'free' },
  { id: 2, email: 'jane@example.com', age: 200, note: 'card 4111 1111 1111 1111', plan: 'gold' },
  { id: 4, email: 'not an email', age: null, note: 'ip 10.1.2.3', plan: 'free' },
]);

const schema = defineSchema({
  name: 'customers',
  columns: {
    id: { dtype: 'int32', unique: true },
    email: { dtype: 'category', allowed: ['nobody@example.com'] },
    age: { dtype: 'int32', range: { min: 0, max: 120 } },
    note: { dtype: 'category' },
    plan: { dtype: 'category', allowed: ['free', 'pro'], severity: { allowed: 'warn' } },
  },
  pii: { columns: ['email'] },
});

describe('validateFrame', () => {
  it('lists every failing check at once, failing first, then warnings, then passes', () => {
    const { report } = validate(customers, schema);
    const statuses = report.checks.map((e) => e.status);
    expect(statuses).toEqual([...statuses].sort((a, b) => ['fail', 'warn', 'pass'].indexOf(a) - ['fail', 'warn', 'pass'].indexOf(b)));
    expect(report.checks.filter((e) => e.status === 'fail').map((e) => `${e.check}:${e.column}`)).toEqual(['unique:id', 'allowed:email', 'range:age', 'nullable:age']);
    expect(report.checks.filter((e) => e.status === 'warn').map((e) => `${e.check}:${e.column}`)).toEqual(['allowed:plan', 'pii:note']);
    expect(report.summary).toEqual({ fail: 4, warn: 2, pass: report.checks.length - 6 });
    expect(report.passed).toBe(false);
  });

  it('masks PII in every example and in the output frame', () => {
    const { find, out, report } = validate(customers, schema);
    expect(find('allowed', 'email').examples).toEqual([
      { row: 0, value: '***@example.com' },
      { row: 1, value: '***@test.org' },
      { row: 2, value: '***@example.com' },
      { row: 3, value: '***' },
    ]);
    expect(find('pii', 'email')).toMatchObject({ status: 'pass', badCount: 4, message: 'column "email" is a declared PII column: 4 values masked' });
    expect(find('pii', 'note')).toMatchObject({
      severity: 'warn',
      status: 'warn',
      badCount: 3,
      details: { configured: false, action: 'mask', kinds: { phone: 1, card: 1, ip: 1 } },
      examples: [{ row: 0, value: 'call ***-***-****' }, { row: 2, value: 'card ****-****-****-1111' }, { row: 3, value: 'ip ***.***.***.***' }],
    });
    expect(out.toRows().map((r) => [r.email, r.note])).toEqual([
      ['***@example.com', 'call ***-***-****'],
      ['***@test.org', 'ok'],
      ['***@example.com', 'card ****-****-****-1111'],
      ['***', 'ip ***.***.***.***'],
    ]);
    expect(report.pii).toEqual({ action: 'mask', columns: ['email', 'note'] });
    const text = JSON.stringify(report);
    for (const secret of ['jane@', 'bob@', '4111 1111', '555) 123', '10.1.2.3']) expect(text).not.toContain(secret);
  });

  it('tokenizes with the key, deterministically, and refuses to run without one', () => {
    const tokenSchema = { columns: { email: { dtype: 'category' } }, pii: { columns: ['email'], action: 'tokenize' } } as const;
    const frame = customers.select(['email']);
    expect(() => validateFrame(frame, { ...tokenSchema, pii: { columns: ['email'], action: 'tokenize' } }, { tokenKeyEnv: 'MY_KEY' })).toThrow(PiiKeyError);
    expect(() => validateFrame(frame, { ...tokenSchema, pii: { columns: ['email'], action: 'tokenize' } }, { tokenKeyEnv: 'MY_KEY' })).toThrow(
      'PII tokenization needs an HMAC key, but environment variable MY_KEY is not set (or is empty); set it to a secret value, or use pii.action "mask"',
    );
    const a = validateFrame(frame, { ...tokenSchema, pii: { columns: ['email'], action: 'tokenize' } }, { piiKey: 'k1' }).frame.toRows();
    const b = validateFrame(frame, { ...tokenSchema, pii: { columns: ['email'], action: 'tokenize' } }, { piiKey: 'k2' }).frame.toRows();
    expect(a[0].email).toBe(tokenizePii('k1', 'jane@example.com'));
    expect(a[2].email).toBe(a[0].email);
    expect(b[0].email).not.toBe(a[0].email);
  });

  it('keeps the warn-only outcome passing', () => {
    const { report } = validate(Frame.fromRows([{ plan: 'free' }, { plan: 'gold' }]), { columns: { plan: { dtype: 'category', allowed: ['free'], severity: { allowed: 'warn' } } } });
    expect(report.passed).toBe(true);
    expect(report.summary.warn).toBe(1);
  });

  it('returns the distribution baseline of the output frame with its digest, and plain JSON everywhere', () => {
    const { outcome } = validate(customers.select(['id', 'plan']), { columns: { id: { dtype: 'int32' }, plan: { dtype: 'category' } }, duplicates: { keys: ['id'], policy: 'keep_first' } });
    expect(outcome.frame.rowCount).toBe(3);
    expect(outcome.baseline).toMatchObject({
      dataset: 'dataset',
      datasetDigest: digestFrame(outcome.frame),
      rowCount: 3,
      columns: { id: { kind: 'numeric', count: 3, mean: 7 / 3 }, plan: { kind: 'categorical', frequencies: [{ value: 'free', count: 2 }, { value: 'pro', count: 1 }] } },
    });
    for (const value of [outcome.report, outcome.baseline, outcome.fittedFills]) expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  });

  it('uses the dataset name given by the caller', () => {
    expect(validateFrame(customers.select(['id']), { columns: { id: { dtype: 'int32' } } }, { dataset: 'crm' }).validation.dataset).toBe('crm');
  });
});

describe('validateFrame edge cases', () => {
  it('handles a frame with columns but no rows', () => {
    const empty = Frame.fromRows([], { id: 'int32', ts: 'timestamp', c: 'category' });
    const { report, outcome } = validate(empty, { columns: { id: { dtype: 'int32', unique: true, missing: { strategy: 'mean' } }, ts: { dtype: 'timestamp' }, c: { dtype: 'category', missing: { strategy: 'ffill' } } }, timestamp: 'ts', entity: 'c', key: 'id', expectedFrequencyMs: 1 });
    expect(report.passed).toBe(true);
    expect(report.fills.c).toEqual({ strategy: 'ffill', dtype: 'category', value: null });
    expect(report.fills.id).toBeUndefined(); // nothing to fit a mean on, and nothing to fill
    expect(outcome.frame.rowCount).toBe(0);
  });

  it('reports schema columns missing from a frame without columns', () => {
    const { find, report } = validate(Frame.fromRows([]), { columns: { a: { dtype: 'int32' } } });
    expect(find('missingColumn', 'a')).toMatchObject({ status: 'fail', badCount: 1 });
    expect(report.passed).toBe(false);
  });

  it('accepts a numeric epoch-ms timestamp column', () => {
    const frame = Frame.fromRows([{ ts: 2000 }, { ts: 1000 }]);
    const { find } = validate(frame, { columns: { ts: { dtype: 'float64' } }, timestamp: 'ts' }, { now: 1500 });
    expect(find('temporalOrder')).toMatchObject({ badCount: 1, examples: [{ row: 1, value: 1000 }] });
    expect(find('futureTimestamp')).toMatchObject({ badCount: 1, examples: [{ row: 0, value: 2000 }] });
  });
});
