#!/usr/bin/env node
// Cost of the monitor's part of a `/metrics` scrape: what the server does per scrape with the
// monitor source on (its own registry's text, plus the monitor's cached families rendered by core's
// renderMetricFamilies) against off (its own registry's text only), measured in the same run. The
// monitor's cache holds the last evaluation of one model with --features numeric features (drift,
// mean/std/null rate vs baseline for each) and a computed performance; a scrape never touches the
// database, so this is all the source adds. Ratio = median time on / median time off.
//
//   npx tsc -b tsconfig.build.json && node tools/bench/monitor/bench-metrics-scrape.mjs [--features 100] [--scrapes 2000] [--runs 5]
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadBuilt, machine, median, numberOption, repoRoot, secondsSince } from '../lib/common.mjs';

const features = numberOption('features', 100);
const scrapes = numberOption('scrapes', 2000);
const runs = numberOption('runs', 5);
const monitor = loadBuilt('plugins/monitor');
const { DatasetProfile } = loadBuilt('packages/drift');
const { renderMetricFamilies } = loadBuilt('packages/core');
const { ServerMetrics } = createRequire(import.meta.url)(join(repoRoot, 'plugins/server/dist/lib/ServerMetrics.js'));

let state = 7;
const random = () => ((state = (state * 16807) % 2147483647) / 2147483647);
const normal = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
const profileOf = (rows, shift) => {
  const p = DatasetProfile.empty();
  const tensors = Object.fromEntries(Array.from({ length: features }, (_, c) => [`feature_${c}`, { data: Float64Array.from({ length: rows }, () => normal() + (c % 5 === 0 ? shift : 0)), dims: [rows, 1] }]));
  monitor.profileTensors(p, 'input', tensors, rows);
  p.rowCount = rows;
  return p;
};

// The server's registry as a busy server has it: requests by route and status, predictions by class.
const server = new ServerMetrics();
for (let i = 0; i < 1000; i++) {
  server.requestDuration.observe({ route: '/predict', status: i % 50 ? '200' : '422' }, random() / 100);
  server.predictions.inc({ model: 'bench', class: i % 2 ? 'yes' : 'no' });
}
const cache = new monitor.MonitorMetrics();
const drift = monitor.windowDrift(profileOf(20_000, 0), profileOf(20_000, 0.3), monitor.monitorOptions.parse({}).drift);
cache.recordDrift('bench', 1, 20_000, drift, Date.now());
cache.recordPerformance({ model: 'bench', version: 1, rows: 20_000, labelled: 500, realized: { kind: 'realized', rows: 500, metrics: { accuracy: 0.9, f1: 0.8, rocAuc: 0.95, brier: 0.1, ece: 0.02 } }, estimated: { kind: 'estimate', method: 'CBPE', note: '', rows: 20_000, referenceRows: 5000, metrics: { accuracy: 0.91, f1: 0.81, rocAuc: 0.94 }, valid: true }, validity: { status: 'valid', checks: [] }, flags: [] });
const stats = { written: 123_456, dropped: 0, sampledOut: 0, buffered: 40, flushes: 100, writeErrors: 0, expired: 0, lastError: null };

const off = async () => server.registry.metrics();
const on = async () => {
  const taken = new Set(server.registry.getMetricsAsArray().flatMap((m) => [m.name, `${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`]));
  const extra = renderMetricFamilies(cache.families(stats, Date.now() - 200, Date.now()), taken).text;
  return (await server.registry.metrics()) + extra;
};
const sizes = { off: (await off()).length, on: (await on()).length };
const timeOf = async (scrape) => {
  const t = process.hrtime.bigint();
  for (let i = 0; i < scrapes; i++) await scrape();
  return (secondsSince(t) / scrapes) * 1e6;
};
const load = [loadavg()[0]];
const times = { off: [], on: [] };
for (let r = 0; r < runs; r++) {
  // Alternate the order so neither side always runs warm.
  for (const name of r % 2 ? ['on', 'off'] : ['off', 'on']) times[name].push(await timeOf(name === 'on' ? on : off));
  load.push(loadavg()[0]);
}
const med = { off: median(times.off), on: median(times.on) };
console.log(JSON.stringify({ bench: 'metrics-scrape', features, scrapes, runs, machine: machine(), loadavg1: load.map((x) => +x.toFixed(2)), bytes: sizes, medianMicrosPerScrape: { off: +med.off.toFixed(1), on: +med.on.toFixed(1) }, monitorSourceMicros: +(med.on - med.off).toFixed(1), ratioOnOff: +(med.on / med.off).toFixed(2) }, null, 2));
