import type { Knex } from 'knex';
import { readCsv, readParquet, type Column, type DType, type Frame } from '@mlops/frame';
import type { FeatureType, FeatureView } from '../definitions/types';
import { FeatureStoreUsageError } from '../errors';
import { featureCell, keyText, timeValue } from '../lib/cells';
import { insertRows } from '../lib/insertRows';
import { qualified, type SqlTarget } from '../lib/SqlTarget';
import { joinKeysOf, stageTableName } from './stageTable';

const csvDTypes: Record<FeatureType, DType> = { float: 'float64', int: 'int32', string: 'category', bool: 'bool' };

/**
 * Reads a CSV/Parquet source with `@mlops/frame` (the whole file is in memory once, as typed
 * columns) and inserts it into the staged table in batches, in file order (later lines win ties).
 */
export async function loadFileIntoStage(target: SqlTarget, view: FeatureView, path: string, trx: Knex.Transaction): Promise<void> {
  const source = await readFileColumns(view, path);
  if (!source) return;
  const { frame, keyCols, tsCol, featureCols } = source;
  const keys = joinKeysOf(view);
  const features = Object.entries(view.features);
  const columns = [...keys, '_ts', ...features.map(([f]) => f)];
  const table = qualified(target, stageTableName(view));
  // One slice of rows at a time, so the flat value array stays small.
  const slice = 50_000;
  for (let start = 0; start < frame.rowCount; start += slice) {
    const values: unknown[] = [];
    for (let i = start; i < Math.min(frame.rowCount, start + slice); i++) {
      for (const col of keyCols) values.push(keyText(col, i));
      values.push(timeValue(tsCol, i));
      for (const [, col, type] of featureCols) values.push(featureCell(col, i, type));
    }
    await insertRows(trx, table, columns, values);
  }
}

/** A file source's frame and its key, time and feature columns (in the view's order); refuses missing columns, naming the file. */
export async function readFileColumns(view: FeatureView, path: string) {
  if (view.source.kind !== 'fileSource') return undefined;
  const source = view.source;
  const keys = joinKeysOf(view);
  const features = Object.entries(view.features);
  const frame = await readSource(path, source.format, source.timestampColumn, keys, features);
  const missing = [...keys, source.timestampColumn, ...features.map(([f]) => f)].filter((c) => !frame.has(c));
  if (missing.length) throw new FeatureStoreUsageError(`feature view "${view.name}": ${path}: expected columns ${missing.join(', ')}, found ${frame.names.join(', ')}`);
  const keyCols = keys.map((k) => frame.column(k));
  const tsCol = frame.column(source.timestampColumn);
  const featureCols = features.map(([f, t]) => [f, frame.column(f), t] as [string, Column, FeatureType]);
  return { frame, keyCols, tsCol, featureCols };
}

async function readSource(path: string, format: 'csv' | 'parquet', ts: string, keys: string[], features: [string, FeatureType][]): Promise<Frame> {
  if (format === 'parquet') return readParquet(path);
  const schema: Record<string, DType> = { [ts]: 'timestamp' };
  for (const k of keys) schema[k] = 'category';
  for (const [f, t] of features) schema[f] = csvDTypes[t];
  return (await readCsv(path, { schema })).frame;
}
