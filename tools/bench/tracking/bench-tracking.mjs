#!/usr/bin/env node
// @mlops/tracker vs the same work hand-written on raw knex, on a temp SQLite file:
//  (a) logging 100k metric points (runs × 10 metrics × steps), in batches of `--batch-steps` steps as
//      a trainer flushing every few iterations would; raw = the same INSERTs of points plus the same
//      latest-value upsert, in one transaction per batch, without validation or chunking logic;
//  (b) searching 10k runs (10 params, 10 metrics, 2 tags each): a filter on a metric and a param,
//      ordered by a metric, page of 50 with full details, plus the total; raw = one hand-written
//      join query, a count, and the same six detail queries; and the newest page with no filter.
//
//   npx tsc -b plugins/tracker && node tools/bench/tracking/bench-tracking.mjs [--runs 100] [--steps 100] [--batch-steps 10] [--search-runs 10000] [--repeats 3] [--query-repeats 20]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuilt, machine, median, numberOption, secondsSince } from '../lib/common.mjs';

const runs = numberOption('runs', 100);
const steps = numberOption('steps', 100);
const batchSteps = numberOption('batch-steps', 10);
const searchRuns = numberOption('search-runs', 10_000);
const repeats = numberOption('repeats', 3);
const queryRepeats = numberOption('query-repeats', 20);
const metricKeys = Array.from({ length: 10 }, (_, k) => `m${k}`);
const filter = 'metrics.m0 > 0.5 and params.p3 = 2';

const { openSqlMetadataStore, sqlStoreOf } = loadBuilt('packages/sql-metadata');
const { SqlTracker } = loadBuilt('plugins/tracker');

const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-tracking-'));
const store = openSqlMetadataStore({ kind: 'sqlite', path: join(dir, 'metadata.sqlite') });
await store.start();
const tracker = new SqlTracker(sqlStoreOf(store, 'tracker'));
await tracker.start();
const knex = store.knex;
console.log(JSON.stringify({ machine: machine(), runs, metrics: metricKeys.length, steps, points: runs * metricKeys.length * steps, batchSteps, searchRuns, repeats, queryRepeats }));

try {
  await benchLogging();
  if (searchRuns > 0) await benchSearch();
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

/** The batches a trainer logging every metric at every step, flushing every `batchSteps` steps, sends. */
function batchesOf(runIndex) {
  const batches = [];
  for (let s0 = 0; s0 < steps; s0 += batchSteps) {
    const batch = [];
    for (let s = s0; s < Math.min(steps, s0 + batchSteps); s++) {
      for (const key of metricKeys) batch.push({ key, value: Math.sin(runIndex + s), step: s, timestamp: 1_700_000_000_000 + s });
    }
    batches.push(batch);
  }
  return batches;
}

async function logThroughTracker(rep) {
  const ids = [];
  for (let r = 0; r < runs; r++) ids.push((await tracker.startRun({ experiment: `log-tracker-${rep}` })).id);
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < runs; r++) for (const batch of batchesOf(r)) await tracker.logMetrics(ids[r], batch);
  return secondsSince(t0);
}

async function logRaw(rep) {
  const ids = [];
  for (let r = 0; r < runs; r++) ids.push((await tracker.startRun({ experiment: `log-raw-${rep}` })).id);
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < runs; r++) {
    for (const batch of batchesOf(r)) {
      await knex.transaction(async (trx) => {
        const rows = batch.map((p) => ({ run_id: ids[r], key: p.key, value: p.value, step: p.step, timestamp: p.timestamp }));
        // 500 rows per INSERT: knex's SQLite multi-row insert is a compound select, limited to 500 terms.
        for (let i = 0; i < rows.length; i += 500) await trx('tracker_metrics').insert(rows.slice(i, i + 500));
        const latest = new Map();
        for (const row of rows) latest.set(row.key, row); // points arrive in step order
        await trx('tracker_latest_metrics').insert([...latest.values()]).onConflict(['run_id', 'key']).merge(['value', 'step', 'timestamp']);
      });
    }
  }
  return secondsSince(t0);
}

async function benchLogging() {
  const ours = [];
  const raw = [];
  for (let rep = 0; rep < repeats; rep++) {
    ours.push(await logThroughTracker(rep));
    raw.push(await logRaw(rep));
  }
  const points = runs * metricKeys.length * steps;
  const calls = runs * Math.ceil(steps / batchSteps);
  console.log(`\n(a) logging ${points} metric points in ${calls} batches of ${batchSteps * metricKeys.length}, median of ${repeats}:`);
  line('tracker.logMetrics', median(ours), `${Math.round(points / median(ours)).toLocaleString('en')} points/s`);
  line('raw knex', median(raw), `${Math.round(points / median(raw)).toLocaleString('en')} points/s`);
  console.log(`  ratio tracker/raw ×${(median(ours) / median(raw)).toFixed(2)}`);
}

