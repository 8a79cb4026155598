import { isAbsolute, resolve } from 'node:path';
import { canonicalJson, sha256 } from '@mlops/core';
import { isDataUri, locationStat } from '@mlops/frame';
import type { FeatureView, FileSource, SqlSource } from '../definitions/types';
import { qualified, quote, tableOf, type SqlTarget } from '../lib/SqlTarget';
import { createStageTable, indexStageTable, joinKeysOf, sqlType, stageTableName } from './stageTable';
import { loadFileIntoStage } from './loadFileIntoStage';
import { resultRows } from '../lib/resultRows';
import { ensureStreamTable, streamTableName } from '../stream/streamTable';

/**
 * Makes sure the staged copy of `view`'s source is current, and returns its table name. A file is
 * staged again when its size or version (mtime; an object's ETag for `s3://…`) changes; an SQL source when its row count or timestamp range
 * changes (an in-place update keeping both is not noticed: call with `force`).
 * Staging runs in one transaction, so readers see the old copy or the new one, never half of one.
 */
export async function stageSource(target: SqlTarget, view: FeatureView, projectRoot: string, force = false): Promise<string> {
  if (view.source.kind === 'streamSource') await ensureStreamTable(target, view);
  const signature = await sourceSignature(target, view, projectRoot);
  const stored = await tableOf(target, 'mlops_fs_staging').where('view', view.name).first();
  if (!force && stored?.signature === signature) return stageTableName(view);
  await target.knex.transaction(async (trx) => {
    await createStageTable(target, view, trx);
    if (view.source.kind === 'sqlSource') await trx.raw(insertSelectSql(target, view, view.source));
    else if (view.source.kind === 'streamSource') await trx.raw(insertStreamSql(target, view));
    else await loadFileIntoStage(target, view, filePath(view.source, projectRoot), trx);
    await indexStageTable(target, view, trx);
    await tableOf(target, 'mlops_fs_staging', trx).insert({ view: view.name, signature, staged_at: Date.now() }).onConflict('view').merge();
  });
  return stageTableName(view);
}

/** A local path against the project root; a URI (`s3://…`, read through its registered handler) as written. */
export function filePath(source: FileSource, projectRoot: string): string {
  return isDataUri(source.path) || isAbsolute(source.path) ? source.path : resolve(projectRoot, source.path);
}

export async function sourceSignature(target: SqlTarget, view: FeatureView, projectRoot: string): Promise<string> {
  const definition = canonicalJson({ keys: joinKeysOf(view), features: view.features, source: view.source });
  if (view.source.kind === 'fileSource') {
    const info = await locationStat(filePath(view.source, projectRoot));
    return sha256(`${definition}|${info.size}|${info.version}`);
  }
  if (view.source.kind === 'streamSource') {
    // Rows are only ever appended: the count and the last sequence number say whether any arrived.
    const [row] = resultRows(await target.knex.raw(`select count(*) as n, max("_seq") as hi from ${qualified(target, streamTableName(view))}`));
    return sha256(`${definition}|${row?.n}|${row?.hi}`);
  }
  const ts = timestampSql(target, view.source, 'src');
  const row = (await target.knex
    .select(target.knex.raw(`count(*) as n, min(${ts}) as lo, max(${ts}) as hi`))
    .from(target.knex.raw(`(${sourceSql(view.source)}) as src`))
    .first()) as { n: unknown; lo: unknown; hi: unknown };
  return sha256(`${definition}|${row.n}|${row.lo}|${row.hi}`);
}

/** The source as a subquery body. */
function sourceSql(source: SqlSource): string {
  return source.query ?? `select * from ${source.table!.split('.').map(quote).join('.')}`;
}

/** The source's timestamp as epoch milliseconds; julianday() arithmetic is rounded to whole ms (it is off by ~1e-4 ms). */
function timestampSql(target: SqlTarget, source: SqlSource, alias: string): string {
  const col = `${alias}.${quote(source.timestampColumn)}`;
  if (source.timestampFormat === 'epoch_ms') return `cast(${col} as double precision)`;
  return target.dialect === 'postgresql' ? `(extract(epoch from cast(${col} as timestamptz)) * 1000)` : `round((julianday(${col}) - 2440587.5) * 86400000.0)`;
}

/** Copies a stream table into the stage in arrival order (so a later event wins a tie on event time). */
function insertStreamSql(target: SqlTarget, view: FeatureView): string {
  const columns = [...joinKeysOf(view), '_ts', ...Object.keys(view.features)].map(quote).join(', ');
  return `insert into ${qualified(target, stageTableName(view))} (${columns}) select ${columns} from ${qualified(target, streamTableName(view))} order by "_seq"`;
}

function insertSelectSql(target: SqlTarget, view: FeatureView, source: SqlSource): string {
  const keys = joinKeysOf(view);
  const features = Object.entries(view.features);
  const cast = (col: string, type: string) =>
    type === 'boolean' && target.dialect === 'sqlite' ? `case when src.${quote(col)} is null then null when src.${quote(col)} then 1 else 0 end` : `cast(src.${quote(col)} as ${type})`;
  const targetCols = [...keys, '_ts', ...features.map(([f]) => f)].map(quote).join(', ');
  const values = [...keys.map((k) => cast(k, 'text')), timestampSql(target, source, 'src'), ...features.map(([f, t]) => cast(f, sqlType(t)))].join(', ');
  return `insert into ${qualified(target, stageTableName(view))} (${targetCols}) select ${values} from (${sourceSql(source)}) as src`;
}
