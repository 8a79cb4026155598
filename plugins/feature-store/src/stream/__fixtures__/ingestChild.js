// The ingester as its own process, so a test can kill -9 it. Loads the TypeScript sources with jiti
// (children do not run under jest's transform).
// argv: <sqlite file> <stream source JSON> <consumer name> <pause after offline commit n, 0: never>
// Prints `paused` when it holds a batch after its offline append committed (its online write came
// first), before the acknowledgement, and `batch <received>` after each acknowledged batch.
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
  let ingesting = false;
  let appends = 0;
  // Holds the chosen offline append once its transaction has committed, before the
  // acknowledgement: the kill lands there. (During ingestion the only transactions are appends.)
  const offlineKnex = new Proxy(knex, {
    get(target, property, receiver) {
      if (property !== 'transaction') return Reflect.get(target, property, receiver);
      return async (work) => {
        const result = await target.transaction(work);
        if (ingesting && ++appends === Number(pauseAt)) {
          process.stdout.write('paused\n');
          await new Promise(() => {});
        }
        return result;
      };
    },
  });
  const target = { knex: offlineKnex, schema: undefined, dialect: 'sqlite' };
  const online = new EmbeddedOnlineStore({ knex });
  const defs = streamFeatures(streamSourceFromJson(sourceJson));
  const store = new SqlFeatureStore({ definitions: defs, registry: target, online, projectRoot: __dirname });
  await store.start();
  const stop = new AbortController();
  process.on('SIGTERM', () => stop.abort());
  ingesting = true;
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
