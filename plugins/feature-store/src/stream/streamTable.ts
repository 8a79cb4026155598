import type { FeatureView } from '../definitions/types';
import { qualified, quote, type SqlTarget } from '../lib/SqlTarget';
import { FeatureStoreUsageError } from '../errors';
import { joinKeysOf, sqlType } from '../offline/stageTable';

/** The offline table stream events of `view` are appended to (then staged like any source). */
export function streamTableName(view: FeatureView): string {
  return `mlops_fs_stream_${view.name}`;
}

/** Bound parameters per statement: under SQLite's limit of 32766. */
const maxParameters = 30_000;

/**
 * Creates the view's stream table if missing. `_msg_id` is unique, so a redelivered message (after
 * a crash between commit and ack) never adds a second row; `_seq` keeps arrival order, which breaks
 * ties on event time as later file lines do.
 */
export async function ensureStreamTable(target: SqlTarget, view: FeatureView): Promise<void> {
  const table = qualified(target, streamTableName(view));
  const seq = target.dialect === 'postgresql' ? '"_seq" bigint generated always as identity primary key' : '"_seq" integer primary key autoincrement';
  const columns = [seq, '"_msg_id" text not null unique', ...joinKeysOf(view).map((k) => `${quote(k)} text`), '"_ts" double precision not null', ...Object.entries(view.features).map(([f, t]) => `${quote(f)} ${sqlType(t)}`), '"_ingested_at" double precision not null'];
  await target.knex.raw(`create table if not exists ${table} (${columns.join(', ')})`);
  // A table made for an earlier definition of the view would fail every insert: say so once, here.
  const builder = target.schema ? target.knex.withSchema(target.schema) : target.knex;
  const found = Object.keys(await builder.table(streamTableName(view)).columnInfo());
  const expected = ['_seq', ...streamColumns(view)];
  const missing = expected.filter((c) => !found.includes(c));
  if (missing.length) {
    throw new FeatureStoreUsageError(`feature view "${view.name}": offline stream table ${streamTableName(view)}: expected columns ${expected.join(', ')}, found ${found.join(', ')} (made for an earlier definition: drop it or rename the view)`);
  }
}

/** The columns of a stream table that {@link appendStreamRows} fills, in order. */
export function streamColumns(view: FeatureView): string[] {
  return ['_msg_id', ...joinKeysOf(view), '_ts', ...Object.keys(view.features), '_ingested_at'];
}

/**
 * Appends rows given as a flat array (`streamColumns(view).length` values per row) in one
 * transaction; rows whose message id is already stored are skipped.
 */
export async function appendStreamRows(target: SqlTarget, view: FeatureView, values: readonly unknown[]): Promise<void> {
  if (values.length === 0) return;
  const columns = streamColumns(view);
  const width = columns.length;
  const row = `(${new Array(width).fill('?').join(', ')})`;
  const head = `insert into ${qualified(target, streamTableName(view))} (${columns.map(quote).join(', ')}) values `;
  const perStatement = Math.floor(maxParameters / width);
  const rows = values.length / width;
  const bind = target.dialect === 'sqlite' ? (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v) : (v: unknown) => v;
  await target.knex.transaction(async (trx) => {
    for (let at = 0; at < rows; at += perStatement) {
      const count = Math.min(perStatement, rows - at);
      const slice = values.slice(at * width, (at + count) * width).map(bind);
      await trx.raw(`${head}${new Array(count).fill(row).join(', ')} on conflict ("_msg_id") do nothing`, slice as never[]);
    }
  });
}
