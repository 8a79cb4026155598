import { categoricalDistribution, containsInternal, floatDistribution, intDistribution } from './distributions';
import { SearchSpaceError } from './errors';

describe('search-space arguments', () => {
  it('lowers high onto the step grid, as Optuna does', () => {
    expect(floatDistribution('lr', 0, 1.02, { step: 0.05 }).high).toBe(1);
    expect(intDistribution('n', 1, 10, { step: 4 }).high).toBe(9);
  });

  it('names the call, the field, what was expected and what was received', () => {
    expect(() => floatDistribution('lr', 1, 0)).toThrow('suggestFloat("lr").high: expected a number ≥ low (1), received 0');
    expect(() => floatDistribution('lr', 0, 1, { log: true })).toThrow('suggestFloat("lr").low: expected a number > 0 with log: true, received 0');
    expect(() => floatDistribution('lr', 1e-3, 1, { log: true, step: 0.1 })).toThrow('suggestFloat("lr").step: expected no step together with log: true, received 0.1');
    expect(() => intDistribution('n', 0.5, 3)).toThrow('suggestInt("n").low: expected an integer, received 0.5');
    expect(() => intDistribution('n', 1, 3, { step: 0 })).toThrow('suggestInt("n").step: expected a positive integer, received 0');
    expect(() => categoricalDistribution('c', [])).toThrow('suggestCategorical("c").choices: expected a non-empty array, received []');
    expect(() => categoricalDistribution('c', ['a', 'a'])).toThrow('suggestCategorical("c").choices[1]: expected distinct choices, received "a"');
    const error = (() => {
      try {
        floatDistribution('lr', NaN, 1);
      } catch (e) {
        return e as SearchSpaceError;
      }
    })();
    expect(error).toBeInstanceOf(SearchSpaceError);
    expect(error?.toJSON()).toEqual({ name: 'SearchSpaceError', code: 'E_TUNER_SPACE', message: 'suggestFloat("lr").low: expected a finite number, received null', path: 'suggestFloat("lr").low', expected: 'a finite number', received: 'null', badInput: true });
  });

  it('knows which values lie on a distribution', () => {
    const d = floatDistribution('x', 0, 1, { step: 0.1 });
    expect(containsInternal(d, 0.30000000000000004)).toBe(true);
    expect(containsInternal(d, 0.35)).toBe(false);
    expect(containsInternal(intDistribution('n', 2, 10, { step: 2 }), 5)).toBe(false);
    expect(containsInternal(categoricalDistribution('c', ['a', 'b']), 2)).toBe(false);
  });
});
