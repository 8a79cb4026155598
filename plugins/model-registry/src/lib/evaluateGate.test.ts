import { describe, expect, it } from '@jest/globals';
import type { ModelEvaluation } from '@mlops/core';
import { gateOptions } from '../options';
import { evaluateGate } from './evaluateGate';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const ev = (datasetDigest: string, metrics: Record<string, number>, evaluatedAt = 1): ModelEvaluation => ({ datasetDigest, metrics, evaluatedAt });
const gate = (raw: unknown = {}) => gateOptions.parse(raw);

describe('evaluateGate', () => {
  it('compares on the candidate\'s newest evaluation set that the incumbent shares', () => {
    const candidate = { version: 3, evaluations: [ev(A, { rocAuc: 0.95 }), ev(B, { rocAuc: 0.7 })] };
    const incumbent = { version: 2, evaluations: [ev(A, { rocAuc: 0.9 }), ev(A, { rocAuc: 0.92 })] };
    const decision = evaluateGate(gate(), 'champion', candidate, incumbent);
    expect(decision).toEqual({
      passed: true,
      metric: 'rocAuc',
      direction: 'higher',
      candidate: 0.95,
      incumbent: 0.92,
      incumbentVersion: 2,
      datasetDigest: A,
      guards: [],
      reasons: ['rocAuc 0.95 vs 0.92 (champion v2, higher is better): improves by more than 0 (+0.03)'],
    });
    // Once the incumbent is also scored on B, B (the candidate's newest) is used.
    expect(evaluateGate(gate(), 'champion', candidate, { version: 2, evaluations: [...incumbent.evaluations, ev(B, { rocAuc: 0.6 })] }).datasetDigest).toBe(B);
  });

  it('needs more than minImprovement, treating floating-point rounding as equality', () => {
    const g = gate({ minImprovement: 0.01 });
    const inc = { version: 1, evaluations: [ev(A, { rocAuc: 0.94 })] };
    expect(evaluateGate(g, 'champion', { version: 2, evaluations: [ev(A, { rocAuc: 0.95 })] }, inc).passed).toBe(false);
    expect(evaluateGate(g, 'champion', { version: 2, evaluations: [ev(A, { rocAuc: 0.9501 })] }, inc).passed).toBe(true);
  });

  it('judges lower-is-better metrics and guards in their own direction', () => {
    const g = gate({ metric: 'rmse', direction: 'lower', guards: [{ metric: 'mae', direction: 'lower', tolerance: 0.1 }, { metric: 'r2', tolerance: 0 }] });
    const inc = { version: 1, evaluations: [ev(A, { rmse: 2, mae: 1, r2: 0.8 })] };
    const ok = evaluateGate(g, 'prod', { version: 2, evaluations: [ev(A, { rmse: 1.5, mae: 1.1, r2: 0.8 })] }, inc);
    expect(ok.passed).toBe(true);
    expect(ok.guards.map((x) => x.passed)).toEqual([true, true]);
    const bad = evaluateGate(g, 'prod', { version: 2, evaluations: [ev(A, { rmse: 1.5, mae: 1.3, r2: 0.79 })] }, inc);
    expect(bad.passed).toBe(false);
    expect(bad.reasons.slice(1)).toEqual(['guard mae: 1.3 vs 1 is worse by 0.3, more than the tolerance 0.1', 'guard r2: 0.79 vs 0.8 is worse by 0.01, more than the tolerance 0']);
  });

  it('fails a guard whose metric is missing, and refuses when the gate metric is missing', () => {
    const g = gate({ guards: [{ metric: 'recall' }] });
    const d = evaluateGate(g, 'champion', { version: 2, evaluations: [ev(A, { rocAuc: 0.99 })] }, { version: 1, evaluations: [ev(A, { rocAuc: 0.5, recall: 0.5 })] });
    expect(d.passed).toBe(false);
    expect(d.reasons).toContain('guard recall: missing from the evaluation of candidate v2');
    const m = evaluateGate(g, 'champion', { version: 2, evaluations: [ev(A, { recall: 0.9 })] }, { version: 1, evaluations: [ev(A, { recall: 0.5 })] });
    expect(m).toMatchObject({ passed: false, candidate: null, incumbent: null });
  });

  it('passes a first promotion, refuses the same version and sets without overlap', () => {
    expect(evaluateGate(gate(), 'champion', { version: 1, evaluations: [] }, undefined)).toMatchObject({ passed: true, candidate: null, incumbentVersion: null });
    expect(evaluateGate(gate(), 'champion', { version: 1, evaluations: [] }, { version: 1, evaluations: [] }).reasons).toEqual(['v1 is already champion']);
    const none = evaluateGate(gate(), 'champion', { version: 2, evaluations: [ev(B, { rocAuc: 1 })] }, { version: 1, evaluations: [] });
    expect(none).toMatchObject({ passed: false, datasetDigest: null });
    expect(none.reasons[0]).toContain('incumbent v1 has no evaluation');
  });
});
