import type { Knex } from 'knex';
import { messages, NotFoundError } from '@mlops/core';

/** The reference that means "the newest record". */
export const latestRef = 'latest';

/**
 * Resolves `latest`, a full id, or a unique id prefix against one table.
 *
 * `substr` rather than LIKE: LIKE is case-insensitive in SQLite and treats `_` in ids as a wildcard.
 */
export async function findByIdOrPrefix<Row>(
  table: () => Knex.QueryBuilder,
  kind: string,
  ref: string,
  newestFirst: readonly { column: string; order: 'desc' | 'asc' }[],
): Promise<Row | undefined> {
  if (ref === '') return undefined;
  if (ref === latestRef) return (await table().select('*').orderBy([...newestFirst]).first()) as Row | undefined;

  const exact = (await table().select('*').where('id', ref).first()) as Row | undefined;
  if (exact) return exact;

  const matches = (await table().select('*').whereRaw('substr(id, 1, ?) = ?', [ref.length, ref]).limit(2)) as Row[];
  if (matches.length < 2) return matches[0];
  const counted = (await table().whereRaw('substr(id, 1, ?) = ?', [ref.length, ref]).count({ n: '*' }).first()) as { n: number | string };
  throw new NotFoundError(messages.ambiguousId(kind, ref, Number(counted.n)));
}
