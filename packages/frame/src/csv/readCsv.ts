import type { DType } from '../column/Column';
import type { BadRow } from '../errors/BadRow';
import { BadRowsError, SchemaError } from '../errors/errors';
import { maxListedBadRows, messages } from '../errors/messages';
import { Frame } from '../frame/Frame';
import type { ReadResult } from '../read/ReadResult';
import { locationStat } from '../location/openLocation';
import { NullTokens } from '../text/NullTokens';
import { CsvColumnSet, NOT_FAST } from './CsvColumnSet';
import { WidenToCategory, type CsvColumnPlan } from './CsvColumnPlan';
import { PROBLEM_JUNK_AFTER_QUOTE, PROBLEM_NONE, type CsvScanner } from './CsvScanner';
import { fieldText } from './decodeHeader';
import { resolveCsvOptions, type ReadCsvOptions, type ResolvedCsvOptions } from './ReadCsvOptions';
import { sampleCsv } from './sampleCsv';
import { RECORD_BAD, RECORD_OK, scanCsvFile } from './scanCsvFile';

/**
 * Reads a CSV file with a header row into a Frame, streaming it in big chunks. `path` is a local
 * path or a URI of a registered scheme (`s3://bucket/key` with @mlops/storage-s3), streamed as well.
 *
 * Columns named in `options.schema` get that dtype and a value that does not parse makes the row
 * bad. Other columns are inferred from the first `inferRows` rows; later values that do not fit
 * widen the column (int32 → float64 in place; anything → category by re-reading the file), so
 * inference never rejects a row. Malformed rows (wrong field count, unparsable schema value,
 * unterminated quote) are reported with file path and physical line (header = line 1): with
 * `onBadRow: 'fail'` (default) a BadRowsError lists the first ten and the total; with `'skip'`
 * they are dropped and returned in `badRows`, and every good row is kept.
 */
export async function readCsv(path: string, options: ReadCsvOptions = {}): Promise<ReadResult> {
  const resolved = resolveCsvOptions(options);
  const [{ size }, sample] = await Promise.all([locationStat(path), sampleCsv(path, resolved)]);
  const names = sample.names;
  if (names === undefined) return { frame: Frame.fromColumns({}), badRows: [] };
  const missing = [...resolved.schema.keys()].filter((n) => !names.includes(n));
  if (missing.length > 0) throw new SchemaError(messages.schemaColumnsMissing(path, missing, names));
  const dtypes = names.map((name, i) => resolved.schema.get(name)?.dtype ?? sample.inferred[i]);
  const capacity = initialCapacity(size, sample.bytesPerRow);
  for (;;) {
    const plans = names.map((name, i) => planColumn(name, dtypes[i], resolved));
    try {
      return await parseCsv(path, plans, resolved, capacity);
    } catch (error) {
      if (!(error instanceof WidenToCategory)) throw error;
      // Rare: an inferred column met text. Re-reading is simpler and exact (no number→string round trip).
      dtypes[error.column] = 'category';
    }
  }
}

/**
 * Rows to preallocate: the sample's estimate plus 2%, so a typical file never regrows or copies.
 * Capped at 2M rows because a sample of short rows could overestimate a file of long ones; past
 * the cap the builders simply double.
 */
function initialCapacity(fileSize: number, bytesPerRow: number): number {
  if (bytesPerRow <= 0) return 1024;
  return Math.min(Math.ceil((fileSize / bytesPerRow) * 1.02) + 16, 1 << 21);
}

function planColumn(name: string, dtype: DType, options: ResolvedCsvOptions): CsvColumnPlan {
  const spec = options.schema.get(name);
  return { name, dtype, inferred: spec === undefined, nulls: new NullTokens(spec?.nullTokens ?? options.nullTokens) };
}

async function parseCsv(path: string, plans: CsvColumnPlan[], options: ResolvedCsvOptions, capacity: number): Promise<ReadResult> {
  const columns = new CsvColumnSet(plans, capacity, options.delimiter, options.epochScale);
  const badRows: BadRow[] = [];
  let badTotal = 0;
  let rows = 0;
  let headerSeen = false;
  const report = (line: number, reason: string): number => {
    badTotal++;
    if (options.onBadRow === 'skip' || badRows.length < maxListedBadRows) badRows.push({ path, line, reason });
    return RECORD_BAD;
  };
  const fast = (buf: Buffer, pos: number, limit: number): number => {
    const next = columns.appendFast(buf, pos, limit, rows);
    if (next !== NOT_FAST) rows++;
    return next;
  };
  await scanCsvFile(path, { delimiter: options.delimiter, chunkSize: options.highWaterMark, fast }, (buf, scanner, line) => {
    if (!headerSeen) {
      headerSeen = true;
      return RECORD_OK;
    }
    if (scanner.problem !== PROBLEM_NONE) return report(line, problemText(scanner));
    if (scanner.fieldCount !== plans.length) return report(line, messages.fieldCount(plans.length, scanner.fieldCount));
    if (!columns.append(buf, scanner)) {
      columns.truncate(rows);
      const c = columns.failedColumn;
      return report(line, messages.badValue(plans[c].name, cut(fieldText(buf, scanner, c)), columns.dtypeOf(c)));
    }
    rows++;
    return RECORD_OK;
  });
  if (badTotal > 0 && options.onBadRow === 'fail') throw new BadRowsError(path, badRows, badTotal);
  return { frame: Frame.fromColumns(columns.finish()), badRows };
}

function problemText(scanner: CsvScanner): string {
  return scanner.problem === PROBLEM_JUNK_AFTER_QUOTE ? messages.junkAfterQuote() : messages.unterminatedQuote();
}

function cut(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
