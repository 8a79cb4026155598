import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { tokens } from '@mlops/core';
import { describeWithService, probeTcp, requireServiceOrSkip } from '@mlops/testkit';
import { assertBuilt, Cluster } from './__fixtures__/cluster';
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
    const o = cluster.orchestrator;
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
    await pg.crash();
    // Gone for everyone: nothing listens on its port.
    expect(probeTcp('127.0.0.1', pg.port).ok).toBe(false);
    await new Promise((r) => setTimeout(r, 2000));
    expect(cluster.workers.map((w) => w.exitCode ?? w.signalCode)).toEqual([null, null, null]);
    // It comes back through crash recovery, not a clean start.
    expect(await pg.start()).toMatch(/database system was interrupted|not properly shut down/);

    const done = await o.waitForRun(run.id, { timeoutMs: 60_000 }).catch(async (e) => {
      console.log(JSON.stringify(await o.getRun(run.id), null, 1));
      throw e;
    });
    expect(done.status).toBe('succeeded');
    expect(done.steps.map((s) => s.status)).toEqual(done.steps.map(() => 'succeeded'));
    const stepRuns = await cluster.runtime.get(tokens.metadataStore).listStepRuns(run.id);
    expect(stepRuns.filter((s) => s.status === 'succeeded').map((s) => s.step).sort()).toEqual(done.steps.map((s) => s.stepId).sort());
    for (let k = 0; k < 6; k++) expect(executions(k)).toBeGreaterThanOrEqual(1);
    expect(cluster.workers.map((w) => w.exitCode ?? w.signalCode)).toEqual([null, null, null]);
    const next = await o.waitForRun((await o.submit({ pipeline: 'fanout', params: { parts: 3, ms: 0 } })).run.id, { timeoutMs: 60_000 });
    expect(next.status).toBe('succeeded');
  }, 180_000);
});
