import { checkFeedbackLabel, FeedbackLabelError, feedbackLimits, type FeedbackLabel } from '@mlops/core';
import { UsageError } from './fail';

const columns = ['requestId', 'label', 'row'] as const;

/**
 * Labels from a CSV file with a header `requestId,label[,row]` (any order; RFC 4180 quotes, CRLF or
 * LF, a UTF-8 BOM). Every value is text: a label stays the class name as written, and a regressor's
 * label is read as a number when the monitor joins it. An empty `row` is 0. Errors name the file,
 * the physical line (the header is line 1) and the column: `labels.csv:4: column row: expected …`.
 */
export function parseFeedbackCsv(text: string, file: string): FeedbackLabel[] {
  const records = splitRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  const header = records.shift();
  if (!header || (header.fields.length === 1 && header.fields[0] === '')) throw new UsageError(`${file}: empty file; expected a header requestId,label[,row]`, { path: file });
  const at = new Map<string, number>();
  header.fields.forEach((name, i) => {
    if (!(columns as readonly string[]).includes(name)) throw new UsageError(`${file}:1: unknown column ${JSON.stringify(name)}; expected requestId, label and optionally row`, { path: `${file}:1`, expected: 'requestId,label[,row]', received: name });
    if (at.has(name)) throw new UsageError(`${file}:1: column ${name} appears twice`, { path: `${file}:1` });
    at.set(name, i);
  });
  for (const needed of ['requestId', 'label']) if (!at.has(needed)) throw new UsageError(`${file}:1: no ${needed} column; expected a header requestId,label[,row]`, { path: `${file}:1`, expected: 'requestId,label[,row]', received: header.fields.join(',') });
  const labels: FeedbackLabel[] = [];
  for (const { line, fields } of records) {
    if (fields.length === 1 && fields[0] === '') continue;
    if (fields.length !== header.fields.length) throw new UsageError(`${file}:${line}: expected ${header.fields.length} fields (${header.fields.join(',')}), found ${fields.length}`, { path: `${file}:${line}` });
    const value = (name: string) => (at.has(name) ? fields[at.get(name)!] : undefined);
    const rowText = value('row');
    const row = rowText === undefined || rowText === '' ? 0 : /^\d+$/.test(rowText) ? Number(rowText) : rowText;
    try {
      labels.push(checkFeedbackLabel({ requestId: value('requestId'), label: value('label'), row }, ''));
    } catch (err) {
      if (!(err instanceof FeedbackLabelError)) throw err;
      const column = err.path ?? '';
      const found = column === 'row' ? JSON.stringify(rowText) : err.received;
      throw new UsageError(`${file}:${line}: column ${column}: expected ${column === 'row' ? `a row index (integer from 0 to ${feedbackLimits.maxRow}) or nothing` : err.expected}, found ${found}`, { path: `${file}:${line}`, expected: err.expected, received: found });
    }
  }
  return labels;
}

/** Records with the physical line each starts on; a quoted field may span lines. */
function splitRecords(text: string, file: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  const end = () => {
    fields.push(field);
    field = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      const opened = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new UsageError(`${file}:${opened}: a quoted field is never closed`, { path: `${file}:${opened}` });
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') throw new UsageError(`${file}:${line}: text after a closing quote`, { path: `${file}:${line}` });
      continue;
    }
    if (ch === ',') {
      end();
      i++;
    } else if (ch === '\n' || ch === '\r') {
      end();
      out.push({ line: start, fields });
      fields = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      start = ++line;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || fields.length) {
    end();
    out.push({ line: start, fields });
  }
  return out;
}
