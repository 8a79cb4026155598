import type { RequestSchema } from './createRequestSchema';
import type { FeedSpec } from './feeds/FeedSpec';
import { validatedRowFeeds } from './feeds/validatedRowFeeds';
import { describeValue } from './lib/fieldPath';
import { issueToError } from './lib/issueToError';
import type { EntityKey, FeatureRow, PredictRequest } from './PredictRequest';
import { ServingError } from './ServingError';

/**
 * Validates a parsed JSON body against the model's request schema. Throws a `ServingError` for the
 * first problem, naming the field (`rows[3].age`), what was expected and what was found. Given the
 * model's feed specs, valid rows come back as typed feed columns too, built in the same pass.
 */
export function parsePredictRequest(body: unknown, schema: RequestSchema, specs?: readonly FeedSpec[]): PredictRequest {
  const accepted = schema.entities ? '"rows", "row" or "entities"' : '"rows" or "row"';
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ServingError('invalid_body', `expected a JSON object with ${accepted}, found ${describeValue(body)}`);
  }
  const b = body as Record<string, unknown>;
  const key = 'rows' in b ? 'rows' : 'row' in b ? 'row' : 'entities' in b && schema.entities ? 'entities' : undefined;
  if (!key) {
    const keys = Object.keys(b);
    throw new ServingError('invalid_body', `expected a JSON object with ${accepted}, found ${keys.length ? `keys ${keys.map((k) => JSON.stringify(k)).join(', ')}` : 'an empty object'}`);
  }
  // Checked before validation so a huge batch costs one length check, not a full parse.
  const items = b[key];
  if (Array.isArray(items) && items.length > schema.maxRows) {
    throw new ServingError('batch_too_large', `${key}: at most ${schema.maxRows} items per request, found ${items.length}`, key);
  }
  if (specs && key !== 'entities' && Object.keys(b).length === 1) {
    const rows = key === 'rows' ? items : [items];
    if (Array.isArray(rows) && rows.length > 0) {
      const feeds = validatedRowFeeds(rows, schema.columns, specs, schema.strict);
      if (feeds) return { kind: 'rows', rows: rows as FeatureRow[], feeds };
    }
  }
  // The zod schema decides, and names, every problem; the fast path above only skips it for valid rows.
  const zodSchema = key === 'entities' ? schema.entities! : schema[key];
  const result = zodSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const known = issue.path.length === 0 ? [key] : key === 'entities' ? schema.entityKeys : schema.inputNames;
    throw issueToError(issue, body, known);
  }
  const data = result.data as { rows?: FeatureRow[]; row?: FeatureRow; entities?: EntityKey[] };
  if (key === 'entities') return { kind: 'entities', entities: data.entities! };
  return { kind: 'rows', rows: data.rows ?? [data.row!] };
}
