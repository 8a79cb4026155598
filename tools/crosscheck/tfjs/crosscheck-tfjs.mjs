#!/usr/bin/env node
// Cross-check of @mlops/trainer-tfjs exports: trains small binary, 3-class and regression networks on
// the cpu backend with the BUILT package, writes each ONNX model to a temp folder and requires
// onnx.checker.check_model(m, full_check=True) (Debian python3-onnx 1.12) to accept it.
//   npx tsc -b plugins/trainer-tfjs && node tools/crosscheck/tfjs/crosscheck-tfjs.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuilt, python } from '../../bench/lib/common.mjs';

const { Frame, float64Column, categoryColumn } = loadBuilt('packages/frame');
const { createTfjsTrainer } = loadBuilt('plugins/trainer-tfjs');

function data(n, seed, label) {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  const x1 = new Float64Array(n), x2 = new Float64Array(n), y = new Float64Array(n), codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    x1[i] = rnd();
    x2[i] = rnd();
    y[i] = Math.sin(2 * x1[i]) + x2[i] * x2[i];
    codes[i] = label === 3 ? (x1[i] > 0.3 ? 2 : x1[i] * x2[i] > 0 ? 1 : 0) : x1[i] * x2[i] > 0 ? 1 : 0;
  }
  const target = label === 'regression' ? float64Column(y) : categoryColumn(codes, label === 3 ? ['a', 'b', 'c'] : ['no', 'yes']);
  return Frame.fromColumns({ x1: float64Column(x1), x2: float64Column(x2), target });
}

const dir = mkdtempSync(join(tmpdir(), 'mlops-tfjs-crosscheck-'));
let failed = 0;
try {
  for (const [name, label] of [['binary', 2], ['multiclass', 3], ['regression', 'regression']]) {
    const model = await createTfjsTrainer({ backend: 'cpu' }).fit(data(400, 7, label), 'target', { hiddenLayers: [8], epochs: 5 }, { seed: 1 });
    const file = join(dir, `${name}.onnx`);
    writeFileSync(file, model.toOnnx());
    try {
      execFileSync(python, ['-c', 'import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)', file], { stdio: ['ignore', 'ignore', 'pipe'] });
      console.log(`PASS ${name}: onnx.checker.check_model(full_check=True)`);
    } catch (err) {
      failed++;
      console.log(`FAIL ${name}: ${String(err.stderr ?? err.message).trim().split('\n').pop()}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(failed ? `${failed} checks failed` : 'all checks passed');
process.exit(failed ? 1 : 0);
