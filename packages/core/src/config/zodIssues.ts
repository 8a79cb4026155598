import type { z } from 'zod';
import type { ConfigIssue } from '../errors/errors';
import { describeValue } from '../util/describeValue';
import { suggest } from '../util/suggest';

/** Dotted path with `[i]` for array indices: `plugins.trainer.options.layers[0]`. */
export function formatPath(segments: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out ? `.${String(s)}` : String(s);
  }
  return out;
}

function valueAt(root: unknown, segments: readonly PropertyKey[]): unknown {
  let v = root;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[s];
  }
  return v;
}

const typeNames: Record<string, string> = { number: 'a number', string: 'a string', boolean: 'a boolean', object: 'an object', array: 'an array', int: 'an integer', function: 'a function' };

function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return typeNames[issue.expected] ?? issue.expected;
    case 'too_small': {
      const op = issue.inclusive ? '>=' : '>';
      if (issue.origin === 'string') return `a string of at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `at least ${issue.minimum} items`;
      if (issue.minimum === 0 && !issue.inclusive) return 'a positive number';
      return `a number ${op} ${issue.minimum}`;
    }
    case 'too_big': {
      const op = issue.inclusive ? '<=' : '<';
      if (issue.origin === 'string') return `a string of at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `at most ${issue.maximum} items`;
      return `a number ${op} ${issue.maximum}`;
    }
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return `a string in ${issue.format} format`;
    case 'not_multiple_of':
      return `a multiple of ${issue.divisor}`;
    case 'invalid_union':
      return 'one of the allowed forms';
    default:
      return issue.message;
  }
}

/**
 * Turns zod issues into config issues: field path, expected and found, never zod's internal wording.
 * `input` is the value that was validated, used to show what was found at each path.
 */
export function configIssuesFromZod(error: z.ZodError, input: unknown, prefix = '', schema?: z.ZodType): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const parent = valueAt(input, issue.path);
      const known = schema ? objectKeysAt(schema, issue.path) : [];
      for (const key of issue.keys) {
        const hint = suggest(key, known);
        issues.push({ path: formatPath([...issue.path, key], prefix), expected: hint ? `no field "${key}" (did you mean "${hint}"?)` : `no field "${key}"`, received: describeValue((parent as Record<string, unknown>)[key]) });
      }
      continue;
    }
    if (issue.code === 'custom') {
      issues.push({ path: formatPath(issue.path, prefix), expected: issue.message, received: describeValue(valueAt(input, issue.path)) });
      continue;
    }
    const positive = issue.code === 'too_small' && issue.origin === 'number' && Number(issue.minimum) === 0 && !issue.inclusive;
    const intWanted = issue.code === 'invalid_type' && (issue.expected as string) === 'int';
    let expected = expectedOf(issue);
    if (positive && (issue as { format?: string }).format === 'safeint') expected = 'a positive integer';
    if (intWanted) expected = 'an integer';
    issues.push({ path: formatPath(issue.path, prefix), expected, received: describeValue(valueAt(input, issue.path)) });
  }
  return issues;
}

/** The field names a zod object schema accepts at `path` (unwrapping optional/default/record/array). */
export function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let def = (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
  const unwrap = () => {
    while (def.innerType) def = def.innerType._zod.def;
  };
  unwrap();
  for (const seg of path) {
    if (def.type === 'object' && def.shape && typeof seg === 'string' && def.shape[seg]) def = def.shape[seg]._zod.def;
    else if (def.type === 'record' && def.valueType) def = def.valueType._zod.def;
    else if (def.type === 'array' && def.element) def = def.element._zod.def;
    else return [];
    unwrap();
  }
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

interface ZodDef {
  type: string;
  innerType?: { _zod: { def: ZodDef } };
  shape?: Record<string, { _zod: { def: ZodDef } }>;
  valueType?: { _zod: { def: ZodDef } };
  element?: { _zod: { def: ZodDef } };
}
