import type { StudyReportInput, StudyReportTrialInput } from '../tuning/StudyReportData';
import { seededRandom } from '../tuning/regressionForest';

/**
 * A synthetic study: `x` dominates the objective ((x − 0.3)² · 100), `lr` (log scale) matters a
 * little, `noise` not at all, `depth` exists only for booster "gbtree". Every trial reports a
 * learning curve of 30 steps; every 7th is pruned at step 5, every 50th fails, the last one runs.
 */
export function sampleStudy(nTrials: number, seed = 1): StudyReportInput {
  const random = seededRandom(seed);
  const trials: StudyReportTrialInput[] = [];
  for (let number = 0; number < nTrials; number++) {
    const x = random();
    const lr = 10 ** (-4 + 3 * random());
    const noise = random();
    const booster = random() < 0.5 ? 'gbtree' : 'linear';
    const params: StudyReportTrialInput['params'] = { x, lr, noise, booster, ...(booster === 'gbtree' ? { depth: 2 + Math.floor(random() * 8) } : {}) };
    const final = 100 * (x - 0.3) ** 2 + 0.5 * Math.abs(Math.log10(lr) + 2) + 1;
    const curve: Array<[number, number]> = Array.from({ length: 30 }, (_, step) => [step, final + 5 / (step + 1)]);
    const state = number === nTrials - 1 ? 'running' : number % 50 === 49 ? 'fail' : number % 7 === 6 ? 'pruned' : 'complete';
    const shown = state === 'pruned' ? curve.slice(0, 6) : state === 'fail' ? curve.slice(0, 3) : curve;
    trials.push({ number, state, params, intermediate: new Map(shown), ...(state === 'complete' ? { values: [final] } : state === 'pruned' ? { values: [shown.at(-1)![1]] } : {}) });
  }
  return { name: 'gbdt-sample', directions: ['minimize'], trials };
}

/** A two-objective study on Schaffer's function N.1 (front: x in [0, 2]). */
export function twoObjectiveStudy(nTrials: number): StudyReportInput {
  const random = seededRandom(7);
  const trials: StudyReportTrialInput[] = Array.from({ length: nTrials }, (_, number) => {
    const x = -4 + 8 * random();
    return { number, state: 'complete', params: { x }, values: [x * x, (x - 2) ** 2] };
  });
  return { name: 'schaffer', directions: ['minimize', 'minimize'], trials };
}
