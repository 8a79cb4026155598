import { isMlopsError } from '../errors/MlopsError';
import { assertSafeName, UnsafeNameError, unsafeNameReason } from './safeName';

describe('assertSafeName', () => {
  it('accepts plain and slash-separated names', () => {
    for (const ok of ['fraud', 'team/fraud-v2.x', 'patient_stats', '.hidden', 'a..b', 'x'.repeat(200)]) expect(assertSafeName('model', ok)).toBe(ok);
  });

  it.each([
    ['a/../../../tmp/x', 'model name must not have a ".." segment, received "a/../../../tmp/x"'],
    ['..', 'model name must not have a ".." segment, received ".."'],
    ['./x', 'model name must not have a "." segment, received "./x"'],
    ['/etc/passwd', 'model name must not be an absolute path, received "/etc/passwd"'],
    ['a//b', 'model name must not have an empty segment (a leading, trailing or doubled "/"), received "a//b"'],
    ['a/', 'model name must not have an empty segment (a leading, trailing or doubled "/"), received "a/"'],
    ['a\\..\\b', 'model name must not contain a backslash, received "a\\\\..\\\\b"'],
    ['C:x', 'model name must not start with a drive prefix, received "C:x"'],
    ['a\u0000b', 'model name must not contain control characters, received "a\\u0000b"'],
    ['a\nb', 'model name must not contain control characters, received "a\\nb"'],
    ['', 'model name must not be empty, received ""'],
    ['x'.repeat(201), `model name must be at most 200 characters, received "${'x'.repeat(201)}"`],
  ])('refuses %j, naming the kind, the rule and the name', (bad, message) => {
    expect(() => assertSafeName('model', bad)).toThrow(message);
  });

  it('throws a badInput MlopsError with the facts as fields', () => {
    let error: unknown;
    try {
      assertSafeName('feature view', '../x');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsafeNameError);
    expect(isMlopsError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'feature view', received: '"../x"', rule: 'must not have a ".." segment', badInput: true, code: 'E_USAGE' });
  });

  it('refuses non-strings', () => {
    expect(unsafeNameReason(42)).toBe('expected a string');
    expect(() => assertSafeName('dataset', undefined as unknown as string)).toThrow('dataset name expected a string, received undefined');
  });
});
