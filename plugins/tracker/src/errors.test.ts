import { getMlopsError, isMlopsError } from '@mlops/core';
import { QuerySyntaxError, trackerErrorCodes, type TrackerErrorCode } from './errors';

describe('tracker errors', () => {
  it('a query error is an MlopsError of its own code, its facts as data', () => {
    const error = new QuerySyntaxError('params.lr >', 'filter', 12, 'a value', 'the end of the text');
    const code: TrackerErrorCode = error.code;
    expect(code).toBe(trackerErrorCodes.query);
    expect(isMlopsError(error)).toBe(true);
    expect(getMlopsError(error)).toBe(error);
    expect([error.path, error.expected, error.received, error.found, error.column, error.badInput]).toEqual(['filter:12', 'a value', 'the end of the text', 'the end of the text', 12, true]);
    expect(error.message).toMatchInlineSnapshot(`"invalid filter "params.lr >" at column 12: expected a value, found the end of the text"`);
  });
});
