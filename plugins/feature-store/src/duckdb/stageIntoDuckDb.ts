import type { DuckDBConnection } from '@duckdb/node-api';
import type { FeatureView } from '../definitions/types';
import { featureCell, keyText, timeValue } from '../lib/cells';
import { resultRows } from '../lib/resultRows';
import { qualified, quote, type SqlTarget } from '../lib/SqlTarget';
import { toScalar } from '../lib/toScalar';
import { readFileColumns } from '../offline/loadFileIntoStage';
import { joinKeysOf, stageTableName } from '../offline/stageTable';
import { filePath, stageSource } from '../offline/stageSource';
import type { DuckDbApi } from './loadDuckDb';
import { StageSink } from './StageSink';
import type { StagedView } from './StagedView';

/**
 * Stages `view`'s source into DuckDB table `table`. A file is read with `@mlops/frame`'s readers
 * and cell functions, exactly as the SQL engine stages it, so timestamps, null tokens and key texts
 * parse the same (DuckDB's own CSV reader infers and parses differently). An SQL source lives in
 * the offline SQL database, which DuckDB cannot read without extensions that are downloaded at run
 * time: it is staged there first, then its staged table is copied in source (`_row`) order.
 */
export async function stageIntoDuckDb(conn: DuckDBConnection, api: DuckDbApi, view: FeatureView, table: string, signature: string, sql: SqlTarget, projectRoot: string, force: boolean): Promise<StagedView> {
  const sink = await StageSink.open(conn, api, view, table);
  const features = Object.entries(view.features);
  if (view.source.kind === 'fileSource') {
    const { frame, keyCols, tsCol, featureCols } = (await readFileColumns(view, filePath(view.source, projectRoot)))!;
    const keys: (string | null)[] = new Array(keyCols.length);
    const values = new Array(featureCols.length);
    for (let i = 0; i < frame.rowCount; i++) {
      for (let j = 0; j < keyCols.length; j++) keys[j] = keyText(keyCols[j]!, i);
      for (let j = 0; j < featureCols.length; j++) values[j] = featureCell(featureCols[j]![1], i, featureCols[j]![2]);
      sink.push(keys, timeValue(tsCol, i), values);
    }
  } else {
    await stageSource(sql, view, projectRoot, force);
    const keys = joinKeysOf(view);
    const source = qualified(sql, stageTableName(view));
    const page = 50_000;
    for (let after = -1; ; ) {
      const rows = resultRows(await sql.knex.raw(`select * from ${source} where ${quote('_row')} > ? order by ${quote('_row')} limit ${page}`, [after]));
      for (const row of rows) {
        const ts = row._ts === null || row._ts === undefined ? null : Number(row._ts);
        sink.push(keys.map((k) => (row[k] === null || row[k] === undefined ? null : String(row[k]))), ts, features.map(([f, t]) => toScalar(t, row[f])));
      }
      if (rows.length < page) break;
      after = Number(rows[rows.length - 1]!._row);
    }
  }
  return sink.finish(table, signature);
}
