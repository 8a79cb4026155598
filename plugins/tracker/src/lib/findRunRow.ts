import type { Knex } from 'knex';
import { NotFoundError } from '@mlops/core';
import { trackerMessages } from '../messages';
import type { RunRow } from './runRows';

const candidatesShown = 5;

/**
 * `latest` is the newest top-level run (a study, not its last trial); otherwise a full id, else a
 * unique prefix. An ambiguous prefix throws `NotFoundError` listing the first few candidates.
 */
export async function findRunRow(runs: () => Knex.QueryBuilder, ref: string): Promise<RunRow | undefined> {
  if (ref === '') return undefined;
  if (ref === 'latest') {
    return (await runs().select('*').whereNull('parent_id').orderBy([
      { column: 'started_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]).first()) as RunRow | undefined;
  }
  const exact = (await runs().select('*').where('id', ref).first()) as RunRow | undefined;
  if (exact) return exact;
  // substr rather than LIKE: LIKE is case-insensitive in SQLite and treats `_` in ids as a wildcard.
  const prefixed = () => runs().whereRaw('substr(id, 1, ?) = ?', [ref.length, ref]);
  const matches = (await prefixed().select('*').orderBy('id').limit(candidatesShown)) as RunRow[];
  if (matches.length < 2) return matches[0];
  const counted = (await prefixed().count({ n: '*' }).first()) as { n: number | string };
  throw new NotFoundError(trackerMessages.ambiguousPrefix(ref, Number(counted.n), matches.map((m) => m.id)));
}
