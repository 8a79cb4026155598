import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithService, postgresTestUrl, requireServiceOrSkip, tcpTargetOfUrl } from '@mlops/testkit';
import { assertBuilt, Cluster, OwnRedis } from './__fixtures__/cluster';

const redisServerInstalled = () => {
  try {
    require('node:child_process').execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return { ok: true };
  } catch {
    return { ok: false, detail: 'redis-server is not installed (apt-get install redis-server)' };
  }
};

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  // Our own redis-server (nothing on disk), so restarting it touches no one else's data.
  if (!requireServiceOrSkip('redis-server binary', redisServerInstalled)) return;
  let redis: OwnRedis;
  let cluster: Cluster;
  beforeAll(async () => {
    assertBuilt();
    redis = await OwnRedis.start();
    cluster = new Cluster(redis.url);
    await cluster.open();
    await Promise.all([cluster.startWorker(), cluster.startWorker(), cluster.startWorker()]);
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
    await redis?.stop();
  }, 60_000);

  it('a Redis restart mid-run (all jobs lost) loses no step: waiting ones are re-enqueued from the database, running ones finish once', async () => {
    const o = cluster.orchestrator;
    // Six 2 s steps on three workers: three run while three wait in Redis when it goes away.
    const { run } = await o.submit({ pipeline: 'fanout', params: { parts: 6, ms: 2000 } });
    const started = () => [0, 1, 2, 3, 4, 5].filter((k) => {
      try {
        return readFileSync(join(cluster.dir, `${run.id}.work-${k}`), 'utf8').length > 0;
      } catch {
        return false;
      }
    }).length;
    for (let i = 0; i < 300 && started() < 3; i++) await new Promise((r) => setTimeout(r, 50));
    expect(started()).toBe(3);
    await redis.stop();
    await new Promise((r) => setTimeout(r, 1000));
    await redis.start();
    const done = await o.waitForRun(run.id, { timeoutMs: 30_000 }).catch(async (e) => {
      console.log(JSON.stringify(await o.getRun(run.id), null, 1), JSON.stringify(await o.queueStatus()));
      throw e;
    });
    expect(done.status).toBe('succeeded');
    // Every work step ran exactly once: no lost step, no second execution of a running one.
    for (let k = 0; k < 6; k++) expect(readFileSync(join(cluster.dir, `${run.id}.work-${k}`), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(done.steps.find((s) => s.stepId === 'join')!.status).toBe('succeeded');
    // The queue is usable after the restart: a new run goes through.
    const next = await o.waitForRun((await o.submit({ pipeline: 'fanout', params: { parts: 2, ms: 0 } })).run.id, { timeoutMs: 60_000 });
    expect(next.status).toBe('succeeded');
  }, 150_000);
});
