import type { Column } from '../column/Column';
import { SchemaError } from '../errors/errors';
import { messages } from '../errors/messages';
import type { Frame } from '../frame/Frame';
import { writeFileAtomic } from '../io/writeFileAtomic';
import { defaultNullTokens } from '../text/NullTokens';

/** Options of `writeCsv`. */
export interface WriteCsvOptions {
  /** Field separator, one character (default `,`). */
  readonly delimiter?: string;
}

const flushAt = 1 << 20;

/**
 * Writes a frame as CSV with a header row, atomically (temp file in the same directory, fsync,
 * rename). Nulls are empty cells; float NaN is written as `NaN`, so it reads back as null with
 * the default null tokens. Strings are quoted when needed, including strings that would
 * otherwise read back as null (`""`, `"NA"`). Timestamps are ISO-8601 UTC with milliseconds
 * (microseconds when there is a sub-millisecond part). `readCsv` reads the output back to the
 * same values and the same digest, given the same schema.
 */
export async function writeCsv(frame: Frame, path: string, options: WriteCsvOptions = {}): Promise<void> {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new SchemaError(messages.badDelimiter(delimiter));
  }
  const columns = frame.names.map((name) => frame.column(name));
  const needsQuote = new RegExp(`[${delimiter.replace(/[\\\]^-]/g, '\\$&')}"\\r\\n]`);
  const quote = (s: string): string =>
    needsQuote.test(s) || defaultNullTokens.includes(s) ? `"${s.replace(/"/g, '""')}"` : s;
  await writeFileAtomic(path, async (write) => {
    let text = frame.names.map(quote).join(delimiter) + '\n';
    for (let row = 0; row < frame.rowCount; row++) {
      for (let c = 0; c < columns.length; c++) {
        if (c > 0) text += delimiter;
        text += cell(columns[c], row, quote);
      }
      text += '\n';
      if (text.length >= flushAt) {
        await write(text);
        text = '';
      }
    }
    await write(text);
  });
}

function cell(column: Column, row: number, quote: (s: string) => string): string {
  if (column.nulls !== undefined && column.nulls[row] === 1) return '';
  switch (column.dtype) {
    case 'float64': {
      const v = column.data[row];
      return Object.is(v, -0) ? '-0' : String(v);
    }
    case 'int32':
      return String(column.data[row]);
    case 'bool':
      return column.data[row] === 1 ? 'true' : 'false';
    case 'category':
      return quote(column.dictionary[column.data[row]]);
    case 'timestamp':
      return isoTimestamp(column.data[row]);
  }
}

/** ISO-8601 UTC; adds microsecond digits only when the value has a sub-millisecond part. */
function isoTimestamp(ms: number): string {
  const whole = Math.floor(ms);
  const iso = new Date(whole).toISOString();
  const micros = Math.round((ms - whole) * 1000);
  if (micros === 0) return iso;
  if (micros === 1000) return new Date(whole + 1).toISOString();
  return `${iso.slice(0, -1)}${String(micros).padStart(3, '0')}Z`;
}
