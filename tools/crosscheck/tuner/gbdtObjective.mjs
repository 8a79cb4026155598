// The GBDT-tuning objective of the TPE quality cross-check: @mlops/trainer-gbdt on the breast-cancer
// data shipped in examples/ (569 rows, 30 features), a fixed split (every 4th row held out), and the
// held-out log loss of the trained model. Deterministic for given params (no row or column sampling,
// fit seed 0), so ours and Optuna's side (through gbdt_eval.mjs) optimise the very same function.
import { readFileSync } from 'node:fs';
import { loadBuilt, repoRoot } from '../../bench/lib/common.mjs';
import { join } from 'node:path';

const { Frame, float64Column } = loadBuilt('packages/frame');
const { createGbdtTrainer } = loadBuilt('plugins/trainer-gbdt');

const lines = readFileSync(join(repoRoot, 'examples', 'breast-cancer', 'data', 'breast_cancer.csv'), 'utf8').trim().split('\n');
const header = lines[0].split(',');
const rows = lines.slice(1).map((l) => l.split(','));
function frameOf(part) {
  const columns = {};
  header.forEach((name, j) => {
    columns[name === 'diagnosis' ? 'y' : name] = float64Column(Float64Array.from(part, (r) => (name === 'diagnosis' ? (r[j] === 'malignant' ? 1 : 0) : Number(r[j]))));
  });
  return Frame.fromColumns(columns);
}
const train = frameOf(rows.filter((_, i) => i % 4 !== 0));
const heldOut = frameOf(rows.filter((_, i) => i % 4 === 0));
const truth = heldOut.column('y').data;
const trainer = createGbdtTrainer();

/** Held-out log loss of a GBDT trained with these params. */
export async function gbdtLoss(params) {
  const model = await trainer.fit(train, 'y', { objective: 'binary', maxBins: 64, ...params }, { seed: 0 });
  const p = model.predictProba(heldOut);
  const k = p.length / truth.length;
  let loss = 0;
  for (let i = 0; i < truth.length; i++) {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i * k + k - 1]));
    loss -= truth[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return loss / truth.length;
}

/** The search space, in optuna_side.py's order: five of the GBDT's parameters. */
export function gbdtParamsOf(t) {
  return {
    learningRate: t.suggestFloat('learningRate', 0.01, 0.5, { log: true }),
    maxDepth: t.suggestInt('maxDepth', 1, 8),
    minSamplesLeaf: t.suggestInt('minSamplesLeaf', 1, 60),
    l2: t.suggestFloat('l2', 1e-3, 100, { log: true }),
    nRounds: t.suggestInt('nRounds', 10, 100),
  };
}

/** The objective for @mlops/tuner trials. */
export const gbdt = (t) => gbdtLoss(gbdtParamsOf(t));
