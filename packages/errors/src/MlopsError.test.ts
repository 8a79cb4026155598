import { getMlopsError, isMlopsError, MlopsError } from './index';

const codes = { params: 'E_DEMO_PARAMS' } as const;
class DemoError extends MlopsError<(typeof codes)[keyof typeof codes]> {}

describe('MlopsError', () => {
  it('keeps its facts as fields and in toJSON, and names the subclass', () => {
    const cause = new Error('disk full');
    const e = new DemoError(codes.params, 'trainer.epochs: expected a positive integer, received "ten"', { path: 'trainer.epochs', expected: 'a positive integer', received: '"ten"', badInput: true, cause });
    expect([e.name, e.code, e.path, e.expected, e.received, e.badInput, e.cause]).toEqual(['DemoError', 'E_DEMO_PARAMS', 'trainer.epochs', 'a positive integer', '"ten"', true, cause]);
    expect(e.toJSON()).toEqual({ name: 'DemoError', code: 'E_DEMO_PARAMS', message: e.message, path: 'trainer.epochs', expected: 'a positive integer', received: '"ten"', badInput: true });
    expect(new MlopsError('E_X', 'plain').toJSON()).toEqual({ name: 'MlopsError', code: 'E_X', message: 'plain' });
  });

  it("types a subclass's code as its own codes, with no cast", () => {
    const code: 'E_DEMO_PARAMS' = new DemoError(codes.params, 'm').code;
    expect(code).toBe('E_DEMO_PARAMS');
    // @ts-expect-error a code outside the subclass's own map does not compile
    expect(new DemoError('E_OTHER', 'm').code).toBe('E_OTHER');
  });

  it('is recognised across two copies of the package, where instanceof is not', () => {
    let Other: typeof MlopsError | undefined;
    jest.isolateModules(() => {
      Other = (require('./MlopsError') as typeof import('./MlopsError')).MlopsError;
    });
    const foreign = new Other!('E_X', 'from another copy');
    expect(foreign instanceof MlopsError).toBe(false);
    expect(isMlopsError(foreign)).toBe(true);
    expect(isMlopsError(Object.assign(new Error('look-alike'), { code: 'E_X' }))).toBe(false);
    expect(isMlopsError({ code: 'E_X', message: 'not an Error' })).toBe(false);
  });
});

describe('getMlopsError', () => {
  it('returns an MlopsError as it is', () => {
    const e = new DemoError(codes.params, 'm');
    expect(getMlopsError(e)).toBe(e);
  });

  it("keeps an old-style error's E_ code, message and badInput, and its stack", () => {
    const old = Object.assign(new Error('bad filter'), { code: 'E_TRACKER_QUERY', badInput: true });
    const e = getMlopsError(old);
    expect([e.code, e.message, e.badInput, e.cause, e.stack]).toEqual(['E_TRACKER_QUERY', 'bad filter', true, old, old.stack]);
  });

  it('makes anything else E_INTERNAL, cause kept', () => {
    const te = new TypeError('x is undefined');
    expect([getMlopsError(te).code, getMlopsError(te).message, getMlopsError(te).badInput, getMlopsError(te).cause]).toEqual(['E_INTERNAL', 'x is undefined', false, te]);
    expect([getMlopsError('boom').code, getMlopsError('boom').message]).toEqual(['E_INTERNAL', 'boom']);
    expect(getMlopsError(Object.assign(new Error('errno'), { code: 'ENOENT' })).code).toBe('E_INTERNAL');
  });
});
