#!/usr/bin/env node
// Cross-check of @mlops/drift against SciPy 1.10 (Debian's python3-scipy) on generated data:
//   numeric pairs → ks_2samp(method='auto') statistic and p-value, wasserstein_distance, the
//   normalised Wasserstein W/max(std(ref), 0.001), and PSI on reference quantile bins (numpy, from
//   the documented definition: SciPy has no PSI), also through columnDrift on frame columns with nulls
//   and through profileDrift on profiles small enough to be exact;
//   kstwo.sf and special.smirnov on a grid crossing every method region (n up to 500 000);
//   count pairs → chi2_contingency (with and without Yates), chisquare, jensenshannon (e and base 2),
//   and the proportions z-test against the uncorrected 2×2 chi-square (z² = χ², same p).
// Edge cases: n = 1..5, identical and disjoint samples, all ties, constant columns, NaN, 1e300 and
// 1e-300 magnitudes, exact/asymptotic switch at 10 000, new and vanished categories, one category.
//
//   npx tsc -b packages/drift && node tools/crosscheck/drift/crosscheck-drift.mjs
//
// Tolerances: statistics and distances 1e-9 relative (1e-12 absolute near 0); p-values 1e-6 absolute
// (the issue's bar) — the worst differences seen are printed. Exits non-zero on any mismatch.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const statTolerance = 1e-9;
const pTolerance = 1e-6;

function load(pkg) {
  const dist = join(root, 'packages', pkg, 'dist', 'index.js');
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npx tsc -b packages/${pkg}\` first`);
  return createRequire(import.meta.url)(dist);
}
const drift = load('drift');
const { Frame, float64Column, categoryColumn } = load('frame');
const { mulberry32 } = load('eval');

// Seeded generators, so every run checks the same data.
const random = mulberry32(20261203);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const normals = (n, shift = 0, scale = 1) => Array.from({ length: n }, () => (normal() + shift) * scale);
const rounded = (xs) => xs.map((v) => Math.round(v * 2));
const withNulls = (xs, share) => xs.map((v) => (random() < share ? NaN : v));

const numericCases = [
  ['n=1 vs 1, same value', [0.5], [0.5]],
  ['n=1 vs 1, different', [0.5], [1.5]],
  ['n=1 vs 2', normals(1), normals(2)],
  ['n=2 vs 1', normals(2), normals(1)],
  ['n=1 vs 5', normals(1), normals(5, 1)],
  ['n=2 vs 3', normals(2), normals(3)],
  ['n=3 vs 3', normals(3), normals(3, 2)],
  ['n=4 vs 5', normals(4), normals(5, 0.5)],
  ['n=5 vs 5', normals(5), normals(5)],
  ['identical samples', ...(() => { const x = normals(40); return [x, [...x]]; })()],
  ['identical with ties', ...(() => { const x = rounded(normals(40)); return [x, [...x].reverse()]; })()],
  ['disjoint samples', Array.from({ length: 10 }, (_, i) => i), Array.from({ length: 12 }, (_, i) => 100 + i)],
  ['all ties, same constant', Array(20).fill(3), Array(15).fill(3)],
  ['constant vs another constant', Array(20).fill(3), Array(15).fill(4)],
  ['integer ties 50 vs 60', rounded(normals(50)), rounded(normals(60, 0.4))],
  ['heavy ties 300 vs 200', normals(300).map((v) => Math.round(v)), normals(200, 0.3).map((v) => Math.round(v))],
  ['1e300 magnitudes', normals(30, 0, 1e300), normals(40, 0.5, 1e300)],
  ['±1e300 and small values mixed', [1e300, -1e300, 1, 2, 3], [-1e300, 5, 6, 1e300, 1e299]],
  ['1e-300 magnitudes', normals(25, 0, 1e-300), normals(25, 1, 1e-300)],
  ['10% NaN (nulls) 200 vs 150', withNulls(normals(200), 0.1), withNulls(normals(150, 0.2), 0.1)],
  ['100 vs 37', normals(100), normals(37, 0.5)],
  ['1000 vs 1000, shift 0.1', normals(1000), normals(1000, 0.1)],
  ['1000 vs 1500', normals(1000), normals(1500, 0.05)],
  ['5000 vs 7000, scale 1.1', normals(5000), normals(7000, 0, 1.1)],
  ['10000 vs 10000 (largest exact)', normals(10000), normals(10000, 0.03)],
  ['10001 vs 500 (asymptotic)', normals(10001), normals(500, 0.1)],
  ['20000 vs 15000', normals(20000), normals(15000, 0.02)],
  ['1 vs 20000', normals(1), normals(20000)],
  ['30000 vs 30000, same distribution', normals(30000), normals(30000)],
  ['50000 vs 40000, shift 0.02', normals(50000), normals(40000, 0.02)],
  ['20000 vs 20000, shift 0.3 (tiny p)', normals(20000), normals(20000, 0.3)],
];
const kstwoPoints = [];
for (const n of [1, 2, 3, 5, 10, 50, 140, 141, 500, 5000, 50000, 100001, 500000]) for (const x of [0.0001, 0.001, 0.003, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.49, 0.5, 0.7, 0.95]) kstwoPoints.push([n, x]);
const bigCounts = (k, total, tilt) => Array.from({ length: k }, (_, i) => Math.round((total * (1 + tilt * i + random())) / (k * (1 + tilt * k / 2 + 0.5))));
const countCases = [
  ['2×3 textbook', [10, 20, 30], [20, 20, 20]],
  ['identical shares', [1, 2, 3], [2, 4, 6]],
  ['new and vanished categories', [50, 50, 0], [0, 50, 50]],
  ['2×2 (Yates applies)', [10, 20], [20, 10]],
  ['single category (dof 0)', [7], [3]],
  ['tiny counts', [1, 0, 2], [0, 1, 1]],
  ['binary, small shift', [480, 520], [455, 545]],
  ['binary, one side all one value', [0, 30], [5, 25]],
  ['20 categories, 1e6 rows, drawn alike', bigCounts(20, 1e6, 0), bigCounts(20, 1e6, 0)],
  ['20 categories, 1e6 rows, tilted', bigCounts(20, 1e6, 0), bigCounts(20, 1e6, 0.05)],
  ['50 categories, sparse', bigCounts(50, 300, 0.1), bigCounts(50, 200, 0)],
];

