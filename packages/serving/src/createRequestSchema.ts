import type { ModelSignature, SignatureColumn } from '@mlops/core';
import { z } from 'zod';

/** How requests are validated beyond the signature. */
export interface RequestSchemaOptions {
  /** Most rows (or entities) one request may carry. Default 1000. */
  maxRows?: number;
  /** Fields the model does not take: refused (default, catches typos) or dropped. */
  extraFields?: 'reject' | 'ignore';
  /** Join keys of the feature service; when set, `{ "entities": [...] }` bodies are accepted. */
  entityKeys?: readonly string[];
}

function valueSchema(column: SignatureColumn): z.ZodType {
  const base = {
    float: z.number(),
    double: z.number(),
    int: z.number().int(),
    string: z.string(),
    bool: z.boolean(),
  }[column.type];
  return column.nullable ? base.nullable() : base;
}

/**
 * The zod schema of a `/predict` body for a model: `{ rows: [...] }`, `{ row: {...} }`, or
 * `{ entities: [...] }` when feature lookup is configured. Each row has exactly the signature's
 * inputs, typed; null only where the column is `nullable`.
 */
export function createRequestSchema(signature: ModelSignature, options: RequestSchemaOptions = {}) {
  const maxRows = options.maxRows ?? 1000;
  const shape = Object.fromEntries(signature.inputs.map((c) => [c.name, valueSchema(c)]));
  const row = options.extraFields === 'ignore' ? z.object(shape).strip() : z.object(shape).strict();
  const entity = options.entityKeys?.length
    ? z.object({ entities: z.array(z.object(Object.fromEntries(options.entityKeys.map((k) => [k, z.union([z.string(), z.number()])]))).strict()).min(1).max(maxRows) }).strict()
    : undefined;
  return {
    rows: z.object({ rows: z.array(row).min(1).max(maxRows) }).strict(),
    row: z.object({ row }).strict(),
    entities: entity,
    maxRows,
    inputNames: signature.inputs.map((c) => c.name),
    /** The signature's inputs and the extra-field rule, for the one-pass row check (`validatedRowFeeds`). */
    columns: signature.inputs,
    strict: options.extraFields !== 'ignore',
    entityKeys: [...(options.entityKeys ?? [])],
  };
}

/** What `createRequestSchema` returns: one zod schema per accepted body shape, chosen by its key. */
export type RequestSchema = ReturnType<typeof createRequestSchema>;
