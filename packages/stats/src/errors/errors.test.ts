import { InvalidArgumentError, UnsupportedDTypeError } from './errors';
import { MlopsError } from '@mlops/errors';
import { StatsError } from './StatsError';

describe('stats errors', () => {
  it('carry a stable code, their facts, and serialise for --json', () => {
    const error = new UnsupportedDTypeError('iqrOutliers', 'bool', ['float64', 'int32']);
    expect(error).toBeInstanceOf(StatsError);
    expect(error).toBeInstanceOf(MlopsError);
    expect(error).toMatchObject({ name: 'UnsupportedDTypeError', code: 'E_STATS_UNSUPPORTED_DTYPE', operation: 'iqrOutliers', dtype: 'bool' });
    expect(error.toJSON()).toMatchInlineSnapshot(`
{
  "code": "E_STATS_UNSUPPORTED_DTYPE",
  "expected": "a float64 or int32 column",
  "message": "iqrOutliers needs a float64 or int32 column, received a bool column",
  "name": "UnsupportedDTypeError",
  "received": "a bool column",
}
`);
    expect(new InvalidArgumentError('x').code).toBe('E_STATS_INVALID_ARGUMENT');
  });
});