const cases = [
  ...numericCases.map(([, a, b]) => ({ kind: 'numeric', a: a.map((v) => (Number.isNaN(v) ? null : v)), b: b.map((v) => (Number.isNaN(v) ? null : v)), bins: 10 })),
  { kind: 'kstwo', points: kstwoPoints },
  ...countCases.map(([, a, b]) => ({ kind: 'counts', a, b })),
];
const py = execFileSync('/usr/bin/python3', [join(here, 'scipy_drift.py')], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 28 });
const { scipy, results } = JSON.parse(py);
const decode = (v) => (v === 'inf' ? Infinity : v === 'nan' ? NaN : v);
console.log(`@mlops/drift vs SciPy ${scipy}`);

let passed = 0;
let failed = 0;
const worst = { stat: 0, p: 0 };
function report(ok, name, detail) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}: ${detail}`);
}
function stat(name, ours, theirs) {
  const t = decode(theirs);
  const diff = ours === t ? 0 : Math.abs(ours - t) / Math.max(Math.abs(ours), Math.abs(t));
  const ok = ours === t || diff <= statTolerance || Math.abs(ours - t) <= 1e-12;
  if (Number.isFinite(diff)) worst.stat = Math.max(worst.stat, Math.abs(ours - t) <= 1e-12 ? 0 : diff);
  report(ok, name, `ours ${ours}, scipy ${t}, rel diff ${diff.toExponential(1)}`);
}
function pValue(name, ours, raw) {
  const theirs = decode(raw);
  if (Number.isNaN(theirs) || Number.isNaN(ours)) return report(Number.isNaN(theirs) && Number.isNaN(ours), name, `ours ${ours}, scipy ${theirs}`);
  const diff = Math.abs(ours - theirs);
  worst.p = Math.max(worst.p, diff);
  report(diff <= pTolerance, name, `ours ${ours}, scipy ${theirs}, abs diff ${diff.toExponential(1)}`);
}
const sorted = (xs) => drift.sortedPresent(xs).values;

numericCases.forEach(([name, a, b], i) => {
  const s = results[i];
  const ks = drift.ksTwoSample(a, b);
  stat(`${name}: KS statistic (${ks.method})`, ks.statistic, s.ks[0]);
  pValue(`${name}: KS p-value (${ks.method})`, ks.pValue, s.ks[1]);
  stat(`${name}: Wasserstein`, drift.wasserstein(a, b), s.wasserstein);
  stat(`${name}: Wasserstein normalised`, drift.wassersteinNormalisedSorted(sorted(a), sorted(b)), s.wassersteinNorm);
  const edges = drift.quantileEdges(sorted(a), 10);
  const edgesOk = edges.length === s.edges.length && s.edges.every((e, k) => e === edges[k] || Math.abs(e - edges[k]) <= statTolerance * Math.abs(e));
  report(edgesOk, `${name}: PSI quantile edges`, `${edges.length} edges, ${edgesOk ? 'equal' : `ours ${Array.from(edges)}, numpy ${s.edges}`}`);
  const psi = drift.psiFromCounts(drift.binCountsSorted(sorted(a), edges), drift.binCountsSorted(sorted(b), edges));
  stat(`${name}: PSI`, psi, s.psi);
  stat(`${name}: PSI without sorting (psi)`, drift.psi(Float64Array.from(a), Float64Array.from(b)).statistic, s.psi);
  // The same numbers through the column API, with NaN as nulls in a float64 column.
  const viaColumn = drift.columnDrift('x', float64Column(Float64Array.from(a)), float64Column(Float64Array.from(b)), { columns: { x: { test: 'ks' } } });
  pValue(`${name}: columnDrift(ks) p-value`, viaColumn.pValue, s.ks[1]);
  // Profiles are exact while their sketches are uncompacted (fewer values than k = 400 holds).
  if (a.length < 300 && b.length < 300) {
    const profile = (xs) => drift.DatasetProfile.create(Frame.fromColumns({ x: float64Column(Float64Array.from(xs)) }));
    const viaProfiles = drift.profileDrift(profile(a), profile(b), { columns: { x: { test: 'ks' } } }).columns[0];
    pValue(`${name}: profileDrift(ks) p-value`, viaProfiles.pValue, s.ks[1]);
  }
});

const k = results[numericCases.length];
kstwoPoints.forEach(([n, x], j) => {
  pValue(`kstwo.sf(${x}, ${n})`, drift.kolmogorovSf(n, x), k.sf[j]);
  pValue(`smirnov(${n}, ${x})`, drift.smirnovSf(n, x), k.smirnov[j]);
});

countCases.forEach(([name, a, b], i) => {
  const s = results[numericCases.length + 1 + i];
  stat(`${name}: Jensen-Shannon`, drift.jensenShannon(a, b), s.jensenshannon);
  stat(`${name}: Jensen-Shannon base 2`, drift.jensenShannon(a, b, 2), s.jensenshannon2);
  for (const [label, correction, theirs] of [['chi2_contingency', true, s.contingency], ['chi2_contingency(correction=False)', false, s.contingencyNoYates]]) {
    const chi = drift.chiSquareHomogeneity(a, b, correction);
    stat(`${name}: ${label} statistic (dof ${chi.dof})`, chi.statistic, theirs[0]);
    pValue(`${name}: ${label} p-value`, chi.pValue, theirs[1]);
    report(chi.dof === theirs[2], `${name}: ${label} dof`, `ours ${chi.dof}, scipy ${theirs[2]}`);
  }
  if (s.goodnessOfFit) {
    const expected = a.map((v) => (v / a.reduce((x, y) => x + y, 0)) * b.reduce((x, y) => x + y, 0));
    const g = drift.chiSquareGoodnessOfFit(b, expected);
    stat(`${name}: chisquare statistic`, g.statistic, s.goodnessOfFit[0]);
    pValue(`${name}: chisquare p-value`, g.pValue, s.goodnessOfFit[1]);
  }
  if (a.length === 2 && s.contingencyNoYates[2] === 1) {
    const z = drift.zTestProportions(a[1], a[0] + a[1], b[1], b[0] + b[1]);
    stat(`${name}: z-test z² vs uncorrected χ²`, z.statistic ** 2, s.contingencyNoYates[0]);
    pValue(`${name}: z-test p-value vs uncorrected χ²`, z.pValue, s.contingencyNoYates[1]);
  }
  // Categories through the column API: the default small-sample test on a category column.
  const codes = (counts) => Int32Array.from(counts.flatMap((c, key) => Array(Math.min(c, 5000)).fill(key)));
  if (a.every((c) => c <= 5000) && b.every((c) => c <= 5000) && a.length > 2) {
    const dict = a.map((_, key) => `c${key}`);
    const r = drift.columnDrift('c', categoryColumn(codes(a), dict), categoryColumn(codes(b), dict), { columns: { c: { test: 'chisquare' } } });
    pValue(`${name}: columnDrift(chisquare) on category columns`, r.pValue, s.contingency[1]);
  }
});

console.log(`\nworst statistic rel diff ${worst.stat.toExponential(1)}, worst p-value abs diff ${worst.p.toExponential(1)}`);
console.log(`${passed}/${passed + failed} agreed (statistics ≤ ${statTolerance} relative, p-values ≤ ${pTolerance} absolute)`);
process.exit(failed ? 1 : 0);
