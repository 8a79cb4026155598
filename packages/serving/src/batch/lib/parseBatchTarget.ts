import { extname } from 'node:path';
import type { BatchInput, BatchOutput } from '../BatchTypes';
import { BatchInputError } from '../errors';

const queryStart = /^\s*(select|with)\s/i;

/**
 * `--input` as the CLI takes it: a `.csv` or `.parquet` file, or an SQL query (`SELECT …`/`WITH …`)
 * run on `db` (`sqlite:PATH` or `postgres://…`).
 */
export function parseBatchInput(text: string, db: string | undefined): BatchInput {
  if (queryStart.test(text)) {
    if (!db) throw new BatchInputError(`input "${text}": an SQL query needs a database (--db sqlite:PATH or postgres://…)`);
    return { kind: 'sql', url: db, query: text };
  }
  const ext = extname(text).toLowerCase();
  if (ext === '.csv') return { kind: 'csv', path: text };
  if (ext === '.parquet' || ext === '.pq') return { kind: 'parquet', path: text };
  throw new BatchInputError(`input "${text}": expected a .csv or .parquet file or an SQL query (SELECT …), found ${ext ? `a ${ext} file` : 'neither'}`);
}

/** `--output`: a `.csv`, `.jsonl` or `.parquet` file, or a table name (`NAME` or `SCHEMA.NAME`) in `db`. */
export function parseBatchOutput(text: string, db: string | undefined): BatchOutput {
  const ext = extname(text).toLowerCase();
  if (ext === '.csv') return { kind: 'csv', path: text };
  if (ext === '.jsonl' || ext === '.ndjson') return { kind: 'jsonl', path: text };
  if (ext === '.parquet') return { kind: 'parquet', path: text };
  if (/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(text)) {
    if (!db) throw new BatchInputError(`output "${text}": a table needs a database (--db sqlite:PATH or postgres://…)`);
    return { kind: 'sql', url: db, table: text };
  }
  throw new BatchInputError(`output "${text}": expected a .csv, .jsonl or .parquet file or a table name (NAME or SCHEMA.NAME)`);
}
