import { describe, expect, it } from '@jest/globals';
import { checkFeedbackLabel, FeedbackLabelError, isFeedbackSink } from './FeedbackSink';

describe('feedback contract', () => {
  it('isFeedbackSink narrows a service by its recordFeedback method', () => {
    expect(isFeedbackSink({ recordFeedback: async () => ({ received: 0, inserted: 0, updated: 0, unchanged: 0 }) })).toBe(true);
    expect(isFeedbackSink({ start: async () => undefined })).toBe(false);
    expect(isFeedbackSink(undefined)).toBe(false);
    expect(isFeedbackSink({ recordFeedback: 'no' })).toBe(false);
  });

  it('checkFeedbackLabel types an entry, row defaulting to 0, and refuses with problem, path, expected and found', () => {
    expect(checkFeedbackLabel({ requestId: 'r', label: 2.5 }, '')).toEqual({ requestId: 'r', row: 0, label: 2.5 });
    // A batch job's row of a big input (labels name its rows by position), up to what Postgres's integer holds.
    expect(checkFeedbackLabel({ requestId: 'batch:j', label: 'a', row: 5_000_000 }, '')).toEqual({ requestId: 'batch:j', row: 5_000_000, label: 'a' });
    expect(() => checkFeedbackLabel({ requestId: 'batch:j', label: 'a', row: 2 ** 31 }, '')).toThrow('row: expected an integer from 0 to 2147483647, found 2147483648');
    const refusal = (entry: unknown) => {
      try {
        checkFeedbackLabel(entry, 'labels[2]');
      } catch (err) {
        const e = err as FeedbackLabelError;
        return [e.problem, e.message, e.badInput];
      }
      return null;
    };
    expect(refusal({ label: 'x' })).toEqual(['missing', 'labels[2].requestId: expected the request id the server answered with (x-request-id), found nothing', true]);
    expect(refusal({ requestId: 'r', label: Infinity })).toEqual(['invalid_value', 'labels[2].label: expected a finite number, found Infinity', true]);
    expect(refusal({ requestId: 'r', label: true })).toEqual(['wrong_type', 'labels[2].label: expected a class name (string) or a number, found boolean true', true]);
    expect(refusal({ requestId: 'r', label: 'x', rows: 1 })).toEqual(['unknown_field', 'labels[2].rows: expected only requestId, label, row, found an unknown field', true]);
    expect(refusal('r')).toEqual(['wrong_type', 'labels[2]: expected an object { requestId, label, row? }, found string "r"', true]);
    expect(refusal({ requestId: 'r', label: 'x'.repeat(257) })).toEqual(['invalid_value', 'labels[2].label: expected at most 256 characters, found 257', true]);
  });
});
