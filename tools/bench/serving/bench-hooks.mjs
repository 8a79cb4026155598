#!/usr/bin/env node
// The cost of one predictionsServed subscriber on /predict: two `mlops serve` processes on the same
// ONNX model, one without subscribers and one whose config adds a monitor plugin that counts the
// served rows through `ctx.hooks.on('predictionsServed', …)` (the README's example). Measured with wrk
// at 64 and at 1 connection, interleaved, `--runs` times; ratios of medians (subscriber / none).
// Throughput on a shared machine swings with other load, so the bench also reports the servers' CPU
// time per answered request (utime+stime of the server's process group from /proc, per wrk run):
// the subscriber's cost shows there even when the throughput of one run is noise.
//   npx tsc -b tsconfig.build.json
//   node tools/bench/serving/bench-hooks.mjs [--runs 3] [--duration 6] [--connections 64] [--workers 1] [--body-rows 1] [--control 1]
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuilt, machine, median, numberOption } from '../lib/common.mjs';
import { prepareServedModel, runWrk, startServe, waitReady } from '../lib/serveBench.mjs';

const runs = numberOption('runs', 3);
const duration = numberOption('duration', 6);
const connections = numberOption('connections', 64);
const workers = numberOption('workers', 1);
const bodyRows = numberOption('body-rows', 1);
// --control 1 adds a third server whose config has the same monitor plugin without the subscription:
// it separates the hook's cost from everything else that differs between the two configs.
const control = numberOption('control', 0) === 1;

const { createHookBus, silentLogger } = loadBuilt('packages/core');

/** The served model, wrk's body, and the three configs: no subscriber, the counting subscriber, an idle monitor. */
async function prepare(dir) {
  const body = await prepareServedModel(dir, { bodyRows });
  const base = `modelRuntime: '@mlops/runtime-onnx', server: '@mlops/server'`;
  writeFileSync(join(dir, 'none.config.ts'), `export default { logLevel: 'warn', plugins: { ${base} } };\n`);
  // The subscriber logs its count at warn on close, so the bench can check it saw every request.
  writeFileSync(
    join(dir, 'hook.config.ts'),
    `import { definePlugin, tokens } from '@mlops/core';
const predictionCounter = definePlugin({
  name: 'prediction-counter',
  provides: tokens.monitor,
  create: (ctx) => {
    let served = 0;
    ctx.hooks.on('predictionsServed', (e) => void (served += e.rows));
    return { served: () => served, close: () => ctx.logger.warn(\`served \${served} predictions\`) };
  },
});
export default { logLevel: 'warn', plugins: { ${base}, monitor: predictionCounter } };\n`,
  );
  writeFileSync(
    join(dir, 'control.config.ts'),
    `import { definePlugin, tokens } from '@mlops/core';
const idle = definePlugin({ name: 'idle-monitor', provides: tokens.monitor, create: () => ({}) });
export default { logLevel: 'warn', plugins: { ${base}, monitor: idle } };\n`,
  );
  return body;
}

/** CPU seconds used so far by every process of a process group (the server and any workers). */
function groupCpuSeconds(pgid) {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / 100;
}

/**
 * In-process: what the server adds per inference call when someone subscribed, i.e. announce (one
 * event object, a queue push) plus the drain (a setImmediate) and the README's counting handler, each
 * call drained on its own as at 1 connection (the worst case: no batching of announcements). Minus a
 * loop that only awaits a setImmediate, which a server under load does anyway. Median of 5 rounds.
 */
async function announceCostUs(n = 200_000) {
  const bus = createHookBus(silentLogger);
  let served = 0;
  bus.on('predictionsServed', (e) => void (served += e.rows));
  const model = { name: 'm' };
  const feeds = { a: { data: new Float32Array(1), dims: [1, 1] } };
  const round = async (announce) => {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      if (announce && bus.has('predictionsServed')) bus.announce('predictionsServed', { model, rows: 1, inputs: feeds, outputs: feeds, servedAt: Date.now() }, 1);
      if (announce) await bus.flush();
      else await new Promise((r) => setImmediate(r));
    }
    return Number(process.hrtime.bigint() - t) / 1e3 / n;
  };
  const costs = [];
  for (let r = 0; r < 5; r++) costs.push((await round(true)) - (await round(false)));
  if (served !== 5 * n) throw new Error(`handler saw ${served} rows of ${5 * n}`);
  return median(costs);
}

