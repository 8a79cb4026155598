#!/usr/bin/env node
// Historical retrieval (point-in-time join) of @mlops/feature-store vs pandas merge_asof, in one run
// on the same seeded data: `--rows` entity rows (customer id + event time) against `--features`
// feature rows (4 typed features) over `--entities` customers, TTL 1 day.
//
//   ours:   each offline engine in its own process (bench-historical-engine.mjs), so its peak RSS is
//           its own. Staging the source is timed apart from the join itself, which is what every
//           later call costs. The timed calls of all sides alternate round by round (see below). `sql`: SQLite (the embedded default): indexed staged table, entity
//           rows into a temp table in chunks, one correlated index seek per row. `duckdb`: the
//           source staged into an in-process DuckDB with its (key, time) index read back once, a
//           binary search per entity row, results into typed columns.
//   pandas: read_csv timed apart from sort + merge_asof(by, backward, tolerance) (Debian's pandas);
//           its peak RSS is ru_maxrss of the Python process.
//
//   npx tsc -b plugins/feature-store && node tools/bench/features/bench-historical.mjs [--rows 1000000] [--features 5000000] [--entities 100000] [--repeats 3] [--engines sql,duckdb]
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, median, numberOption, python } from '../lib/common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const rows = numberOption('rows', 1_000_000);
const featureRows = numberOption('features', 5_000_000);
const entities = numberOption('entities', 100_000);
const repeats = numberOption('repeats', 3);
const engines = (process.argv.includes('--engines') ? process.argv[process.argv.indexOf('--engines') + 1] : 'sql,duckdb').split(',');

let state = 42;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const t0 = Date.UTC(2026, 0, 1);
const span = 90 * 86_400_000;
const ttl = 86_400_000;
const segments = ['gold', 'silver', 'bronze', 'none'];

const dir = mkdtempSync(join(tmpdir(), 'bench-features-'));
console.log(JSON.stringify({ machine: machine(), entityRows: rows, featureRows, entities, ttlMs: ttl, repeats, engines }));

// Feature rows: streamed to a CSV (pandas and our file source read the same file), never all in memory as objects.
const csvPath = join(dir, 'features.csv');
await new Promise((resolve, reject) => {
  const out = createWriteStream(csvPath);
  out.on('error', reject);
  out.write('customer_id,ts,spend,orders,segment,active\n');
  let i = 0;
  const pump = () => {
    while (i < featureRows) {
      const line = `${Math.floor(rand() * entities)},${t0 + Math.floor(rand() * span)},${Math.round(rand() * 1e5) / 100},${Math.floor(rand() * 100)},${segments[Math.floor(rand() * 4)]},${rand() < 0.5}\n`;
      i++;
      if (!out.write(line)) return void out.once('drain', pump);
    }
    out.end(resolve);
  };
  pump();
});
const ids = new Int32Array(rows);
const times = new Float64Array(rows);
for (let i = 0; i < rows; i++) {
  ids[i] = Math.floor(rand() * entities);
  times[i] = t0 + Math.floor(rand() * (span + ttl));
}
const entityCsv = createWriteStream(join(dir, 'entities.csv'));
entityCsv.write('customer_id,event_timestamp\n');
for (let i = 0; i < rows; i += 10000) {
  let chunk = '';
  for (let j = i; j < Math.min(rows, i + 10000); j++) chunk += `${ids[j]},${times[j]}\n`;
  entityCsv.write(chunk);
}
await new Promise((resolve) => entityCsv.end(resolve));
writeFileSync(join(dir, 'entities.bin'), Buffer.concat([Buffer.from(ids.buffer), Buffer.from(times.buffer)]));

// Each side in its own process (so each peak RSS is its own), all loaded first; then the timed
// calls alternate, one join of each engine and one pandas merge per round, so a change of load on
// the shared machine hits both sides of a round alike. Ratios are per round, then the median.
const sides = [...engines.map((engine) => ({ name: engine, command: 'join', spawn: () => spawnSide(process.execPath, [join(here, 'bench-historical-engine.mjs'), dir, engine, String(ttl)]) })),
  { name: 'pandas', command: 'merge', spawn: () => spawnSide(python, [join(here, 'bench-historical.py'), dir, String(ttl)]) }];
// Loading one side at a time, so the staging and read_csv times are not shared with each other.
for (const side of sides) {
  side.child = side.spawn();
  side.loading = await side.child.next();
  side.seconds = [];
}
for (let r = 0; r < repeats; r++) {
  for (const side of sides) {
    side.child.send(side.command);
    const out = await side.child.next();
    side.seconds.push(out.seconds);
    side.rowsWithValues = out.rowsWithValues;
  }
}
for (const side of sides) {
  side.child.send('quit');
  side.peakRssMb = (await side.child.next()).peakRssMb;
  side.child.end();
}
const pandas = sides.at(-1);
const summary = sides.map((side) => ({
  side: side.name,
  loadingSeconds: side.loading.stagingSeconds ?? side.loading.readSeconds,
  secondsMedian: median(side.seconds),
  seconds: side.seconds,
  ratioToPandasMedian: side === pandas ? 1 : median(side.seconds.map((s, r) => s / pandas.seconds[r])),
  peakRssMb: side.peakRssMb,
  rowsWithValues: side.rowsWithValues,
}));
console.log(JSON.stringify({ load: loadavg(), summary }));
for (const s of summary.slice(0, -1)) {
  const p = summary.at(-1);
  console.log(
    `historical retrieval, ${rows} entity rows × ${featureRows} feature rows, engine ${s.side}: join ${s.secondsMedian.toFixed(2)} s median (+ ${s.loadingSeconds.toFixed(1)} s one-time staging of the CSV), peak RSS ${s.peakRssMb.toFixed(0)} MB; ` +
      `pandas merge_asof ${p.secondsMedian.toFixed(2)} s median (+ ${p.loadingSeconds.toFixed(1)} s read_csv), peak RSS ${p.peakRssMb.toFixed(0)} MB; ` +
      `ours/pandas per round: ${s.seconds.map((x, r) => (x / pandas.seconds[r]).toFixed(2)).join(', ')}, median ${s.ratioToPandasMedian.toFixed(2)}×; ` +
      `rows with values: ours ${s.rowsWithValues}, pandas ${p.rowsWithValues}`,
  );
}
rmSync(dir, { recursive: true, force: true });

/** A child that answers each command with one JSON line on stdout; `next()` is its next line. */
function spawnSide(command, args) {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    send: (line) => child.stdin.write(`${line}\n`),
    end: () => child.stdin.end(),
    next: async () => {
      const { value, done } = await lines.next();
      if (done) throw new Error(`${args[0]} exited before answering`);
      return JSON.parse(value);
    },
  };
}
