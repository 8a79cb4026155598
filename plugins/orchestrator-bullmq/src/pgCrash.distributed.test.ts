import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithService, probeTcp, requireServiceOrSkip } from '@mlops/testkit';
import { assertBuilt, Cluster } from './__fixtures__/cluster';
import { runThroughOutage } from './__fixtures__/outage';
import { OwnPostgres } from './__fixtures__/ownPostgres';

// The Postgres server itself crashes mid-run (every one of its processes SIGKILLed, so WAL not yet
// flushed is lost) and comes back through crash recovery: a server of our own, so nobody else's
// tests see it go. What the orchestrator README's failure table says for this case, shown.
describeWithService('redis', { host: '127.0.0.1', port: 6379 }, () => {
  if (!requireServiceOrSkip('PostgreSQL binaries (initdb, postgres)', () => (OwnPostgres.binaries() ? { ok: true } : { ok: false, detail: 'no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql)' }))) return;
  let pg: OwnPostgres;
  let cluster: Cluster;
  beforeAll(async () => {
    assertBuilt();
    pg = await OwnPostgres.start();
    cluster = new Cluster('redis://127.0.0.1:6379', pg.url);
    await cluster.open();
    await Promise.all([cluster.startWorker(), cluster.startWorker(), cluster.startWorker()]);
  }, 90_000);
  afterAll(async () => {
    await cluster?.close();
    await pg?.stop();
  }, 60_000);

  it('Postgres SIGKILLed mid-run and restarted: workers stay up, the run succeeds, every step recorded once', async () => {
    await runThroughOutage(cluster, {
      ms: 2000,
      down: async () => {
        await pg.crash();
        // Gone for everyone: nothing listens on its port.
        expect(probeTcp('127.0.0.1', pg.port).ok).toBe(false);
      },
      // It comes back through crash recovery, not a clean start.
      up: async () => void expect(await pg.start()).toMatch(/database system was interrupted|not properly shut down/),
    });
  }, 180_000);
});
