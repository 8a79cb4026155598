import knexFactory, { type Knex } from 'knex';
import { readSql } from './readSql';

let db: Knex;
beforeAll(async () => {
  db = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  await db.schema.createTable('trips', (t) => {
    t.integer('id');
    t.float('distance');
    t.string('city');
    t.boolean('paid');
  });
  await db('trips').insert([
    { id: 1, distance: 1.5, city: 'Oslo', paid: true },
    { id: 2, distance: null, city: 'Lima', paid: false },
    { id: 3, distance: 7.25, city: null, paid: true },
  ]);
});
afterAll(() => db.destroy());

describe('readSql', () => {
  it('builds a frame from a query result', async () => {
    const frame = await readSql(db, 'select id, distance, city from trips order by id');
    expect(frame.schema()).toEqual([
      { name: 'id', dtype: 'int32', nullable: false },
      { name: 'distance', dtype: 'float64', nullable: true },
      { name: 'city', dtype: 'category', nullable: true },
    ]);
    expect(frame.toRows()).toEqual([
      { id: 1, distance: 1.5, city: 'Oslo' },
      { id: 2, distance: null, city: 'Lima' },
      { id: 3, distance: 7.25, city: null },
    ]);
  });

  it('passes bindings and honours an explicit schema', async () => {
    const frame = await readSql(db, 'select id, paid from trips where id >= ? order by id', [2], { schema: { id: 'float64', paid: 'bool' } });
    expect(frame.schema().map((s) => s.dtype)).toEqual(['float64', 'bool']);
    expect(frame.toRows()).toEqual([
      { id: 2, paid: false },
      { id: 3, paid: true },
    ]);
    const named = await readSql(db, 'select count(*) as n from trips where city = :city', { city: 'Oslo' });
    expect(named.toRows()).toEqual([{ n: 1 }]);
  });

  it('returns an empty frame for an empty result', async () => {
    const frame = await readSql(db, 'select id from trips where id > 100');
    expect(frame.rowCount).toBe(0);
  });
});
