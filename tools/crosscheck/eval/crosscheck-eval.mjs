#!/usr/bin/env node
// Cross-check of @mlops/eval against scikit-learn 1.2 (Debian's python3-sklearn): seeded random
// binary and 3-class labels with tied and untied scores, a class never predicted, and regression
// values. Every metric must agree to 1e-9 (confusion matrices and supports exactly), and
// stratifiedSplit's per-class test counts must be within one row of train_test_split(stratify=...).
//
//   npx tsc -b packages/eval && node tools/crosscheck/eval/crosscheck-eval.mjs
//
// Prints one PASS/FAIL line per check and exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const tolerance = 1e-9;

function load(pkg) {
  const dist = join(root, 'packages', pkg, 'dist', 'index.js');
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npx tsc -b packages/${pkg}\` first`);
  return createRequire(import.meta.url)(dist);
}
const ev = load('eval');
const { Frame, categoryColumn } = load('frame');

/** A classification case: `ties` draws scores from a few integer weights so many rows tie. */
function classificationCase(name, { n, k, seed, ties, neverPredict }) {
  const random = ev.mulberry32(seed);
  const yTrue = Int32Array.from({ length: n }, () => {
    const u = random();
    return k === 2 ? (u < 0.3 ? 1 : 0) : u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
  });
  const proba = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    // Weights lean towards the true class so the metrics are neither 0.5 nor 1.
    const w = Array.from({ length: k }, (_, c) => (ties ? 1 + Math.floor(random() * 4) : random()) + (c === yTrue[i] ? (ties ? 1 : 0.4) : 0));
    const sum = w.reduce((s, v) => s + v, 0);
    w.forEach((v, c) => (proba[i * k + c] = v / sum));
  }
  const yPred = Int32Array.from({ length: n }, (_, i) => {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
    return neverPredict !== undefined && best === neverPredict ? 0 : best;
  });
  return { kind: 'classification', name, nClasses: k, yTrue, yPred, proba };
}

function regressionCase(name, { n, seed, constant }) {
  const random = ev.mulberry32(seed);
  const yTrue = Float64Array.from({ length: n }, () => (constant ? 3 : random() * 100 - 20));
  const yPred = Float64Array.from(yTrue, (y) => y + (random() - 0.5) * 30);
  return { kind: 'regression', name, yTrue, yPred };
}

function stratifiedCase(name, { n, seed, testFraction }) {
  const random = ev.mulberry32(seed);
  const labels = Int32Array.from({ length: n }, () => {
    const u = random();
    return u < 0.6 ? 0 : u < 0.9 ? 1 : 2;
  });
  return { kind: 'stratified', name, nClasses: 3, labels, testFraction, seed };
}

const cases = [
  classificationCase('binary, distinct scores', { n: 500, k: 2, seed: 1, ties: false }),
  classificationCase('binary, tied scores', { n: 500, k: 2, seed: 2, ties: true }),
  classificationCase('binary, class 1 never predicted', { n: 300, k: 2, seed: 3, ties: true, neverPredict: 1 }),
  classificationCase('3-class, distinct scores', { n: 600, k: 3, seed: 4, ties: false }),
  classificationCase('3-class, tied scores', { n: 600, k: 3, seed: 5, ties: true }),
  classificationCase('3-class, class 2 never predicted', { n: 400, k: 3, seed: 6, ties: false, neverPredict: 2 }),
  regressionCase('regression', { n: 400, seed: 7 }),
  regressionCase('regression, constant truth', { n: 50, seed: 8, constant: true }),
  stratifiedCase('stratifiedSplit 0.2', { n: 1000, seed: 9, testFraction: 0.2 }),
  stratifiedCase('stratifiedSplit 0.33', { n: 997, seed: 10, testFraction: 0.33 }),
  stratifiedCase('stratifiedSplit 0.5', { n: 101, seed: 11, testFraction: 0.5 }),
];

const toJson = (c) => Object.fromEntries(Object.entries(c).map(([key, v]) => [key, ArrayBuffer.isView(v) ? Array.from(v) : v]));
const expected = JSON.parse(
  execFileSync('/usr/bin/python3', [join(here, 'sklearn_metrics.py')], { input: JSON.stringify(cases.map(toJson)), maxBuffer: 1 << 28 }).toString(),
);

let failures = 0;
function check(label, ours, theirs, exact = false) {
  const a = [ours].flat(2);
  const b = [theirs].flat(2);
  const worst = a.length === b.length ? Math.max(0, ...a.map((v, i) => Math.abs(v - b[i]))) : Infinity;
  const ok = exact ? worst === 0 : worst <= tolerance;
  if (!ok) failures++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${label}${ok ? '' : `: ours ${JSON.stringify(ours)}, sklearn ${JSON.stringify(theirs)}`} (max diff ${worst})`);
}

cases.forEach((c, i) => {
  const e = expected[i];
  const at = (m) => `${c.name}: ${m}`;
  if (c.kind === 'classification') {
    const k = c.nClasses;
    const prf = ev.precisionRecallF1(c.yTrue, c.yPred, k);
    check(at('accuracy'), ev.accuracy(c.yTrue, c.yPred), e.accuracy);
    check(at('confusionMatrix'), ev.confusionMatrix(c.yTrue, c.yPred, k), e.confusionMatrix, true);
    check(at('support'), prf.perClass.map((s) => s.support), e.support, true);
    for (const key of ['precision', 'recall', 'f1']) check(at(`per-class ${key}`), prf.perClass.map((s) => s[key]), e[key]);
    for (const avg of ['macro', 'weighted']) check(at(`${avg} precision/recall/f1`), [prf[avg].precision, prf[avg].recall, prf[avg].f1], e[avg]);
    check(at('logLoss (eps 1e-15)'), ev.logLoss(c.yTrue, c.proba, k, 1e-15), e.logLoss);
    if (k === 2) {
      const scores = ev.probaColumn(c.proba, 2, 1);
      check(at('rocAuc'), ev.rocAuc(c.yTrue, scores), e.rocAuc);
      check(at('averagePrecision'), [ev.averagePrecision(c.yTrue, scores)], e.averagePrecision);
    } else {
      check(at('rocAucOvr (macro)'), ev.rocAucOvr(c.yTrue, c.proba, k), e.rocAucOvr);
      const ap = Array.from({ length: k }, (_, cls) => ev.averagePrecision(c.yTrue, ev.probaColumn(c.proba, k, cls), cls));
      check(at('averagePrecision one-vs-rest per class'), ap, e.averagePrecision);
    }
  } else if (c.kind === 'regression') {
    for (const m of ['rmse', 'mae', 'r2']) check(at(m), ev[m](c.yTrue, c.yPred), e[m]);
  } else {
    const frame = Frame.fromColumns({ y: categoryColumn(c.labels, ['a', 'b', 'c']) });
    const { test } = ev.stratifiedSplit(frame, 'y', { testFraction: c.testFraction, seed: c.seed });
    const ours = [0, 0, 0];
    for (const r of test) ours[c.labels[r]]++;
    const total = ours.reduce((s, v) => s + v, 0) === e.testCounts.reduce((s, v) => s + v, 0);
    const within = ours.every((v, cls) => Math.abs(v - e.testCounts[cls]) <= 1);
    if (!(total && within)) failures++;
    console.log(`${total && within ? 'PASS' : 'FAIL'} ${at('per-class test rows within 1 of train_test_split')}: ours ${JSON.stringify(ours)}, sklearn ${JSON.stringify(e.testCounts)}`);
  }
});

console.log(failures ? `${failures} check(s) FAILED` : 'all checks PASS');
process.exit(failures ? 1 : 0);
