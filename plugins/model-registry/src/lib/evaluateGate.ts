import type { GateDecision, ModelEvaluation } from '@mlops/core';
import type { GateOptions } from '../options';

/** A version and its evaluations, oldest first (as stored). */
export interface GateSubject {
  version: number;
  evaluations: readonly ModelEvaluation[];
}

// Metric values come from floating-point computations: a difference equal to the threshold up to
// rounding (0.95 - 0.94 vs 0.01) is treated as equal, not as a pass or a failure.
const epsilon = 1e-12;

const fmt = (v: number) => String(Number(v.toPrecision(6)));
const short = (digest: string) => (digest.length > 19 ? `${digest.slice(0, 19)}…` : digest);

/**
 * The promotion gate. Compares candidate and incumbent on one evaluation set both were scored on:
 * the candidate's newest evaluation whose dataset digest the incumbent also has. Pure: reads nothing.
 */
export function evaluateGate(gate: GateOptions, alias: string, candidate: GateSubject, incumbent: GateSubject | undefined): GateDecision {
  const base = { metric: gate.metric, direction: gate.direction, incumbentVersion: incumbent?.version ?? null };
  const newestCandidate = candidate.evaluations.at(-1);
  if (!incumbent) {
    return {
      ...base,
      passed: true,
      candidate: newestCandidate?.metrics[gate.metric] ?? null,
      incumbent: null,
      datasetDigest: newestCandidate?.datasetDigest ?? null,
      guards: [],
      reasons: [`${alias} is not set: v${candidate.version} becomes the first ${alias}`],
    };
  }
  if (incumbent.version === candidate.version) {
    return { ...base, passed: false, candidate: null, incumbent: null, datasetDigest: null, guards: [], reasons: [`v${candidate.version} is already ${alias}`] };
  }

  const shared = sharedEvaluations(candidate.evaluations, incumbent.evaluations);
  if (!shared) {
    return { ...base, passed: false, candidate: null, incumbent: null, datasetDigest: null, guards: [], reasons: [noSharedSetReason(candidate, incumbent)] };
  }
  const [c, i] = shared;
  const reasons: string[] = [];
  let metricPassed = false;
  const cv = c.metrics[gate.metric] ?? null;
  const iv = i.metrics[gate.metric] ?? null;
  if (cv === null || iv === null) {
    reasons.push(`metric ${gate.metric} is missing from the evaluation of ${cv === null ? `candidate v${candidate.version}` : `incumbent v${incumbent.version}`} on ${short(c.datasetDigest)}`);
  } else {
    const gain = gate.direction === 'higher' ? cv - iv : iv - cv;
    const ok = gain - gate.minImprovement > epsilon;
    metricPassed = ok;
    reasons.push(
      `${gate.metric} ${fmt(cv)} vs ${fmt(iv)} (${alias} v${incumbent.version}, ${gate.direction} is better): ` +
        `${ok ? 'improves' : 'does not improve'} by more than ${fmt(gate.minImprovement)} (${gain >= 0 ? '+' : ''}${fmt(gain)})`,
    );
  }
  const guards = gate.guards.map((g) => {
    const gc = c.metrics[g.metric] ?? null;
    const gi = i.metrics[g.metric] ?? null;
    const worse = gc === null || gi === null ? null : g.direction === 'higher' ? gi - gc : gc - gi;
    const passed = worse !== null && worse - g.tolerance <= epsilon;
    if (worse === null) reasons.push(`guard ${g.metric}: missing from the evaluation of ${gc === null ? `candidate v${candidate.version}` : `incumbent v${incumbent.version}`}`);
    else if (!passed) reasons.push(`guard ${g.metric}: ${fmt(gc!)} vs ${fmt(gi!)} is worse by ${fmt(worse)}, more than the tolerance ${fmt(g.tolerance)}`);
    return { metric: g.metric, candidate: gc, incumbent: gi, tolerance: g.tolerance, passed };
  });
  return { ...base, passed: metricPassed && guards.every((g) => g.passed), candidate: cv, incumbent: iv, datasetDigest: c.datasetDigest, guards, reasons };
}

/** The candidate's newest evaluation on a set the incumbent was also scored on, with the incumbent's newest there. */
function sharedEvaluations(candidate: readonly ModelEvaluation[], incumbent: readonly ModelEvaluation[]): [ModelEvaluation, ModelEvaluation] | undefined {
  for (let k = candidate.length - 1; k >= 0; k--) {
    const c = candidate[k]!;
    const i = [...incumbent].reverse().find((e) => e.datasetDigest === c.datasetDigest);
    if (i) return [c, i];
  }
  return undefined;
}

function noSharedSetReason(candidate: GateSubject, incumbent: GateSubject): string {
  const sets = (s: GateSubject) => [...new Set(s.evaluations.map((e) => short(e.datasetDigest)))].join(', ') || 'no evaluation';
  return (
    `no shared evaluation set: candidate v${candidate.version} has ${sets(candidate)}, incumbent v${incumbent.version} has ${sets(incumbent)}; ` +
    `re-evaluate v${incumbent.version} on the candidate's test set and record it with addEvaluation`
  );
}
