// The ingester as its own process, so a test can kill -9 it. Loads the TypeScript sources with jiti
// (children do not run under jest's transform).
// argv: <sqlite file> <stream source JSON> <consumer name> <pause at online write n, 0: never>
// Prints `paused` when it holds a batch after its online write (its offline append runs alongside)
// and `batch <received>` after each committed batch.
const { join } = require('node:path');
const { createJiti } = require('jiti');
const knexFactory = require('knex');
const { sqliteKnexConfig } = require('@mlops/sql-metadata');

const jiti = createJiti(__filename);
const { SqlFeatureStore } = jiti(join(__dirname, '..', '..', 'SqlFeatureStore.ts'));
const { EmbeddedOnlineStore } = jiti(join(__dirname, '..', '..', 'online', 'EmbeddedOnlineStore.ts'));
const { streamFeatures, streamSourceFromJson } = jiti(join(__dirname, 'streamFeatures.ts'));

async function main() {
  const [file, sourceJson, consumerName, pauseAt] = process.argv.slice(2);
  const knex = knexFactory(sqliteKnexConfig(file, { busyTimeoutMs: 30_000 }));
  const target = { knex, schema: undefined, dialect: 'sqlite' };
  const embedded = new EmbeddedOnlineStore({ knex });
  let writes = 0;
  // Holds the chosen batch after its online write, before the acknowledgement: the kill lands there.
  const online = {
    start: () => embedded.start(),
    read: (...a) => embedded.read(...a),
    deleteView: (v) => embedded.deleteView(v),
    async write(view, rows, options) {
      await embedded.write(view, rows, options);
      if (++writes === Number(pauseAt)) {
        process.stdout.write('paused\n');
        await new Promise(() => {});
      }
    },
  };
  const defs = streamFeatures(streamSourceFromJson(sourceJson));
  const store = new SqlFeatureStore({ definitions: defs, registry: target, online, projectRoot: __dirname });
  await store.start();
  const stop = new AbortController();
  process.on('SIGTERM', () => stop.abort());
  const done = await store.ingest('customer_stream', { signal: stop.signal, batchSize: 50, consumerName, onBatch: (p) => process.stdout.write(`batch ${p.received}\n`) });
  process.stdout.write(`stopped ${done.received}\n`);
  await store.close();
  await knex.destroy();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