/** Params p0..p8 numbers, p9 a string; metrics in [0, 1), m3 missing on every seventh run. */
async function seedSearchRuns() {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < searchRuns; i++) {
    const run = await tracker.startRun({
      experiment: 'search',
      name: `r${i}`,
      startedAt: 1_650_000_000_000 + i,
      params: Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`p${k}`, k === 9 ? `model-${i % 5}` : i % (k + 2)])),
      tags: { team: ['risk', 'growth', 'ops'][i % 3], batch: String(i % 10) },
    });
    const metrics = metricKeys.map((key, k) => ({ key, value: ((i * 7919 + k * 104729) % 10007) / 10007, step: 0 })).filter((m) => m.key !== 'm3' || i % 7 !== 0);
    await tracker.logMetrics(run.id, metrics);
  }
  return secondsSince(t0);
}


async function searchRaw() {
  const base = () =>
    knex('tracker_runs as r')
      .join('tracker_latest_metrics as f', (j) => j.on('f.run_id', 'r.id').andOnVal('f.key', 'm0').andOnVal('f.value', '>', 0.5))
      .join('tracker_param_leaves as p', (j) => j.on('p.run_id', 'r.id').andOnVal('p.path', 'p3').andOnVal('p.num', 2))
      .where('r.experiment', 'search');
  const [rows, [{ n }]] = await Promise.all([
    base()
      .select('r.*')
      .leftJoin('tracker_latest_metrics as o', (j) => j.on('o.run_id', 'r.id').andOnVal('o.key', 'm3'))
      .orderByRaw('o.value is null, o.value desc, r.started_at desc, r.id desc')
      .limit(50),
    base().count({ n: '*' }),
  ]);
  const ids = rows.map((r) => r.id);
  const [params, metrics, tags, datasets, artifacts, environments] = await Promise.all([
    knex('tracker_params').whereIn('run_id', ids),
    knex('tracker_latest_metrics').select('run_id', 'key', 'value').whereIn('run_id', ids),
    knex('tracker_tags').whereIn('run_id', ids),
    knex('tracker_datasets').whereIn('run_id', ids),
    knex('tracker_artifacts').whereIn('run_id', ids),
    knex('tracker_environments').whereIn('run_id', ids),
  ]);
  const byRun = new Map(rows.map((r) => [r.id, { ...r, params: {}, metrics: {}, tags: {}, datasets, artifacts, environments }]));
  for (const p of params) byRun.get(p.run_id).params[p.key] = JSON.parse(p.value);
  for (const m of metrics) byRun.get(m.run_id).metrics[m.key] = m.value;
  for (const t of tags) byRun.get(t.run_id).tags[t.key] = t.value;
  return { runs: [...byRun.values()], total: Number(n) };
}

async function timeQueries(fn) {
  await fn(); // warm the page cache and knex's pool
  const times = [];
  for (let i = 0; i < queryRepeats; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(secondsSince(t0));
  }
  return median(times);
}

async function benchSearch() {
  const seeded = await seedSearchRuns();
  console.log(`\n(b) searching ${searchRuns} runs (seeded through the tracker in ${seeded.toFixed(1)} s, ${Math.round(searchRuns / seeded)} runs/s), median of ${queryRepeats}:`);
  const ours = await tracker.searchRuns({ experiment: 'search', filter, orderBy: 'metrics.m3 desc', limit: 50 });
  const raw = await searchRaw();
  // Both must return the same page, or the comparison means nothing.
  if (ours.total !== raw.total || ours.runs.map((r) => r.id).join() !== raw.runs.map((r) => r.id).join()) throw new Error('tracker and raw query disagree');
  const t = await timeQueries(() => tracker.searchRuns({ experiment: 'search', filter, orderBy: 'metrics.m3 desc', limit: 50 }));
  const r = await timeQueries(searchRaw);
  console.log(`  "${filter}", order by metrics.m3 desc, page of 50 of ${ours.total} + total:`);
  line('tracker.searchRuns', t);
  line('raw knex', r);
  console.log(`  ratio tracker/raw ×${(t / r).toFixed(2)}`);
  const newest = await timeQueries(() => tracker.searchRuns({ experiment: 'search', limit: 50 }));
  line('newest page of 50, no filter', newest);
  const deep = await timeQueries(() => tracker.searchRuns({ experiment: 'search', orderBy: 'params.p9, metrics.m1 desc', limit: 50, offset: 9000 }));
  line('order by a param then a metric, offset 9000', deep);
}

function line(name, seconds, extra = '') {
  const shown = seconds < 1 ? `${(seconds * 1000).toFixed(1)} ms` : `${seconds.toFixed(2)} s`;
  console.log(`  ${name.padEnd(44)} ${shown.padStart(10)}   ${extra}`);
}
