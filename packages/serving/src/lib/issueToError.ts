import { suggest } from '@mlops/core';
import type { z } from 'zod';
import { ServingError } from '../ServingError';
import { describeValue, fieldPath, valueAt } from './fieldPath';

const expectedText: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
};

/** The first zod issue of a body as a `ServingError` naming the field, what was expected and what was found. */
export function issueToError(issue: z.core.$ZodIssue, body: unknown, knownFields: readonly string[]): ServingError {
  const field = fieldPath(issue.path);
  const found = valueAt(body, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0]!;
      const where = fieldPath([...issue.path, key]);
      const hint = suggest(key, knownFields);
      const didYouMean = hint ? `; did you mean "${hint}"?` : `; expected only ${knownFields.join(', ')}`;
      return new ServingError('unknown_field', `${where}: the model has no input "${key}"${didYouMean}`, where);
    }
    case 'invalid_type': {
      const expected = expectedText[issue.expected] ?? issue.expected;
      if (found === undefined) return new ServingError('missing_feature', `${field}: missing; expected ${expected}`, field);
      if (found === null) return new ServingError('null_value', `${field}: null is not allowed (the input is not nullable); expected ${expected}`, field);
      return new ServingError('wrong_type', `${field}: expected ${expected}, found ${describeValue(found)}`, field);
    }
    case 'too_big':
      return new ServingError('batch_too_large', `${field}: at most ${issue.maximum} items per request, found ${Array.isArray(found) ? found.length : '?'}`, field);
    case 'too_small':
      return new ServingError('invalid_body', `${field}: expected at least one item, found none`, field);
    default:
      if (found === undefined) return new ServingError('missing_feature', `${field}: missing`, field);
      return new ServingError('wrong_type', `${field}: ${issue.message}, found ${describeValue(found)}`, field);
  }
}
