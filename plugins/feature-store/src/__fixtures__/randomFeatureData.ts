import { writeFile } from 'node:fs/promises';
import type { Knex } from 'knex';
import { Frame } from '@mlops/frame';
import { mulberry32 } from '@mlops/eval';

/** One generated feature row; `order` is its position in the source (ties: the later one wins). */
export interface FeatureRow {
  customer_id: number;
  ts: number;
  spend: number | null;
  orders: number | null;
  segment: string | null;
  active: boolean | null;
}

/** A seeded generator, so a failing case can be replayed. */
export const rng = mulberry32;

/**
 * Feature rows on a coarse time grid (step 10 ms over `span`) so many share a timestamp, and
 * entity rows whose times are often exactly a feature time or exactly `ttl` after one.
 */
export function randomFeatureData(seed: number, options: { entities: number; featureRows: number; entityRows: number; ttl: number; span: number }) {
  const r = rng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const maybe = <T>(v: T) => (r() < 0.1 ? null : v);
  const features: FeatureRow[] = [];
  for (let i = 0; i < options.featureRows; i++) {
    features.push({
      customer_id: int(options.entities),
      ts: int(options.span / 10) * 10,
      spend: maybe(Math.round(r() * 10000) / 100),
      orders: maybe(int(50)),
      segment: maybe(['a', 'b', 'c', 'd'][int(4)]!),
      active: maybe(r() < 0.5),
    });
  }
  const entityRows: { customer_id: number; event_timestamp: number; amount: number }[] = [];
  for (let i = 0; i < options.entityRows; i++) {
    const pick = features[int(features.length)]!;
    const kind = int(4);
    // Unknown entities (id >= entities) must give nulls.
    const customer_id = r() < 0.05 ? options.entities + int(5) : kind === 0 ? pick.customer_id : int(options.entities);
    const base = kind === 1 ? pick.ts : kind === 2 ? pick.ts + options.ttl : kind === 3 ? pick.ts + options.ttl + 10 : int(options.span + options.ttl);
    entityRows.push({ customer_id: kind === 1 || kind === 2 ? pick.customer_id : customer_id, event_timestamp: base, amount: Math.round(r() * 1000) });
  }
  return { features, entityRows };
}

/** Brute force: for each entity row, the latest feature row at or before its time within ttl (null ttl: any age); ties → later row. */
export function oracle(features: readonly FeatureRow[], rows: readonly { customer_id: number; event_timestamp: number }[], ttl: number | null): (FeatureRow | null)[] {
  return rows.map((row) => {
    let best: FeatureRow | null = null;
    for (const f of features) {
      if (f.customer_id !== row.customer_id || f.ts > row.event_timestamp) continue;
      if (ttl !== null && row.event_timestamp - f.ts > ttl) continue;
      if (best === null || f.ts >= best.ts) best = f;
    }
    return best;
  });
}

/** Creates `table` and inserts the rows in order (the order SQL sources are staged in). */
export async function loadFeatureTable(db: Knex, table: string, rows: readonly FeatureRow[], schema?: string): Promise<void> {
  const s = schema ? db.schema.withSchema(schema) : db.schema;
  await s.createTable(table, (t) => {
    t.integer('customer_id');
    t.double('ts');
    t.double('spend');
    t.integer('orders');
    t.text('segment');
    t.boolean('active');
  });
  for (let i = 0; i < rows.length; i += 500) await (schema ? db.withSchema(schema) : db).table(table).insert(rows.slice(i, i + 500));
}

/** Writes the rows as CSV (ts as epoch ms), in order. */
export async function writeFeatureCsv(path: string, rows: readonly FeatureRow[]): Promise<void> {
  const cell = (v: unknown) => (v === null ? '' : String(v));
  const lines = rows.map((f) => [f.customer_id, f.ts, f.spend, f.orders, f.segment, f.active].map(cell).join(','));
  await writeFile(path, `customer_id,ts,spend,orders,segment,active\n${lines.join('\n')}\n`);
}

/** Entity rows as a Frame with a timestamp column. */
export function entityFrame(rows: readonly { customer_id: number; event_timestamp: number; amount: number }[]): Frame {
  return Frame.fromRows(rows, { customer_id: 'int32', event_timestamp: 'timestamp', amount: 'float64' });
}
