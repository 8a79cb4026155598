#!/usr/bin/env node
// Cross-check of @mlops/monitor's performance metrics against scikit-learn 1.2 (Debian's python3-sklearn):
// the isotonic fit CBPE calibrates with (IsotonicRegression, out_of_bounds='clip'), realized accuracy, F1,
// ROC-AUC, Brier and top-label ECE (calibration_curve's bins), and CBPE's expected accuracy, F1 and ROC-AUC
// (the expected ROC-AUC against roc_auc_score with each row weighted q as a positive and 1 − q as a negative).
// Seeded data with ties, a single point, constant x, monotone and reversed y, probabilities on bin edges,
// 2 and 3 classes. Every value must agree to 1e-9.
//
//   npx tsc -b plugins/monitor && node tools/crosscheck/monitor/crosscheck-monitor.mjs
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const tolerance = 1e-9;
const require = createRequire(import.meta.url);
const dist = (p) => {
  const file = join(root, p, 'dist', 'index.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx tsc -b ${p}\` first`);
  return require(file);
};
const m = dist('plugins/monitor');
const { mulberry32 } = dist('packages/eval');

function isotonicCase(name, { n, seed, ties, shape }) {
  const r = mulberry32(seed);
  const x = Array.from({ length: n }, () => (ties ? Math.floor(r() * 6) / 5 : r()));
  const y = x.map((v) => (shape === 'binary' ? (r() < v ? 1 : 0) : shape === 'increasing' ? v * 2 : shape === 'decreasing' ? -v : v + r() - 0.5));
  const at = [-0.5, 0, 0.05, 0.2, 0.33, 0.5, 0.61, 0.8, 1, 1.5, ...x.slice(0, 10)];
  return { kind: 'isotonic', name, x, y, at };
}

/** Scores leaning towards the true class; `edges` puts probabilities on ECE bin edges (0.1, 0.2, ...). */
function classificationCase(name, { n, k, seed, edges }) {
  const r = mulberry32(seed);
  const labels = Array.from({ length: n }, () => Math.floor(r() * k));
  const proba = [];
  for (let i = 0; i < n; i++) {
    if (edges && k === 2) {
      const p1 = Math.round(r() * 10) / 10;
      proba.push(1 - p1, p1);
      continue;
    }
    const w = Array.from({ length: k }, (_, c) => r() + (c === labels[i] ? 0.6 : 0));
    const s = w.reduce((a, b) => a + b, 0);
    proba.push(...w.map((v) => v / s));
  }
  const predicted = labels.map((_, i) => {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
    return best;
  });
  return { kind: 'classification', name, k, labels, proba, predicted };
}

function cbpeCase(name, { k, seed, ties }) {
  const ref = classificationCase('', { n: 800, k, seed });
  const cur = classificationCase('', { n: 600, k, seed: seed + 1 });
  const round = (p) => (ties ? p.map((v) => Math.round(v * 20) / 20) : p);
  return { kind: 'cbpe', name, k, refLabels: ref.labels, refProba: round(ref.proba), proba: round(cur.proba), predicted: cur.predicted };
}

const cases = [
  isotonicCase('isotonic, binary y, distinct x', { n: 300, seed: 1, shape: 'binary' }),
  isotonicCase('isotonic, binary y, tied x', { n: 300, seed: 2, ties: true, shape: 'binary' }),
  isotonicCase('isotonic, noisy y', { n: 200, seed: 3, shape: 'noisy' }),
  isotonicCase('isotonic, already increasing', { n: 50, seed: 4, shape: 'increasing' }),
  isotonicCase('isotonic, reversed (one block)', { n: 50, seed: 5, shape: 'decreasing' }),
  { kind: 'isotonic', name: 'isotonic, one point', x: [0.4], y: [1], at: [0, 0.4, 1] },
  { kind: 'isotonic', name: 'isotonic, constant x', x: [0.5, 0.5, 0.5, 0.5], y: [0, 1, 1, 0], at: [0, 0.5, 1] },
  classificationCase('binary', { n: 500, k: 2, seed: 6 }),
  classificationCase('binary, probabilities on bin edges', { n: 500, k: 2, seed: 7, edges: true }),
  classificationCase('3-class', { n: 600, k: 3, seed: 8 }),
  cbpeCase('CBPE binary', { k: 2, seed: 9 }),
  cbpeCase('CBPE binary, tied probabilities', { k: 2, seed: 11, ties: true }),
  cbpeCase('CBPE 3-class', { k: 3, seed: 13 }),
];

const python = JSON.parse(execFileSync('/usr/bin/python3', [join(here, 'sklearn_performance.py')], { input: JSON.stringify(cases), maxBuffer: 64 << 20 }).toString());

function ours(c) {
  switch (c.kind) {
    case 'isotonic': {
      const fit = m.fitIsotonic(c.x, c.y);
      return { predicted: c.at.map((v) => m.predictIsotonic(fit, v)) };
    }
    case 'classification': {
      const r = m.classificationMetrics(Int32Array.from(c.labels), Int32Array.from(c.predicted), Float64Array.from(c.proba), c.k);
      return { accuracy: r.accuracy, f1: r.f1, ece: r.ece, brier: r.brier, rocAuc: r.rocAuc };
    }
    case 'cbpe': {
      const classes = Array.from({ length: c.k }, (_, i) => `c${i}`);
      const calibration = m.fitCbpe(Float64Array.from(c.refProba), Int32Array.from(c.refLabels), classes);
      const proba = Float64Array.from(c.proba);
      const q = m.calibrate(calibration, proba);
      const e = m.expectedMetrics(q, proba, Int32Array.from(c.predicted), c.k);
      return { calibrated: Array.from(q), accuracy: e.accuracy, f1: e.f1, rocAuc: e.rocAuc };
    }
  }
}

let failed = 0;
cases.forEach((c, i) => {
  const a = ours(c);
  const b = python[i];
  const diffs = [];
  for (const key of Object.keys(b)) {
    const x = [a[key]].flat();
    const y = [b[key]].flat();
    const worst = x.length !== y.length ? Infinity : Math.max(...x.map((v, j) => Math.abs(v - y[j])));
    if (!(worst <= tolerance)) diffs.push(`${key}: ours ${JSON.stringify(a[key]).slice(0, 80)} sklearn ${JSON.stringify(b[key]).slice(0, 80)} (max |diff| ${worst})`);
  }
  if (diffs.length) failed++;
  console.log(`${diffs.length ? 'FAIL' : 'PASS'} ${c.name}${diffs.length ? `\n  ${diffs.join('\n  ')}` : ''}`);
});
console.log(`${cases.length - failed}/${cases.length} agree with scikit-learn to ${tolerance}`);
process.exit(failed ? 1 : 0);
