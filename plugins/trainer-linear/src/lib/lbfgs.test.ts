import { minimizeLbfgs } from './lbfgs';

describe('minimizeLbfgs', () => {
  it('finds the minimum of the Rosenbrock function from the classic start', async () => {
    const rosen = (x: Float64Array, g: Float64Array) => {
      const [a, b] = [x[0]!, x[1]!];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const r = await minimizeLbfgs(rosen, Float64Array.from([-1.2, 1]), { maxIter: 200, tol: 1e-10, memory: 10 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 8);
    expect(r.x[1]).toBeCloseTo(1, 8);
    expect(r.iterations).toBeLessThan(100);
  });

  it('solves a badly scaled quadratic and stops when onIteration asks', async () => {
    const scales = [1, 10, 100, 1000, 1e4];
    const quad = (x: Float64Array, g: Float64Array) => scales.reduce((f, s, i) => ((g[i] = s * (x[i]! - i)), f + 0.5 * s * (x[i]! - i) ** 2), 0);
    const r = await minimizeLbfgs(quad, new Float64Array(5), { maxIter: 500, tol: 1e-9, memory: 5 });
    expect(Array.from(r.x, (v) => Math.round(v * 1e6) / 1e6)).toEqual([0, 1, 2, 3, 4]);
    const stopped = await minimizeLbfgs(quad, new Float64Array(5), { maxIter: 500, tol: 1e-9, memory: 5, onIteration: (i) => i === 2 });
    expect(stopped).toMatchObject({ iterations: 2, converged: false, reason: 'stopped' });
  });
});
