import { isMlopsError, MlopsError } from '@mlops/core';
import { GbdtError, gbdtErrorCodes, type GbdtErrorCode } from './errors';

describe('GbdtError', () => {
  it("extends the one MlopsError, its code typed as the plugin's own, with no cast", () => {
    const error = new GbdtError(gbdtErrorCodes.params, 'learningRate: expected a number in (0, 1], received 2', { path: 'learningRate', expected: 'a number in (0, 1]', received: '2' });
    const code: GbdtErrorCode = error.code;
    expect(code).toBe('E_GBDT_PARAMS');
    expect(error).toBeInstanceOf(MlopsError);
    expect(isMlopsError(error)).toBe(true);
    expect(error.toJSON()).toEqual({ name: 'GbdtError', code: 'E_GBDT_PARAMS', message: error.message, path: 'learningRate', expected: 'a number in (0, 1]', received: '2' });
    // @ts-expect-error another package's code is not one of this plugin's
    expect(new GbdtError('E_CONFIG', 'x').code).toBe('E_CONFIG');
  });
});
