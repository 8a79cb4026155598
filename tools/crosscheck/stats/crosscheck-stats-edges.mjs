#!/usr/bin/env node
// Cross-check of @mlops/stats' mean and sample std (ddof=1) at the edges of float64 against Python's
// `statistics.mean` / `statistics.stdev`, which compute in exact rational arithmetic and round once
// (numpy and pandas are no oracle here: their mean of [1.7e308, 1.7e308, 0] is inf, and their std of
// subnormals is 0). Cases: sums that overflow, both signs near the limits, subnormals, a single
// value, a std beyond float64. Finite results must agree to 1e-15 relative; inf and nan exactly.
//
//   npx tsc -b packages/stats && node tools/crosscheck/stats/crosscheck-stats-edges.mjs
//
// Prints one PASS/FAIL line per check and exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', '..', '..', 'packages', 'stats', 'dist', 'index.js');
if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npx tsc -b packages/stats\` first`);
const { moments } = createRequire(import.meta.url)(dist);

const a = 1.7e308;
const tiny = 2 ** -1074;
// Deterministic pseudo-random values (no Math.random, so a failure reproduces).
let seed = 12345;
const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const cases = {
  'overflowing sum': [a, a, 0],
  'overflowing sum, 1000 values': Array.from({ length: 1000 }, () => 1e308 + next() * 7e307),
  'both signs near the limits': [1e308, -1e308, 1e308, -1e308, 5e307],
  'std beyond float64': [a, -a],
  'subnormals': [tiny, 2 * tiny, 3 * tiny, 7 * tiny],
  'subnormals of both signs': Array.from({ length: 50 }, (_, i) => (i % 2 ? -1 : 1) * Math.floor(next() * 1e6) * tiny),
  'smallest normals': [2 ** -1022, 2 ** -1021, 3 * 2 ** -1022],
  'huge and tiny together': [a, tiny, -tiny, 1, 1e-300],
  'single huge value': [a],
  'single subnormal': [-tiny],
  'ordinary data': Array.from({ length: 200 }, () => next() * 100 - 50),
};

const script = `
import json, statistics, sys
cases = json.loads(sys.stdin.read())
show = lambda x: repr(float(x))
out = {}
for name, values in cases.items():
    values = [float(v) for v in values]
    mean = statistics.mean(values)
    try:
        std = show(statistics.stdev(values)) if len(values) > 1 else "nan"
    except OverflowError:
        std = "inf"
    out[name] = {"mean": show(mean), "std": std}
print(json.dumps(out))
`;
// repr() of every float round-trips, so both sides see the same doubles.
const payload = JSON.stringify(Object.fromEntries(Object.entries(cases).map(([k, v]) => [k, v.map((x) => x.toString())])));
const python = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: payload, encoding: 'utf8' }));
const parse = (s) => (s === 'inf' ? Infinity : s === '-inf' ? -Infinity : s === 'nan' ? NaN : Number(s));

const results = [];
for (const [name, values] of Object.entries(cases)) {
  const ours = moments(Float64Array.from(values));
  for (const stat of ['mean', 'std']) {
    const theirs = parse(python[name][stat]);
    const mine = ours[stat];
    const rel = Number.isFinite(theirs) && theirs !== 0 ? Math.abs(mine - theirs) / Math.abs(theirs) : mine === theirs || (Number.isNaN(mine) && Number.isNaN(theirs)) ? 0 : Infinity;
    const ok = Object.is(mine, theirs) || mine === theirs || rel <= 1e-15;
    results.push(ok);
    console.log(`${ok ? 'PASS' : 'FAIL'} ${name} ${stat}: ours ${mine}, python statistics ${theirs}, rel diff ${rel.toExponential(2)}`);
  }
}
const failed = results.filter((ok) => !ok).length;
console.log(failed === 0 ? `PASS crosscheck-stats-edges: ${results.length} checks` : `FAIL crosscheck-stats-edges: ${failed} of ${results.length} checks failed`);
process.exit(failed === 0 ? 0 : 1);