const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-hooks-'));
const targets = [];
try {
  const usPerAnnouncement = await announceCostUs();
  console.error(`in-process: ${usPerAnnouncement.toFixed(2)} µs per announced inference call (net of a setImmediate)`);
  const body = await prepare(dir);
  targets.push(startServe('no subscriber', 18421, 'none.config.ts', dir, { workers }), startServe('one predictionsServed subscriber', 18422, 'hook.config.ts', dir, { workers }));
  if (control) targets.push(startServe('monitor plugin, no subscription', 18423, 'control.config.ts', dir, { workers }));
  for (const t of targets) await waitReady(t, body);
  const results = Object.fromEntries(targets.map((t) => [t.name, { [connections]: [], 1: [] }]));
  let sent = 1; // the readiness probe; wrk counts completed requests only, so the hook may see a few more
  for (let r = 0; r < runs; r++) {
    for (const conns of [connections, 1]) {
      // Alternate which goes first, so drift in the machine's load does not favour one.
      for (const t of r % 2 ? [...targets].reverse() : targets) {
        const cpu0 = groupCpuSeconds(t.child.pid);
        const m = runWrk(t.port, dir, conns, duration);
        m.cpuUsPerRequest = ((groupCpuSeconds(t.child.pid) - cpu0) / m.requests) * 1e6;
        results[t.name][conns].push(m);
        if (t.port === 18422) sent += m.requests;
        console.error(`run ${r + 1}/${runs} c=${conns} ${t.name}: ${m.rps.toFixed(0)} req/s, ${m.cpuUsPerRequest.toFixed(1)} µs CPU/request${m.errors ? `, ${m.errors} errors` : ''}`);
      }
    }
  }
  const medians = Object.fromEntries(targets.map((t) => [t.name, Object.fromEntries([connections, 1].flatMap((c) => [[`c${c}`, median(results[t.name][c].map((m) => m.rps))], [`c${c}CpuUsPerRequest`, median(results[t.name][c].map((m) => m.cpuUsPerRequest))]]))]));
  const [none, hook, idle] = targets.map((t) => medians[t.name]);
  // Throughput ratios (goal ≥ 0.98) and CPU-per-request ratios (goal ≤ 1.02), subscriber / none.
  const ratios = {
    [`c${connections}`]: hook[`c${connections}`] / none[`c${connections}`],
    c1: hook.c1 / none.c1,
    [`cpuPerRequestC${connections}`]: hook[`c${connections}CpuUsPerRequest`] / none[`c${connections}CpuUsPerRequest`],
    cpuPerRequestC1: hook.c1CpuUsPerRequest / none.c1CpuUsPerRequest,
    // One announcement per request (1 connection: no micro-batch shares it) against the CPU time a
    // request costs the server without subscriber: the throughput cost when CPU-bound.
    announceCostOfRequestC1: usPerAnnouncement / none.c1CpuUsPerRequest,
    ...(idle ? { controlC64: idle[`c${connections}`] / none[`c${connections}`], controlC1: idle.c1 / none.c1 } : {}),
  };
  // Stop the subscriber's server and read its count: every answered row must have reached the hook.
  process.kill(-targets[1].child.pid, 'SIGTERM');
  await new Promise((r) => targets[1].child.on('exit', r));
  const counted = Number(targets[1].log().match(/served (\d+) predictions/)?.[1] ?? NaN);
  console.log(JSON.stringify({ machine: machine(), runs, durationSeconds: duration, connections, workers, bodyRows, usPerAnnouncement, medians, ratios, subscriber: { countedRows: counted, rowsAnsweredToWrk: sent * bodyRows } }, null, 2));
} finally {
  for (const t of targets) {
    try {
      process.kill(-t.child.pid, 'SIGTERM');
    } catch {}
  }
  await new Promise((r) => setTimeout(r, 1000));
  rmSync(dir, { recursive: true, force: true });
}
