import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { silentLogger, tokens } from '@mlops/core';
import { orchestratorMigrations, RunStore } from '@mlops/orchestration';
import { ManualClock } from '@mlops/schedule';
import { sqlHandleOf } from '@mlops/sql-metadata';
import { assertBuilt, LocalProject, projectConfig } from './__fixtures__/project';
import { DispatcherRegistry } from './lib/DispatcherRegistry';
import { LocalOrchestrator } from './LocalOrchestrator';
import { localOrchestratorMigrations } from './migrations/0001_local_dispatchers';
import { localOrchestratorOptions } from './options';

const at = (s: string) => Date.parse(s);
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

// The project's runtime gives the SQLite database and metadata store; the orchestrators under test
// are built over them with a clock that moves only when told.
const project = new LocalProject({ pollIntervalMs: 100, heartbeatMs: 200, staleAfterMs: 1500 });
const clock = new ManualClock(at('2026-03-27T12:00:00Z'));
// The nightly 02:30 in Berlin; the week of the spring-forward night (29 March).
const options = localOrchestratorOptions.parse({
  pollIntervalMs: 100,
  schedules: {
    backfilled: { pipeline: 'quick', cron: '30 2 * * *', timeZone: 'Europe/Berlin', catchUp: 'backfill' },
    skipped: { pipeline: 'quick', cron: '30 2 * * *', timeZone: 'Europe/Berlin', catchUp: 'skip' },
    once: { pipeline: 'quick', cron: '30 2 * * *', timeZone: 'Europe/Berlin', catchUp: 'once' },
  },
});

async function open(): Promise<LocalOrchestrator> {
  const database = project.runtime.get(tokens.database);
  const sql = sqlHandleOf(database, 'test');
  const o = new LocalOrchestrator(options, {
    store: new RunStore(sql),
    dispatchers: new DispatcherRegistry(() => sql),
    metadata: project.runtime.get(tokens.metadataStore),
    logger: silentLogger,
    clock,
    migrate: async () => {
      await database.migrate('orchestrator', orchestratorMigrations);
      await database.migrate('orchestrator_local', localOrchestratorMigrations);
    },
  });
  await o.serveScheduler({ configFile: projectConfig });
  return o;
}

const firedFor = async (o: LocalOrchestrator) =>
  (await o.listRuns({ limit: 100 }))
    .filter((r) => r.trigger.kind === 'schedule')
    .map((r) => `${r.trigger.source}@${iso(r.trigger.scheduledFor)}`)
    .sort();

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
}

beforeAll(async () => {
  assertBuilt();
  await project.open();
}, 60_000);
afterAll(() => project.close(), 60_000);

it('fires at the fire time with no Redis, then after downtime catches up per policy: backfill each, once the latest, skip none', async () => {
  const first = await open();
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
  // The scheduler process runs what it fired.
  const fired = await first.listRuns({ limit: 3 });
  for (const r of fired) expect(await first.waitForRun(r.id, { timeoutMs: 60_000 })).toMatchObject({ status: 'succeeded', trigger: { kind: 'schedule' }, idempotencyKey: `schedule:${r.trigger.source}@2026-03-28T01:30:00.000Z`, tags: { schedule: r.trigger.source } });
  await first.close();

  // Down for two nights: 03:00 CEST on the 29th (02:30 does not exist) and 02:30 on the 30th.
  clock.advanceTo(at('2026-03-30T06:00:00Z'));
  const second = await open();
  expect(await firedFor(second)).toEqual([
    'backfilled@2026-03-28T01:30:00.000Z',
    'backfilled@2026-03-29T01:00:00.000Z',
    'backfilled@2026-03-30T00:30:00.000Z',
    'once@2026-03-28T01:30:00.000Z',
    'once@2026-03-30T00:30:00.000Z',
    'skipped@2026-03-28T01:30:00.000Z',
  ]);
  expect((await second.schedules()).map((s) => s.lastFiredFor)).toEqual([at('2026-03-30T00:30:00Z'), at('2026-03-30T00:30:00Z'), at('2026-03-30T00:30:00Z')]);
  await until(async () => (await second.queueStatus()).runs.succeeded === 6);
  expect((await second.queueStatus()).runs).toEqual({ succeeded: 6 });
  await second.close();
  // A second scheduler over the same state (or a restart) fires nothing twice.
  const third = await open();
  expect(await firedFor(third)).toHaveLength(6);
  await third.close();
}, 120_000);
