#!/usr/bin/env node
// Cross-check of @mlops/trainer-gbdt against scikit-learn's HistGradientBoostingClassifier on
// scikit-learn's bundled real datasets (breast cancer: binary; wine, iris: 3 classes):
//  1. same stratified splits (70/30, several seeds), same settings (learning rate, rounds, 31
//     leaves grown best-first, min samples leaf, l2, 255 bins, no early stopping); the mean
//     test accuracy and ROC-AUC (one-vs-rest macro for multiclass) must be within 1 point;
//  2. our ONNX export of each model passes onnx.checker.check_model(m, full_check=True).
// Means over several splits, because one test row of iris is 2.2 points of accuracy.
//
//   npx tsc -b plugins/trainer-gbdt && node tools/crosscheck/gbdt/crosscheck-gbdt.mjs [--splits 5]
//
// Prints one PASS/FAIL line per check and exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuilt, numberOption, python, repoRoot } from '../../bench/lib/common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const splits = numberOption('splits', 5);
const { readCsv } = loadBuilt('packages/frame');
const { createGbdtTrainer } = loadBuilt('plugins/trainer-gbdt');

const params = { learningRate: 0.1, nRounds: 100, growPolicy: 'lossguide', maxLeaves: 31, maxDepth: 0, minSamplesLeaf: 20, l2: 1, maxBins: 255 };
const dir = mkdtempSync(join(tmpdir(), 'crosscheck-gbdt-'));
writeFileSync(join(dir, 'settings.json'), JSON.stringify({ params, breastCancer: join(repoRoot, 'examples/breast-cancer/data/breast_cancer.csv') }));
const py = (...args) => execFileSync(python, [join(here, 'crosscheck-gbdt.py'), ...args, ], { stdio: ['ignore', 'inherit', 'inherit'] });
py('prep', dir, String(splits));

const trainer = createGbdtTrainer(params);
const ours = {};
for (const name of ['breast_cancer', 'wine', 'iris']) {
  const target = name === 'breast_cancer' ? 'diagnosis' : 'label';
  const schema = { [target]: 'category' };
  ours[name] = [];
  for (let s = 0; s < splits; s++) {
    const { frame: train } = await readCsv(join(dir, `${name}-${s}-train.csv`), { schema });
    const { frame: test } = await readCsv(join(dir, `${name}-${s}-test.csv`), { schema });
    const model = await trainer.fit(train, target, {}, { seed: s });
    const p = model.predictProba(test);
    const K = model.classes.length;
    ours[name].push({ target, classes: model.classes, proba: Array.from({ length: test.rowCount }, (_, i) => Array.from(p.subarray(i * K, i * K + K))) });
    if (s === 0) writeFileSync(join(dir, `${name}.onnx`), model.toOnnx());
  }
}
writeFileSync(join(dir, 'ours.json'), JSON.stringify(ours));
let failed = 0;
try {
  py('score', dir);
  console.log('PASS ONNX exports (binary, 2 × multiclass) pass onnx.checker.check_model(full_check=True)');
} catch {
  console.log('FAIL ONNX check_model (see the Python error above)');
  process.exit(1);
}
const sk = JSON.parse(readFileSync(join(dir, 'sklearn.json'), 'utf8'));
const me = JSON.parse(readFileSync(join(dir, 'ours-metrics.json'), 'utf8'));
const mean = (runs, key) => runs.reduce((a, r) => a + r[key], 0) / runs.length;
for (const name of Object.keys(sk)) {
  for (const key of ['accuracy', 'auc']) {
    const a = mean(me[name], key) * 100;
    const b = mean(sk[name], key) * 100;
    const ok = Math.abs(a - b) <= 1;
    if (!ok) failed++;
    console.log(`${ok ? 'PASS' : 'FAIL'} ${name} ${key} (mean of ${splits} splits): ours ${a.toFixed(2)} vs sklearn ${b.toFixed(2)} (Δ ${(a - b).toFixed(2)} points, limit 1)`);
  }
}
console.log(failed ? `${failed} check(s) failed` : 'all checks passed');
process.exit(failed ? 1 : 0);
