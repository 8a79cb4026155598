// What both orchestrator benchmarks do with their measurements: for each level (workers, step
// children) alternate the baseline and ours `runs` times and take medians and their ratio; pool
// latency samples of both and report p50/p99. The JSON keys and lines say what the baseline is.
import { median } from '../lib/common.mjs';

/** The q-quantile of samples (nearest rank): p50, p99 of latencies. */
export const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

/**
 * @param levels e.g. [1, 2, 4]; `label` names them (`workers`, `concurrency`)
 * @param base `{ name, unit, key, run(level) }`: the baseline's rate per second at a level
 * @param ours `(level) => rate per second`
 */
export async function compareThroughput({ levels, label, runs, base, ours }) {
  const results = {};
  for (const level of levels) {
    const o = [], b = [];
    for (let k = 0; k < runs; k++) {
      b.push(await base.run(level));
      o.push(await ours(level));
    }
    const ratio = median(o) / median(b);
    results[`${label}=${level}`] = { oursStepsPerS: +median(o).toFixed(1), [`${base.key}PerS`]: +median(b).toFixed(1), ratio: +ratio.toFixed(4), oursRuns: o.map((x) => +x.toFixed(1)), [`${base.key}Runs`]: b.map((x) => +x.toFixed(1)) };
    console.log(`${label}=${level}: ours ${median(o).toFixed(1)} steps/s, ${base.name} ${median(b).toFixed(1)} ${base.unit}/s, ratio ${ratio.toFixed(4)}`);
  }
  return results;
}

/** `base` and `ours` each return an array of latency samples in ms; `base.name` says what it times. */
export async function compareLatency({ runs, base, ours }) {
  const lo = [], lb = [];
  for (let k = 0; k < runs; k++) {
    lb.push(...(await base.run()));
    lo.push(...(await ours()));
  }
  console.log(`trigger → first step started: ours p50 ${quantile(lo, 0.5)} ms p99 ${quantile(lo, 0.99)} ms; ${base.name} p50 ${quantile(lb, 0.5)} ms p99 ${quantile(lb, 0.99)} ms (${lo.length} samples each)`);
  return { ours: { p50: quantile(lo, 0.5), p99: quantile(lo, 0.99) }, [base.key]: { p50: quantile(lb, 0.5), p99: quantile(lb, 0.99) }, samples: lo.length };
}
