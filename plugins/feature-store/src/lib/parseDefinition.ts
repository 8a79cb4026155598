import type { z } from 'zod';
import { FeatureDefinitionError } from '../errors';

/**
 * Validates the argument of a definition factory; every zod issue becomes one line
 * `<kind> "<name>": <field>: <message>, received <value>`.
 */
export function parseDefinition<S extends z.ZodType>(kind: string, schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const name = typeof (raw as { name?: unknown })?.name === 'string' ? (raw as { name: string }).name : '?';
  const lines = result.error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : '(definition)';
    return `${kind} "${name}": ${field}: ${issue.message}, received ${describe(valueAt(raw, issue.path))}`;
  });
  throw new FeatureDefinitionError(name, lines.join('\n'));
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) value = value === null || typeof value !== 'object' ? undefined : (value as Record<PropertyKey, unknown>)[key];
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null && 'kind' in value) return `a ${(value as { kind: string }).kind}`;
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}
