import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithService, postgresTestUrl, startCuttableLink, tcpTargetOfUrl, type CuttableLink } from '@mlops/testkit';
import { assertBuilt, Cluster } from './__fixtures__/cluster';
import { runThroughOutage } from './__fixtures__/outage';

// The workers reach Postgres through a relay this test cuts mid-run (the test process itself talks
// to Postgres directly, as the rest of the team would): an outage of the database for the workers,
// on the real server, without stopping it for anyone else.
describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  describeWithService('redis', { host: '127.0.0.1', port: 6379 }, () => {
    let link: CuttableLink;
    let cluster: Cluster;
    beforeAll(async () => {
      assertBuilt();
      const direct = new URL(postgresTestUrl());
      link = await startCuttableLink({ host: direct.hostname, port: Number(direct.port || 5432) });
      const relayed = new URL(direct);
      relayed.hostname = '127.0.0.1';
      relayed.port = String(link.port);
      cluster = new Cluster('redis://127.0.0.1:6379');
      await cluster.open();
      const env = { ORCH_TEST_PG_URL: relayed.toString() };
      await Promise.all([cluster.startWorker(env), cluster.startWorker(env), cluster.startWorker(env)]);
    }, 60_000);
    afterAll(async () => {
      link?.restore();
      await cluster?.close();
      await link?.close();
    }, 60_000);

    it('the database unreachable for 4 s mid-run: workers stay up, the run succeeds once it is back, every step recorded once', async () => {
      let before = 0;
      await runThroughOutage(cluster, {
        ms: 4000,
        down: async () => {
          before = link.accepted;
          link.cut();
        },
        up: async () => {
          // The workers did talk through the relay, and kept trying while it was down.
          expect(before).toBeGreaterThan(0);
          expect(link.accepted).toBeGreaterThan(before);
          link.restore();
        },
      });
    }, 150_000);
  });
});
