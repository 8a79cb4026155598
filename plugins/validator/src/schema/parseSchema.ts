import { configIssuesFromZod } from '@mlops/core';
import { SchemaError } from '../errors';
import { datasetSchema } from './datasetSchema';
import type { DatasetSchema } from './defineSchema';

/** Validates a schema (from `defineSchema`, a JSON file, ...) and fills in defaults; throws `SchemaError` listing every issue. */
export function parseSchema(raw: unknown): DatasetSchema {
  const parsed = datasetSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const name = typeof (raw as { name?: unknown } | null)?.name === 'string' ? (raw as { name: string }).name : 'dataset';
  throw new SchemaError(name, configIssuesFromZod(parsed.error, raw, '', datasetSchema));
}
