import { isMlopsError } from '@mlops/errors';
import { TransformApplyError } from './errors';

describe('transform errors', () => {
  it('are MlopsErrors that name their transform in the message and in toJSON', () => {
    const error = new TransformApplyError('one-hot-encoder', 'column "color": unknown category "mauve"');
    expect(isMlopsError(error)).toBe(true);
    expect(error.toJSON()).toMatchInlineSnapshot(`
{
  "code": "E_TRANSFORM_APPLY",
  "message": "one-hot-encoder: column "color": unknown category "mauve"",
  "name": "TransformApplyError",
  "transform": "one-hot-encoder",
}
`);
  });
});
