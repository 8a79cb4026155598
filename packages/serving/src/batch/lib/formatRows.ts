import type { PredictionColumn } from './predictionColumns';

const needsQuote = /[",\r\n]/;

function csvText(text: string): string {
  return needsQuote.test(text) || text === '' ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvNumber(v: number): string {
  return Number.isNaN(v) ? 'NaN' : String(v);
}

/** A CSV header line. */
export function csvHeader(names: readonly string[]): string {
  return `${names.map(csvText).join(',')}\n`;
}

/** CSV lines of a chunk: the key, then each prediction column. */
export function csvRows(keys: readonly (string | number)[], columns: readonly PredictionColumn[]): string {
  let text = '';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    text += typeof k === 'number' ? String(k) : csvText(k);
    for (const c of columns) text += `,${c.kind === 'text' ? csvText((c.values as readonly string[])[i]) : csvNumber((c.values as ArrayLike<number>)[i])}`;
    text += '\n';
  }
  return text;
}

/** JSON Lines of a chunk: `{ "<key name>": key, "<column>": value, … }` (NaN as null). */
export function jsonlRows(keyName: string, keys: readonly (string | number)[], columns: readonly PredictionColumn[]): string {
  let text = '';
  for (let i = 0; i < keys.length; i++) {
    const row: Record<string, string | number | null> = { [keyName]: keys[i] };
    for (const c of columns) {
      const v = c.values[i];
      row[c.name] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
    }
    text += `${JSON.stringify(row)}\n`;
  }
  return text;
}
