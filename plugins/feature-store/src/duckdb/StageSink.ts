import type { DuckDBConnection } from '@duckdb/node-api';
import type { FeatureScalar } from '@mlops/core';
import type { FeatureType, FeatureView } from '../definitions/types';
import { FeatureStoreUsageError } from '../errors';
import { quote } from '../lib/SqlTarget';
import { joinKeysOf } from '../offline/stageTable';
import { ChunkWriter, type ColumnKind } from './ChunkWriter';
import type { DuckDbApi } from './loadDuckDb';
import type { StagedView } from './StagedView';

/**
 * Receives a view's source rows in source order and writes them into DuckDB, encoded for a fast
 * as-of join: the join keys (compared as text) become one INTEGER code per distinct key tuple,
 * string features become dictionary codes, booleans 0/1. Rows without keys or time are dropped,
 * since the SQL engine can never match them either. `finish` keeps one row per (key, time): the
 * later one in the source, which is the SQL engine's tie rule, so DuckDB's ASOF JOIN (which picks
 * an arbitrary row among equal times) sees no ties.
 */
export class StageSink {
  private readonly keyCodes = new Map<string, number>();
  private readonly keyTexts: string[][] = [];
  private readonly features: [string, FeatureType][];
  private readonly dictionaries: Map<string, Map<string, number>>;
  private row = 0;

  private constructor(
    private readonly conn: DuckDBConnection,
    private readonly api: DuckDbApi,
    private readonly view: FeatureView,
    private readonly raw: string,
    private readonly writer: ChunkWriter,
  ) {
    this.features = Object.entries(view.features);
    this.dictionaries = new Map(this.features.filter(([, t]) => t === 'string').map(([f]) => [f, new Map()]));
  }

  static async open(conn: DuckDBConnection, api: DuckDbApi, view: FeatureView, table: string): Promise<StageSink> {
    const raw = `${table}_loading`;
    const features = Object.entries(view.features);
    const columns = ['"k" integer', '"_ts" double', '"_row" integer', ...features.map(([f, t]) => `${quote(f)} ${t === 'float' ? 'double' : 'integer'}`)];
    await conn.run(`create or replace table ${quote(raw)} (${columns.join(', ')})`);
    const kinds: ColumnKind[] = ['integer', 'double', 'integer', ...features.map(([, t]): ColumnKind => (t === 'float' ? 'double' : 'integer'))];
    const writer = new ChunkWriter(api, await conn.createAppender(raw), kinds);
    return new StageSink(conn, api, view, raw, writer);
  }

  /** One source row: key values as text, event time in epoch ms, feature values in the view's order. */
  push(keys: readonly (string | null)[], ts: number | null, values: readonly FeatureScalar[]): void {
    const row = this.row++;
    if (ts === null || Number.isNaN(ts) || keys.some((k) => k === null)) return;
    const w = this.writer;
    w.set(0, this.keyCode(keys as string[]));
    w.set(1, ts);
    w.set(2, row);
    this.features.forEach(([f, type], j) => w.set(3 + j, this.encode(f, type, values[j] ?? null)));
    w.endRow();
  }

  /** Writes the de-duplicated staged table `table` and the key table `${table}_keys`; returns what the join needs. */
  async finish(table: string, signature: string): Promise<StagedView> {
    this.writer.close();
    const t = quote(table);
    // Ordered by (k, _ts) so the join's and the window's sorts find their input nearly sorted.
    await this.conn.run(`create or replace table ${t} as select * from ${quote(this.raw)} qualify row_number() over (partition by "k", "_ts" order by "_row" desc) = 1 order by "k", "_ts"`);
    await this.conn.run(`drop table ${quote(this.raw)}`);
    const keys = joinKeysOf(this.view);
    const keyTable = `${table}_keys`;
    await this.conn.run(`create or replace table ${quote(keyTable)} ("k" integer, ${keys.map((k) => `${quote(k)} varchar`).join(', ')})`);
    const writer = new ChunkWriter(this.api, await this.conn.createAppender(keyTable), ['integer', ...keys.map(() => 'varchar' as const)]);
    this.keyTexts.forEach((texts, code) => {
      writer.set(0, code);
      texts.forEach((text, j) => writer.set(1 + j, text));
      writer.endRow();
    });
    writer.close();
    const dictionaries = new Map([...this.dictionaries].map(([f, codes]) => [f, [...codes.keys()]]));
    return { view: this.view, table, keyTable, signature, keyCodes: this.keyCodes, dictionaries };
  }

  private keyCode(keys: string[]): number {
    const id = keys.length === 1 ? keys[0]! : JSON.stringify(keys);
    let code = this.keyCodes.get(id);
    if (code === undefined) {
      this.keyCodes.set(id, (code = this.keyTexts.length));
      this.keyTexts.push(keys);
    }
    return code;
  }

  private encode(feature: string, type: FeatureType, value: FeatureScalar): number | null {
    if (value === null) return null;
    switch (type) {
      case 'float': {
        const n = Number(value);
        return Number.isNaN(n) ? null : n;
      }
      case 'int': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < -2147483648 || n > 2147483647) return this.bad(feature, type, value);
        return n;
      }
      case 'bool':
        return value === true || value === 1 ? 1 : value === false || value === 0 ? 0 : this.bad(feature, type, value);
      case 'string': {
        const dictionary = this.dictionaries.get(feature)!;
        const text = String(value);
        let code = dictionary.get(text);
        if (code === undefined) dictionary.set(text, (code = dictionary.size));
        return code;
      }
    }
  }

  private bad(feature: string, type: FeatureType, value: FeatureScalar): never {
    throw new FeatureStoreUsageError(`feature view "${this.view.name}": feature "${feature}": expected a ${type} value, received ${JSON.stringify(value)}`);
  }
}
