import { describe, expect, it } from '@jest/globals';
import type { WindowPerformance } from '../performance/windowPerformance';
import { alertRule, type PerformanceDropRule } from './alertRules';
import { applyPerformanceRules } from './performanceRules';

const rule = (r: Record<string, unknown>) => alertRule.parse({ kind: 'performance-drop', ...r }) as PerformanceDropRule;

/** A window of 1000 rows: CBPE estimates accuracy 0.80 (unchecked), `labelled` rows give realized accuracy 0.70. */
function window(labelled: number, estimate = true): WindowPerformance {
  return {
    model: 'm',
    version: 1,
    window: { since: 0, until: 1, servedFrom: 0, servedUntil: 1 },
    task: 'binary',
    rows: 1000,
    labelled,
    labelCoverage: labelled / 1000,
    realized: labelled ? { kind: 'realized', rows: labelled, metrics: { accuracy: 0.7, f1: 0.6, rocAuc: 0.75, brier: 0.2, ece: 0.05 } } : null,
    estimated: estimate ? { kind: 'estimate', method: 'CBPE', note: '', rows: 1000, referenceRows: 500, metrics: { accuracy: 0.8, f1: 0.7, rocAuc: 0.85 }, valid: null } : null,
    validity: { status: 'unchecked', checks: [] },
    flags: [],
  };
}

describe('performance-drop rules', () => {
  it('fires when the chosen source is more than maxDrop below the reference, and not at or within it', () => {
    const rules = [rule({ metric: 'accuracy', source: 'estimated', maxDrop: 0.05 }), rule({ name: 'real', metric: 'accuracy', source: 'realized', maxDrop: 0.05 })];
    const { candidates, skipped } = applyPerformanceRules(rules, { performance: window(200), reference: { accuracy: 0.9 } }, 'm:1');
    expect(skipped).toEqual([]);
    expect(candidates.map((c) => [c.rule, c.column, +c.value!.toFixed(6), c.threshold])).toEqual([
      ['performance-drop', 'performance.accuracy', 0.1, 0.05],
      ['real', 'performance.accuracy', 0.2, 0.05],
    ]);
    expect(candidates[0]!.title).toBe('m:1: estimated accuracy 0.8 is 0.1 below the reference 0.9 (limit 0.05)');
    expect(candidates[0]!.detail).toBe('CBPE estimate on 1000 rows (not yet checked against labels)');
    // A drop of exactly maxDrop, or a rise, is not a drop beyond it.
    expect(applyPerformanceRules([rule({ metric: 'accuracy', maxDrop: 0.1 })], { performance: window(0), reference: { accuracy: 0.9 } }, 'm:1').candidates).toEqual([]);
    expect(applyPerformanceRules([rule({ metric: 'rocAuc', maxDrop: 0.01 })], { performance: window(0), reference: { rocAuc: 0.8 } }, 'm:1').candidates).toEqual([]);
  });

  it('uses the rule\'s reference over the evaluation\'s, and says why a rule had nothing to compare', () => {
    const withReference = applyPerformanceRules([rule({ metric: 'f1', maxDrop: 0.05, reference: 0.9 })], { performance: window(0), reference: {} }, 'm:1');
    expect(withReference.candidates.map((c) => c.title)).toEqual(['m:1: estimated f1 0.7 is 0.2 below the reference 0.9 (limit 0.05)']);
    const r = applyPerformanceRules(
      [rule({ name: 'no-ref', metric: 'f1', maxDrop: 0.05 }), rule({ name: 'no-est', metric: 'accuracy', maxDrop: 0.05 }), rule({ name: 'few', metric: 'accuracy', source: 'realized', maxDrop: 0.05, minLabels: 300 })],
      { performance: window(200, false), reference: { accuracy: 0.9 } },
      'm:1',
    );
    expect(r.candidates).toEqual([]);
    expect(r.skipped).toEqual([
      'no-ref: no reference f1 (the version has no evaluation with it; set the rule\'s reference)',
      'no-est: no estimate (the version has no cbpe artifact, or the window is empty)',
      'few: 200 labelled rows, fewer than minLabels (300)',
    ]);
  });

  it('refuses a rule without maxDrop or with an unknown metric, naming the field', () => {
    expect(alertRule.safeParse({ kind: 'performance-drop', metric: 'accuracy' }).error?.issues[0]?.path).toEqual(['maxDrop']);
    expect(alertRule.safeParse({ kind: 'performance-drop', metric: 'precision', maxDrop: 0.1 }).error?.issues[0]?.path).toEqual(['metric']);
  });
});
