import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { tokens } from '@mlops/core';
import { describeWithService, postgresTestUrl, startCuttableLink, tcpTargetOfUrl, type CuttableLink } from '@mlops/testkit';
import { assertBuilt, Cluster } from './__fixtures__/cluster';

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
      const o = cluster.orchestrator;
      // Six 1.5 s steps on three workers: three run when the link goes, and finish (and try to
      // record their completion) while it is down; three wait to be claimed.
      const { run } = await o.submit({ pipeline: 'fanout', params: { parts: 6, ms: 1500 } });
      const executions = (k: number) => {
        try {
          return readFileSync(join(cluster.dir, `${run.id}.work-${k}`), 'utf8').trim().split('\n').length;
        } catch {
          return 0;
        }
      };
      const started = () => [0, 1, 2, 3, 4, 5].filter((k) => executions(k) > 0).length;
      for (let i = 0; i < 400 && started() < 3; i++) await new Promise((r) => setTimeout(r, 50));
      expect(started()).toBeGreaterThanOrEqual(3);
      const before = link.accepted;
      link.cut();
      await new Promise((r) => setTimeout(r, 4000));
      // Nothing got through while the link was down, and no worker died of it.
      expect(cluster.workers.map((w) => w.exitCode ?? w.signalCode)).toEqual([null, null, null]);
      link.restore();
      // The workers did talk through the relay, and kept trying while it was down.
      expect(before).toBeGreaterThan(0);
      expect(link.accepted).toBeGreaterThan(before);

      const done = await o.waitForRun(run.id, { timeoutMs: 60_000 }).catch(async (e) => {
        console.log(JSON.stringify(await o.getRun(run.id), null, 1));
        throw e;
      });
      expect(done.status).toBe('succeeded');
      expect(done.steps.map((s) => s.status)).toEqual(done.steps.map(() => 'succeeded'));
      // A step whose completion could not be recorded ran again (at least once), but the metadata
      // store holds one succeeded step run per step and nothing else.
      const stepRuns = await cluster.runtime.get(tokens.metadataStore).listStepRuns(run.id);
      const succeeded = stepRuns.filter((s) => s.status === 'succeeded').map((s) => s.step).sort();
      expect(succeeded).toEqual(done.steps.map((s) => s.stepId).sort());
      for (let k = 0; k < 6; k++) expect(executions(k)).toBeGreaterThanOrEqual(1);
      expect(cluster.workers.map((w) => w.exitCode ?? w.signalCode)).toEqual([null, null, null]);

      // The workers reconnected: a new run goes through.
      const next = await o.waitForRun((await o.submit({ pipeline: 'fanout', params: { parts: 3, ms: 0 } })).run.id, { timeoutMs: 60_000 });
      expect(next.status).toBe('succeeded');
    }, 150_000);
  });
});
