import { Frame, float64Column, timestampColumn } from '@mlops/frame';
import { InvalidColumnError } from '../errors/errors';
import { timeSplit } from './timeSplit';

// Rows out of order, with two rows tied at t = 30.
const frame = Frame.fromColumns({ t: timestampColumn(Float64Array.of(50, 10, 30, 20, 30, 40)) });

describe('timeSplit', () => {
  it('puts every train row strictly before every test row, in time order', () => {
    const { train, test, cutoff } = timeSplit(frame, 't', { testFraction: 0.34 });
    // ceil(0.34 × 6) = 3 latest rows → the cutoff is 30, and both rows at 30 go to test.
    expect(cutoff).toBe(30);
    expect(Array.from(train)).toEqual([1, 3]);
    expect(Array.from(test)).toEqual([2, 4, 5, 0]);
  });

  it('splits at an explicit cutoff, ties going to test', () => {
    expect(Array.from(timeSplit(frame, 't', { cutoff: 40 }).test)).toEqual([5, 0]);
    expect(Array.from(timeSplit(frame, 't', { cutoff: new Date(30) }).train)).toEqual([1, 3]);
  });

  it('throws on nulls and NaN in the time column', () => {
    const withNull = Frame.fromColumns({ t: float64Column(Float64Array.of(1, NaN, 3)) });
    expect(() => timeSplit(withNull, 't', { testFraction: 0.5 })).toThrow(InvalidColumnError);
    expect(() => timeSplit(withNull, 't', { testFraction: 0.5 })).toThrow(
      't: a time split needs every row\'s time, but 1 value(s) are null or NaN',
    );
  });

  it('refuses a fraction whose cutoff leaves no earlier row', () => {
    const same = Frame.fromColumns({ t: float64Column(Float64Array.of(5, 5, 5)) });
    expect(() => timeSplit(same, 't', { testFraction: 0.3 })).toThrow('no train row is earlier than the test rows');
    expect(() => timeSplit(frame, 't', { testFraction: 1.5 })).toThrow('testFraction: expected a number strictly between 0 and 1');
  });
});
