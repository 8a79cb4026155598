import type { Knex } from 'knex';
import { BatchInputError } from '../errors';
import { openKnex } from '../lib/openKnex';
import { chunkOf, keyOf, type ChunkSource, type RawValue, type SourceChunk, type SourcePosition } from './ChunkSource';

type Row = Record<string, RawValue>;

/**
 * Rows of an SQL query, one page per chunk. With an id column the pages are keyset pages
 * (`WHERE id > last ORDER BY id`), which stay exact when resuming; without one they are
 * `LIMIT/OFFSET` pages of the query as written, so the query must order its rows deterministically.
 */
export class SqlSource implements ChunkSource {
  readonly description: string;

  private constructor(
    private readonly knex: Knex,
    private readonly query: string,
    readonly columns: readonly string[],
    readonly totalRows: number,
    private readonly idColumn: string | undefined,
    url: string,
  ) {
    this.description = `${redact(url)}: ${query}`;
  }

  static async open(url: string, query: string, idColumn?: string): Promise<SqlSource> {
    const knex = openKnex(url);
    try {
      const sub = knex.raw(`(${stripSemicolon(query)}) as mlops_input`);
      const first = (await knex.select('*').from(sub).limit(1)) as Row[];
      const [{ n }] = (await knex.count({ n: '*' }).from(sub)) as { n: number | string }[];
      const columns = first.length > 0 ? Object.keys(first[0]) : [];
      if (idColumn !== undefined && first.length > 0 && !columns.includes(idColumn)) {
        throw new BatchInputError(`query ${query}: expected an id column "${idColumn}", found columns ${columns.join(', ')}`);
      }
      return new SqlSource(knex, stripSemicolon(query), columns, Number(n), idColumn, url);
    } catch (error) {
      await knex.destroy();
      if (error instanceof BatchInputError) throw error;
      throw new BatchInputError(`query ${query}: ${(error as Error).message}`, { cause: error });
    }
  }

  async *chunks(from: SourcePosition | undefined, chunkRows: number): AsyncIterable<SourceChunk> {
    let row = from?.row ?? 0;
    let lastKey = from?.lastKey;
    for (;;) {
      const page = this.knex.select('*').from(this.knex.raw(`(${this.query}) as mlops_input`)).limit(chunkRows);
      if (this.idColumn === undefined) page.offset(row);
      else {
        page.orderBy(this.idColumn);
        if (lastKey !== undefined) page.where(this.idColumn, '>', lastKey);
      }
      const rows = (await page) as Row[];
      if (rows.length === 0) return;
      const byName = new Map(this.columns.map((name) => [name, rows.map((r) => r[name])]));
      const ids = this.idColumn === undefined ? undefined : byName.get(this.idColumn);
      const keys = rows.map((_, i) => keyOf(ids?.[i], row + i, this.idColumn, this.description));
      row += rows.length;
      if (this.idColumn !== undefined) lastKey = keys[keys.length - 1];
      yield chunkOf(byName, keys, { row, lastKey });
      if (rows.length < chunkRows) return;
    }
  }

  async close(): Promise<void> {
    await this.knex.destroy();
  }
}

function stripSemicolon(query: string): string {
  return query.trim().replace(/;+\s*$/, '');
}

/** Drops a password from a URL before it is stored in a checkpoint or shown. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
