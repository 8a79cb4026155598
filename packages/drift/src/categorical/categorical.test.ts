import { chiSquareGoodnessOfFit, chiSquareHomogeneity } from './chiSquare';
import { jensenShannon } from './jensenShannon';
import { zTestProportions } from './zTestProportions';

describe('chiSquareHomogeneity', () => {
  it('2×3 by hand: expected 15/20/25 per row, χ² = 2·(25/15 + 25/25); dof 2 so p = e^{−χ²/2}', () => {
    const r = chiSquareHomogeneity([10, 20, 30], [20, 20, 20]);
    expect(r.statistic).toBeCloseTo(16 / 3, 12);
    expect(r.dof).toBe(2);
    expect(r.pValue).toBeCloseTo(Math.exp(-8 / 3), 12);
  });

  it('dof 4 closed form: P(χ²₄ ≥ x) = e^{−x/2}(1 + x/2)', () => {
    const r = chiSquareHomogeneity([5, 10, 15, 20, 25], [25, 20, 15, 10, 5]);
    expect(r.dof).toBe(4);
    expect(r.pValue).toBeCloseTo(Math.exp(-r.statistic / 2) * (1 + r.statistic / 2), 12);
  });

  it("applies Yates' correction on 2×2 (|O − E| − 0.5), as SciPy does by default", () => {
    const r = chiSquareHomogeneity([10, 20], [20, 10]);
    expect(r.statistic).toBeCloseTo((4 * 4.5 ** 2) / 15, 12);
    expect(r.pValue).toBeCloseTo(0.02013675155034634, 12); // math.erfc(sqrt(5.4/2)) in Python
    expect(chiSquareHomogeneity([10, 20], [20, 10], false).statistic).toBeCloseTo((4 * 25) / 15, 12);
  });

  it('one category, identical shares, new categories: p = 1, p = 1, small p', () => {
    expect(chiSquareHomogeneity([7], [3])).toEqual({ statistic: 0, pValue: 1, dof: 0 });
    expect(chiSquareHomogeneity([1, 2, 3], [2, 4, 6]).statistic).toBeCloseTo(0, 12);
    expect(chiSquareHomogeneity([50, 50, 0], [0, 50, 50]).pValue).toBeLessThan(1e-10);
    expect(() => chiSquareHomogeneity([0, 0], [1, 2])).toThrow('reference: expected at least one counted value, received 0');
  });

  it('goodness of fit: expected 0 with observed > 0 is infinite', () => {
    expect(chiSquareGoodnessOfFit([10, 20, 30], [20, 20, 20]).statistic).toBeCloseTo(10, 12);
    expect(chiSquareGoodnessOfFit([1, 1], [2, 0]).statistic).toBe(Infinity);
  });
});

describe('jensenShannon', () => {
  it('is 0 for identical shares, sqrt(ln 2) for disjoint ones (1 in base 2), and symmetric', () => {
    expect(jensenShannon([1, 2, 3], [2, 4, 6])).toBeCloseTo(0, 7);
    expect(jensenShannon([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.log(2)), 14);
    expect(jensenShannon([1, 0], [0, 5], 2)).toBeCloseTo(1, 14);
    expect(jensenShannon([3, 1, 1], [1, 1, 3])).toBeCloseTo(jensenShannon([1, 1, 3], [3, 1, 1]), 15);
  });
});

describe('zTestProportions', () => {
  it('30/100 vs 50/100: z = 0.2/sqrt(0.4·0.6·0.02); p from erfc', () => {
    const r = zTestProportions(30, 100, 50, 100);
    expect(r.statistic).toBeCloseTo(2.886751345948129, 12);
    expect(r.pValue).toBeCloseTo(0.003892417122778627, 12); // math.erfc(z/sqrt(2)) in Python
    expect(zTestProportions(50, 100, 30, 100).statistic).toBeCloseTo(-r.statistic, 14);
  });

  it('equal shares and all-one-value samples: z = 0, p = 1', () => {
    expect(zTestProportions(10, 20, 5, 10)).toEqual({ statistic: 0, pValue: 1 });
    expect(zTestProportions(0, 20, 0, 10)).toEqual({ statistic: 0, pValue: 1 });
    expect(() => zTestProportions(3, 2, 1, 1)).toThrow('referenceHits: expected a count in [0, 2], received 3');
  });
});
