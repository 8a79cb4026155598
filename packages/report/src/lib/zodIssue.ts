import type { z } from 'zod';
import { describeValue } from './describeValue';

/** The first zod issue as data: field path (`features[3].histogram.reference`), expected, received. */
export interface FieldIssue {
  path: string;
  expected: string;
  received: string;
}

function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out ? `.${String(s)}` : String(s);
  return out;
}

function valueAt(root: unknown, segments: readonly PropertyKey[]): unknown {
  let v = root;
  for (const s of segments) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[s] : undefined;
  return v;
}

const typeNames: Record<string, string> = { number: 'a number', int: 'an integer', string: 'a string', boolean: 'a boolean', object: 'an object', array: 'an array' };

function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return typeNames[issue.expected as string] ?? `a value of type ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'array') return `at least ${issue.minimum} items`;
      if (issue.origin === 'string') return `a string of at least ${issue.minimum} characters`;
      return `a number ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `at most ${issue.maximum} items`;
      if (issue.origin === 'string') return `a string of at most ${issue.maximum} characters`;
      return `a number ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'one of the allowed forms (see the type)';
    default:
      return issue.message;
  }
}

/** Turns the issues of a failed parse into field issues, in zod's order (unknown keys one by one). */
export function fieldIssues(error: z.ZodError, input: unknown): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), expected: 'no such field', received: describeValue(valueAt(input, [...issue.path, key])) }));
    }
    // An unknown discriminator (histogram.kind) is reported by zod on the union, not on the field.
    const note = (issue as { note?: string }).note;
    if (issue.code === 'invalid_union' && note === 'No matching discriminator') {
      const key = (issue as { discriminator?: string }).discriminator ?? 'kind';
      const path = issue.path.at(-1) === key ? issue.path : [...issue.path, key];
      return [{ path: formatPath(path), expected: 'one of "numeric", "categorical"', received: describeValue(valueAt(input, path)) }];
    }
    return [{ path: formatPath(issue.path), expected: expectedOf(issue), received: describeValue(valueAt(input, issue.path)) }];
  });
}
