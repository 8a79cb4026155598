#!/usr/bin/env node
// The database side of one empty orchestrated step on Postgres, with and without waiting for the disk
// on the writes the outcome makes durable, alternated in one process (a diagnostic of the orchestrator
// bench, whose ratio at high machine load measures CPU hand-offs more than commits). Per step, both
// variants: the claim (an update of the step row), the step run's record (insert, then update) through
// the real SqlMetadataStore, and the completion (an update that always commits synchronously).
// "sync" commits all four synchronously (the code before 2026-12-03 21:00); "deferred" commits the
// first three with synchronous_commit off, as the orchestrator now does.
//
//   npx tsc -b tsconfig.build.json && node tools/bench/orchestrator/bench-step-commits.mjs [--steps 200] [--rounds 5]
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { machine, median, numberOption, repoRoot } from '../lib/common.mjs';

const require = createRequire(import.meta.url);
const { openSqlMetadataStore } = require(join(repoRoot, 'packages/sql-metadata/dist/index.js'));
const nSteps = numberOption('steps', 200);
const rounds = numberOption('rounds', 5);
const url = process.env.MLOPS_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_commits_${process.pid}`;
const store = openSqlMetadataStore({ kind: 'pg', connection: url, schema });
await store.migrate();
const knex = store.knex;
await knex.schema.withSchema(schema).createTable('steps', (t) => {
  t.text('id').primary();
  t.text('claim');
  t.text('status');
});
const lease = "(select set_config('synchronous_commit', 'off', true)) is not null";
const steps = () => knex.withSchema(schema).table('steps');
await store.createRun({ id: 'run', pipeline: 'p', status: 'running', params: {}, startedAt: 0, endedAt: null, error: null, host: 'bench', pid: 0, configDigest: null, tags: {} });

async function variant(name, deferred) {
  const opts = deferred ? { durableWithNextCommit: true } : undefined;
  await steps().insert(Array.from({ length: nSteps }, (_, i) => ({ id: `${name}${i}`, status: 'queued' })));
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < nSteps; i++) {
    const id = `${name}${i}`;
    const claim = steps().where({ id, status: 'queued' });
    if (deferred) claim.whereRaw(lease);
    await claim.update({ status: 'running', claim: id });
    await store.createStepRun({ id, runId: 'run', step: id, status: 'running', cacheKey: 'k', codeDigest: 'c', params: {}, startedAt: 1, endedAt: null, logs: '', error: null, cachedFrom: null }, opts);
    await store.finishStepRun(id, { status: 'succeeded', endedAt: 2, logs: '' }, opts);
    await steps().where({ id, claim: id }).update({ status: 'succeeded' });
  }
  return Number(process.hrtime.bigint() - t0) / 1e6 / nSteps;
}

const sync = [], deferred = [];
const load0 = loadavg()[0];
for (let r = 0; r < rounds; r++) {
  sync.push(await variant(`s${r}-`, false));
  deferred.push(await variant(`d${r}-`, true));
}
const out = { bench: 'step-commits', steps: nSteps, rounds, syncMsPerStep: sync.map((x) => +x.toFixed(2)), deferredMsPerStep: deferred.map((x) => +x.toFixed(2)), medianSync: +median(sync).toFixed(2), medianDeferred: +median(deferred).toFixed(2), speedup: +(median(sync) / median(deferred)).toFixed(2), load: [load0, loadavg()[0]].map((x) => +x.toFixed(2)), machine: machine() };
console.log(JSON.stringify(out, null, 2));
await knex.raw(`drop schema "${schema}" cascade`);
await store.close();
