// A second process writing to the same SQLite file through EmbeddedOnlineStore (loaded from its
// TypeScript source by jiti, since children do not run under jest's transform).
// argv: <sqlite file> <view> <writer index> <writers> <entities>
const { join } = require('node:path');
const { createJiti } = require('jiti');
const knexFactory = require('knex');
const { sqliteKnexConfig } = require('@mlops/sql-metadata');

const jiti = createJiti(__filename);
const { EmbeddedOnlineStore } = jiti(join(__dirname, '..', 'EmbeddedOnlineStore.ts'));

async function main() {
  const [file, view, w, writers, entities] = process.argv.slice(2);
  const [writer, count, n] = [Number(w), Number(writers), Number(entities)];
  const knex = knexFactory(sqliteKnexConfig(file, { busyTimeoutMs: 30_000 }));
  try {
    const store = new EmbeddedOnlineStore({ knex });
    await store.start();
    const t0 = 1_750_000_000_000;
    const rows = Array.from({ length: n }, (_, i) => ({ entityKey: `e${i}`, eventTimestamp: t0 + ((writer + i) % count), values: { writer, i } }));
    for (let at = 0; at < rows.length; at += 25) await store.write(view, rows.slice(at, at + 25));
  } finally {
    await knex.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
