import * as path from 'node:path';
import { PathEscapeError, resolveInside } from './resolveInside';

describe('resolveInside', () => {
  const root = path.resolve('/srv/project/build');

  it('joins parts that stay inside the root', () => {
    expect(resolveInside(root, 'fraud-v1')).toBe(path.join(root, 'fraud-v1'));
    expect(resolveInside(root, 'team', 'fraud-v1', 'model.onnx')).toBe(path.join(root, 'team', 'fraud-v1', 'model.onnx'));
    expect(resolveInside(root, 'a/../b')).toBe(path.join(root, 'b'));
    expect(resolveInside(`${root}/`, '..b')).toBe(path.join(root, '..b'));
  });

  it.each([['a/../../../tmp/x'], ['..'], ['/etc/passwd'], ['.'], ['a/..'], ['../build-other']])('refuses %j, which leaves the root or is the root', (part) => {
    expect(() => resolveInside(root, part)).toThrow(PathEscapeError);
  });

  it('says where the path went', () => {
    expect(() => resolveInside(root, 'a/../../../tmp/x-v1')).toThrow(`path "a/../../../tmp/x-v1" resolves to ${path.resolve('/srv/tmp/x-v1')}, outside ${root}`);
  });
});
