import { isMlopsError, MlopsError } from '@mlops/errors';
import { BadRowsError, ColumnNotFoundError } from './errors';

describe('frame errors extend the one MlopsError', () => {
  it('a bad row keeps the file as path and exits as bad input through the same base', () => {
    const error = new BadRowsError('data/train.csv', [{ path: 'data/train.csv', line: 3, reason: 'expected 2 fields, found 3' }], 1);
    expect(error).toBeInstanceOf(MlopsError);
    expect([error.name, error.code, error.path, error.total]).toEqual(['BadRowsError', 'E_FRAME_BAD_ROWS', 'data/train.csv', 1]);
    expect(error.toJSON()).toEqual({ name: 'BadRowsError', code: 'E_FRAME_BAD_ROWS', message: error.message, path: 'data/train.csv' });
  });

  it('a missing column names it as path', () => {
    const error = new ColumnNotFoundError('age', ['id', 'income']);
    expect(isMlopsError(error)).toBe(true);
    expect([error.code, error.path, error.message]).toEqual(['E_FRAME_COLUMN_NOT_FOUND', 'age', 'column "age" not found; the frame has columns: "id", "income"']);
  });
});
