import type { z } from 'zod';
import { configIssuesFromZod, formatPath } from '../../config/zodIssues';
import { ConfigError, type ConfigIssue } from '../../errors/errors';
import { describeValue } from '../../util/describeValue';
import { suggest } from '../../util/suggest';

interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  valueType?: Schema;
  element?: Schema;
}
type Schema = { _zod: { def: Def } };

/** Looks through optional/default/nullable/readonly/catch wrappers and the input side of a pipe. */
function unwrap(schema: Schema): Def {
  let def = schema._zod.def;
  for (;;) {
    if (def.innerType) def = def.innerType._zod.def;
    else if (def.type === 'pipe' && def.in) def = def.in._zod.def;
    else return def;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Keys of `value` that the object schemas in `schema` do not declare, at any depth. zod drops such
 * keys silently, so `-p tesFraction=0.3` would run with the default; an object that opts into extra
 * keys (`.loose()`, `.catchall(...)`) keeps them.
 */
export function unknownKeyIssues(schema: Schema, value: unknown, path: PropertyKey[] = []): ConfigIssue[] {
  const def = unwrap(schema);
  const issues: ConfigIssue[] = [];
  if (def.type === 'object' && def.shape && isPlainObject(value)) {
    const known = Object.keys(def.shape);
    const open = def.catchall !== undefined && def.catchall._zod.def.type !== 'never';
    for (const [key, v] of Object.entries(value)) {
      if (def.shape[key]) issues.push(...unknownKeyIssues(def.shape[key], v, [...path, key]));
      else if (!open) {
        const hint = suggest(key, known);
        const what = path.length ? 'a known field' : 'a known param';
        issues.push({ path: formatPath([...path, key]), expected: hint ? `${what} (did you mean "${hint}"?)` : `${what} (${known.join(', ') || 'none'})`, received: describeValue(v) });
      }
    }
  } else if (def.type === 'record' && def.valueType && isPlainObject(value)) {
    for (const [key, v] of Object.entries(value)) issues.push(...unknownKeyIssues(def.valueType, v, [...path, key]));
  } else if (def.type === 'array' && def.element && Array.isArray(value)) {
    value.forEach((v, i) => issues.push(...unknownKeyIssues(def.element!, v, [...path, i])));
  }
  return issues;
}

/**
 * Validates params against a schema: every issue (an unknown key with a did-you-mean, a wrong type
 * with the param, what was expected and what was received) in one ConfigError, which is bad input.
 * `strict` rejects keys the schema does not declare (a pipeline's params come from the user).
 */
export function validateParams(schema: z.ZodType | undefined, value: unknown, where: string, options: { strict?: boolean } = {}): unknown {
  if (!schema) {
    if (options.strict && isPlainObject(value) && Object.keys(value).length) {
      throw new ConfigError(where, Object.entries(value).map(([k, v]) => ({ path: k, expected: 'no params (this pipeline declares none)', received: describeValue(v) })));
    }
    return value ?? {};
  }
  const input = value ?? {};
  const parsed = schema.safeParse(input);
  const unknown = options.strict ? unknownKeyIssues(schema as unknown as Schema, input) : [];
  if (parsed.success && !unknown.length) return parsed.data;
  const issues = [...unknown, ...(parsed.success ? [] : configIssuesFromZod(parsed.error, input))];
  throw new ConfigError(where, issues);
}
