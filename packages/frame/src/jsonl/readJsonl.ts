import type { Column, DType } from '../column/Column';
import { assertDType } from '../column/assertDType';
import type { BadRow } from '../errors/BadRow';
import { BadRowsError } from '../errors/errors';
import { maxListedBadRows, messages } from '../errors/messages';
import { Frame } from '../frame/Frame';
import { forEachLine } from '../io/forEachLine';
import type { OnBadRow, ReadResult } from '../read/ReadResult';
import { JsonColumn } from './JsonColumn';

/** Options of `readJsonl`. */
export interface ReadJsonlOptions {
  /** dtype per key; other keys are inferred (see JsonColumn). Schema keys always become columns. */
  readonly schema?: Readonly<Record<string, DType>>;
  /** `'fail'` (default) throws a BadRowsError; `'skip'` drops bad lines and returns them. */
  readonly onBadRow?: OnBadRow;
  /** Bytes per file read (default 4 MiB). */
  readonly highWaterMark?: number;
}

/**
 * Reads a JSON Lines file (one JSON object per line) into a Frame, streaming. Keys become columns
 * in first-seen order; a missing key or `null` is a null. Blank lines are skipped. A line that is
 * not valid JSON, not an object, or has a value its schema column cannot hold is a bad row,
 * reported with the path and 1-based line number (same `onBadRow` rules as `readCsv`).
 */
export async function readJsonl(path: string, options: ReadJsonlOptions = {}): Promise<ReadResult> {
  const schema = options.schema ?? {};
  const onBadRow = options.onBadRow ?? 'fail';
  const columns: JsonColumn[] = [];
  const indexOf = new Map<string, number>();
  const lastRow: number[] = [];
  const badRows: BadRow[] = [];
  let badTotal = 0;
  let rows = 0;
  const columnIndex = (name: string): number => {
    let index = indexOf.get(name);
    if (index === undefined) {
      index = columns.length;
      indexOf.set(name, index);
      columns.push(new JsonColumn(name, schema[name], rows));
      lastRow.push(-1);
    }
    return index;
  };
  for (const [name, dtype] of Object.entries(schema)) assertDType(`schema column ${JSON.stringify(name)}`, dtype);
  for (const name of Object.keys(schema)) columnIndex(name);
  const report = (line: number, reason: string): void => {
    badTotal++;
    if (onBadRow === 'skip' || badRows.length < maxListedBadRows) badRows.push({ path, line, reason });
  };

  await forEachLine(path, Math.max(1, options.highWaterMark ?? 4 << 20), (buf, start, end, line) => {
    const text = buf.toString('utf8', start, end);
    if (text.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch (error) {
      return report(line, `invalid JSON: ${(error as Error).message}`);
    }
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      return report(line, `expected a JSON object, found ${Array.isArray(row) ? 'an array' : JSON.stringify(row)}`);
    }
    const record = row as Record<string, unknown>;
    // Check schema columns before appending anything, so a bad line never half-enters the frame.
    for (const key of Object.keys(record)) {
      const known = indexOf.get(key);
      if (known !== undefined && !columns[known].accepts(record[key])) {
        return report(line, messages.badValue(key, JSON.stringify(record[key]) ?? 'undefined', schema[key]));
      }
    }
    for (const key of Object.keys(record)) {
      const index = columnIndex(key);
      columns[index].push(record[key] ?? null);
      lastRow[index] = rows;
    }
    for (let c = 0; c < columns.length; c++) if (lastRow[c] !== rows) columns[c].pushNull();
    rows++;
  });
  if (badTotal > 0 && onBadRow === 'fail') throw new BadRowsError(path, badRows, badTotal);
  const out: Record<string, Column> = {};
  for (const column of columns) out[column.name] = column.finish();
  return { frame: Frame.fromColumns(out), badRows };
}
