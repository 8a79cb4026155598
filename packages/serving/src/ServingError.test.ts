import { getMlopsError, isMlopsError } from '@mlops/core';
import { ServingError } from './ServingError';

describe('ServingError', () => {
  it('is an MlopsError whose field is the path and whose 4xx is bad input', () => {
    const error = new ServingError('wrong_type', 'rows[2].age: expected a number, received "old"', 'rows[2].age');
    expect(isMlopsError(error)).toBe(true);
    expect(getMlopsError(error)).toBe(error);
    expect([error.code, error.status, error.field, error.path, error.badInput]).toEqual(['wrong_type', 422, 'rows[2].age', 'rows[2].age', true]);
    expect(error.toBody('r1')).toEqual({ error: { code: 'wrong_type', message: 'rows[2].age: expected a number, received "old"', field: 'rows[2].age', requestId: 'r1' } });
    const internal = new ServingError('internal', 'the model failed', null, { cause: new Error('ort') });
    expect([internal.badInput, internal.path, (internal.cause as Error).message]).toEqual([false, undefined, 'ort']);
  });
});
