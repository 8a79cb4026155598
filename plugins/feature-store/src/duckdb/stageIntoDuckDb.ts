import type { DuckDBConnection } from '@duckdb/node-api';
import type { Column } from '@mlops/frame';
import type { FeatureView } from '../definitions/types';
import { featureCell, keyText, timeValue } from '../lib/cells';
import { countOf, resultRows } from '../lib/resultRows';
import { qualified, quote, type SqlTarget } from '../lib/SqlTarget';
import { toScalar } from '../lib/toScalar';
import { readFileColumns } from '../offline/loadFileIntoStage';
import { joinKeysOf, stageTableName } from '../offline/stageTable';
import { filePath, stageSource } from '../offline/stageSource';
import { appendColumns } from './appendColumns';
import type { DuckDbApi } from './loadDuckDb';
import { StageColumns } from './StageColumns';
import { readStagedIndex } from './StagedIndex';
import type { StagedView } from './StagedView';

/**
 * Stages `view`'s source into DuckDB table `table` (and its key texts into `${table}_keys`).
 *
 * A file is read with `@mlops/frame`'s readers and converted with the SQL engine's cell rules, so
 * timestamps, null tokens and key texts parse the same (DuckDB's own CSV reader infers and parses
 * differently). An SQL source lives in the offline SQL database, which DuckDB cannot read without
 * extensions it would download at run time: it is staged there first, then copied in `_row` order.
 *
 * DuckDB gets (key code, time, source row); the feature values stay in typed columns in this
 * process and are read by source row after the join. The staged table keeps one row per (key,
 * time), the later one in the source: the SQL engine's tie rule, applied once here so that a
 * lookup by time never has to choose among equal times.
 * Rows without a key or a time are dropped (the SQL engine can never match them either).
 */
export async function stageIntoDuckDb(conn: DuckDBConnection, api: DuckDbApi, view: FeatureView, table: string, signature: string, sql: SqlTarget, projectRoot: string, force: boolean): Promise<StagedView> {
  const columns = view.source.kind === 'fileSource' ? await fileColumns(view, projectRoot) : await sqlColumns(view, sql, projectRoot, force);
  const loading = quote(`${table}_loading`);
  await conn.run(`create or replace table ${loading} ("k" integer, "_ts" double, "_row" integer)`);
  try {
    await appendColumns(conn, api, `${table}_loading`, columns.appendColumns(), columns.rowCount);
    // Ordered by (k, _ts): the join's index is read in this order, the window's sort finds it sorted.
    await conn.run(
      `create or replace table ${quote(table)} as select * from ${loading} where "k" >= 0 and not isnan("_ts") ` +
        `qualify row_number() over (partition by "k", "_ts" order by "_row" desc) = 1 order by "k", "_ts"`,
    );
  } finally {
    await conn.run(`drop table if exists ${loading}`);
  }
  const keys = joinKeysOf(view);
  const keyTable = `${table}_keys`;
  await conn.run(`create or replace table ${quote(keyTable)} ("k" integer, ${keys.map((k) => `${quote(k)} varchar`).join(', ')})`);
  const codes = Int32Array.from(columns.keyTexts, (_, i) => i);
  await appendColumns(conn, api, keyTable, [{ kind: 'integer', data: codes }, ...keys.map((_, j) => ({ kind: 'varchar' as const, data: columns.keyTexts.map((t) => t[j]!) }))], codes.length);
  const index = await readStagedIndex(conn, table, columns.keyTexts.length);
  return { view, table, keyTable, signature, keyCodes: columns.keyCodes, intKeyCodes: denseIntCodes(columns.keyTexts), columns, index };
}

async function fileColumns(view: FeatureView, projectRoot: string): Promise<StageColumns> {
  if (view.source.kind !== 'fileSource') throw new Error('not a file source');
  const { frame, keyCols, tsCol, featureCols } = (await readFileColumns(view, filePath(view.source, projectRoot)))!;
  const out = new StageColumns(view, frame.rowCount);
  const key0 = keyCols[0]!;
  if (keyCols.length === 1 && key0.dtype === 'category') out.setKeyCategoryColumn(key0);
  else setKeysByCell(out, keyCols);
  setTimes(out, tsCol);
  featureCols.forEach(([, column, type], j) => {
    if (out.setFeatureColumn(j, column)) return;
    for (let i = 0; i < out.rowCount; i++) out.setFeature(i, j, featureCell(column, i, type));
  });
  return out;
}

function setKeysByCell(out: StageColumns, keyCols: readonly Column[]): void {
  const texts: string[] = new Array(keyCols.length);
  rows: for (let i = 0; i < out.rowCount; i++) {
    for (let j = 0; j < keyCols.length; j++) {
      const text = keyText(keyCols[j]!, i);
      if (text === null) continue rows;
      texts[j] = text;
    }
    out.keys[i] = out.keyCode(texts);
  }
}

function setTimes(out: StageColumns, tsCol: Column): void {
  for (let i = 0; i < out.rowCount; i++) out.ts[i] = timeValue(tsCol, i) ?? NaN;
}

async function sqlColumns(view: FeatureView, sql: SqlTarget, projectRoot: string, force: boolean): Promise<StageColumns> {
  await stageSource(sql, view, projectRoot, force);
  const keys = joinKeysOf(view);
  const features = Object.entries(view.features);
  const source = qualified(sql, stageTableName(view));
  const out = new StageColumns(view, countOf(await sql.knex.raw(`select count(*) as n from ${source}`)));
  const page = 50_000;
  let i = 0;
  for (let after = -1; i < out.rowCount; ) {
    const rows = resultRows(await sql.knex.raw(`select * from ${source} where "_row" > ? order by "_row" limit ${page}`, [after]));
    if (rows.length === 0) break;
    for (const row of rows) {
      if (keys.every((k) => row[k] !== null && row[k] !== undefined)) out.keys[i] = out.keyCode(keys.map((k) => String(row[k])));
      out.ts[i] = row._ts === null || row._ts === undefined ? NaN : Number(row._ts);
      features.forEach(([f, type], j) => out.setFeature(i, j, toScalar(type, row[f])));
      i++;
    }
    after = Number(rows[rows.length - 1]!._row);
  }
  return out;
}

/**
 * Key code by integer, for a single key whose texts are small non-negative integers written plainly
 * (`42`, not `042`): an int32 entity column then needs no text per row. Undefined otherwise.
 */
function denseIntCodes(keyTexts: readonly string[][]): Int32Array | undefined {
  if (keyTexts.length === 0 || keyTexts[0]!.length !== 1) return undefined;
  let max = -1;
  for (const [text] of keyTexts) {
    const v = Number(text);
    if (Number.isInteger(v) && v >= 0 && String(v) === text) max = Math.max(max, v);
  }
  if (max < 0 || max > Math.max(1 << 20, 8 * keyTexts.length)) return undefined;
  const codes = new Int32Array(max + 1).fill(-1);
  keyTexts.forEach(([text], code) => {
    const v = Number(text);
    if (Number.isInteger(v) && v >= 0 && v <= max && String(v) === text) codes[v] = code;
  });
  return codes;
}
