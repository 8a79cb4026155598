import { mulberry32 as createRng } from '@mlops/eval';
import { binaryObjective } from './binaryObjective';
import { softmaxObjective, squaredError } from './objectives';

const binaryLogistic = binaryObjective();

const rng = createRng(5);
const n = 5000;

describe('objectives: gradients and the training loss in one pass', () => {
  it('binary: g = p − y, h = p(1 − p), loss = mean log loss, also at extreme margins', () => {
    const margin = Float64Array.from({ length: n }, (_, i) => (i < 4 ? [800, -800, 40, -40][i]! : (rng() - 0.5) * 12));
    const y = Float64Array.from({ length: n }, (_, i) => (i < 4 ? [0, 1, 1, 0][i]! : rng() < 0.4 ? 1 : 0));
    const gh = new Float64Array(2 * n);
    binaryLogistic.gradients(margin, y, [gh]);
    // Away from the clipping at 1e−15 (where `loss` rounds 1 − (1 − 1e−15) differently), the losses agree.
    expect(binaryLogistic.gradients(margin.subarray(4), y.subarray(4), [new Float64Array(2 * n)])).toBeCloseTo(binaryLogistic.loss(margin.subarray(4), y.subarray(4)), 12);
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-margin[i]!));
      expect(gh[2 * i]).toBeCloseTo(p - y[i]!, 14);
      expect(Math.abs(gh[2 * i + 1]! - Math.max(p * (1 - p), 1e-16))).toBeLessThan(1e-15);
    }
    // Confidently wrong rows cost −log(1e−15) each, as with the clipped probabilities of `loss`.
    expect(binaryLogistic.gradients(Float64Array.of(800, -800), Float64Array.of(0, 1), [new Float64Array(4)])).toBeCloseTo(-Math.log(1e-15), 9);
  });

  it('multiclass: per class p − [y = c] and the mean −log p(y)', () => {
    const K = 3;
    const obj = softmaxObjective(K);
    const margin = Float64Array.from({ length: n * K }, () => (rng() - 0.5) * 8);
    const y = Float64Array.from({ length: n }, () => Math.floor(rng() * K));
    const gh = Array.from({ length: K }, () => new Float64Array(2 * n));
    expect(obj.gradients(margin, y, gh)).toBeCloseTo(obj.loss(margin, y), 12);
    let sum = 0;
    for (let c = 0; c < K; c++) sum += gh[c]![2 * 7]!;
    expect(sum).toBeCloseTo(0, 14);
  });

  it('regression: g = margin − y, h = 1, loss = RMSE', () => {
    const margin = Float64Array.of(1, 2, 4);
    const y = Float64Array.of(0, 2, 1);
    const gh = new Float64Array(6);
    expect(squaredError.gradients(margin, y, [gh])).toBeCloseTo(Math.sqrt(10 / 3), 14);
    expect(Array.from(gh)).toEqual([1, 1, 0, 1, 3, 1]);
  });

  it('adding leaf values in the gradient pass equals adding them first (binary keeps exp(−margin) by products)', () => {
    for (const obj of [binaryObjective(), squaredError]) {
      const margin = Float64Array.from({ length: n }, (_, i) => (i < 2 ? [700, -700][i]! : (rng() - 0.5) * 6));
      const y = Float64Array.from({ length: n }, () => (rng() < 0.5 ? 1 : 0));
      const values = Float64Array.of(0.25, -0.5, 80, -80);
      const leafOf = Int32Array.from({ length: n }, (_, i) => (i < 2 ? 2 + i : Math.floor(rng() * 2)));
      const fused = new Float64Array(2 * n);
      const plain = new Float64Array(2 * n);
      obj.gradients(margin, y, [fused]);
      const expected = margin.map((m, i) => m + values[leafOf[i]!]!);
      for (let round = 0; round < 30; round++) {
        const loss = obj.addLeavesAndGradients!(margin, y, fused, leafOf, values);
        if (round === 0) expect(loss).toBeCloseTo(obj.gradients(expected, y, [plain]), 12);
      }
      obj.gradients(margin.slice(), y, [plain]);
      for (let i = 0; i < 2 * n; i++) expect(Math.abs(fused[i]! - plain[i]!)).toBeLessThan(1e-12);
      expect(margin[5]).toBeCloseTo(expected[5]! + 29 * values[leafOf[5]!]!, 12);
    }
  });
});
