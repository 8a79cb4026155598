import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { silentLogger } from '@mlops/core';
import { ManualClock } from '@mlops/schedule';
import { openSqlMetadataStore, sqlHandleOf, type SqlMetadataStore } from '@mlops/sql-metadata';
import { describeWithService, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';
import { BullmqOrchestrator } from './BullmqOrchestrator';
import { orchestratorMigrations, RunStore } from '@mlops/orchestration';
import { bullmqOrchestratorOptions } from './options';

const redisUrl = process.env.MLOPS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const at = (s: string) => Date.parse(s);
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

describeWithService('redis', tcpTargetOfUrl(redisUrl, 6379), () => {
  const prefix = uniqueTestName('orch');
  const dir = mkdtempSync(join(tmpdir(), 'mlops-orch-schedules-'));
  let store: SqlMetadataStore;
  const clock = new ManualClock(at('2026-03-27T12:00:00Z'));
  // The nightly 02:30 in Berlin; the week of the spring-forward night (29 March).
  const options = bullmqOrchestratorOptions.parse({
    redisUrl,
    prefix,
    schedules: {
      backfilled: { pipeline: 'retrain', cron: '30 2 * * *', timeZone: 'Europe/Berlin', catchUp: 'backfill' },
      skipped: { pipeline: 'retrain', cron: '30 2 * * *', timeZone: 'Europe/Berlin', catchUp: 'skip' },
      once: { pipeline: 'retrain', cron: '30 2 * * *', timeZone: 'Europe/Berlin', catchUp: 'once' },
    },
  });
  const open = async () => {
    const database = store.database;
    const o = new BullmqOrchestrator(options, { store: new RunStore(sqlHandleOf(database, 'test')), metadata: store, logger: silentLogger, migrate: () => database.migrate('orchestrator', orchestratorMigrations), clock });
    await o.start();
    return o;
  };
  const firedFor = async (o: BullmqOrchestrator) =>
    (await o.listRuns({ limit: 100 }))
      .map((r) => `${r.trigger.source}@${iso(r.trigger.scheduledFor)}`)
      .sort();
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
  };

  beforeAll(async () => {
    store = openSqlMetadataStore({ kind: 'sqlite', path: join(dir, 'metadata.sqlite') });
    await store.start();
  });
  afterAll(async () => {
    await store.close();
    const queue = new Queue(options.queue, { connection: { host: new URL(redisUrl).hostname, port: Number(new URL(redisUrl).port || 6379) }, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fires at the fire time, then after downtime catches up per policy: backfill each, once the latest, skip none', async () => {
    const first = await open();
    await first.serveScheduler();
    // A new schedule owes nothing from before it existed.
    expect(await firedFor(first)).toEqual([]);
    expect((await first.schedules()).map((s) => `${s.name} next ${iso(s.nextFireAt ?? undefined)}`)).toEqual([
      'backfilled next 2026-03-28T01:30:00.000Z',
      'skipped next 2026-03-28T01:30:00.000Z',
      'once next 2026-03-28T01:30:00.000Z',
    ]);
    clock.advanceTo(at('2026-03-28T01:30:00Z'));
    await until(async () => (await firedFor(first)).length === 3);
    expect(await firedFor(first)).toEqual(['backfilled@2026-03-28T01:30:00.000Z', 'once@2026-03-28T01:30:00.000Z', 'skipped@2026-03-28T01:30:00.000Z']);
    const run = (await first.listRuns({ limit: 1 }))[0];
    expect(run).toMatchObject({ pipeline: 'retrain', status: 'running', trigger: { kind: 'schedule' }, idempotencyKey: `schedule:${run.trigger.source}@2026-03-28T01:30:00.000Z` });
    await first.close();

    // Down for two nights: 03:00 CEST on the 29th (02:30 does not exist) and 02:30 on the 30th.
    clock.advanceTo(at('2026-03-30T06:00:00Z'));
    const second = await open();
    await second.serveScheduler();
    expect(await firedFor(second)).toEqual([
      'backfilled@2026-03-28T01:30:00.000Z',
      'backfilled@2026-03-29T01:00:00.000Z',
      'backfilled@2026-03-30T00:30:00.000Z',
      'once@2026-03-28T01:30:00.000Z',
      'once@2026-03-30T00:30:00.000Z',
      'skipped@2026-03-28T01:30:00.000Z',
    ]);
    expect((await second.schedules()).map((s) => s.lastFiredFor)).toEqual([at('2026-03-30T00:30:00Z'), at('2026-03-30T00:30:00Z'), at('2026-03-30T00:30:00Z')]);
    await second.close();
    // A second scheduler over the same state (or a restart) fires nothing twice.
    const third = await open();
    await third.serveScheduler();
    expect(await firedFor(third)).toHaveLength(6);
    await third.close();
  });
});
