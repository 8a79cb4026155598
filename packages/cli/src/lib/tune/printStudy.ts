import type { TuningStudy, TuningTrialRecord } from '@mlops/core';
import { color, formatDuration, printJson, table } from '../format';
import type { GlobalOptions } from '../globalOptions';

/** `mlops tune show`: every trial (state, values, params, run) and the best trial or Pareto front. */
export async function printStudy(study: TuningStudy, opts: GlobalOptions): Promise<void> {
  const trials = await study.trials();
  const single = study.directions.length === 1;
  const best = single ? await study.bestTrial() : undefined;
  const front = single ? [] : await study.bestTrials();
  if (opts.json) return printJson({ name: study.name, directions: study.directions, trials: trials.map(plain), best: best && plain(best), paretoFront: front.map(plain) });
  const onFront = new Set(front.map((t) => t.number));
  const rows = trials.map((t) => [
    String(t.number) + (t.number === best?.number || onFront.has(t.number) ? color.green(' *') : ''),
    t.state + (t.constraints?.some((c) => c > 0) ? ' infeasible' : '') + (t.retriedFrom === undefined ? '' : ` (retry of ${t.retriedFrom})`),
    t.values ? t.values.map((v) => v.toPrecision(6)).join(', ') : '-',
    String(t.intermediate.size),
    formatDuration(t.startedAt !== undefined && t.completedAt !== undefined ? t.completedAt - t.startedAt : null),
    Object.entries(t.params).map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(4) : v}`).join(' '),
    typeof t.userAttrs.runId === 'string' ? t.userAttrs.runId.slice(0, 12) : t.error ? color.red(t.error.slice(0, 60)) : '',
  ]);
  process.stdout.write(`study ${study.name} (${study.directions.join(', ')}): ${trials.length} trials\n`);
  process.stdout.write(`${table(['TRIAL', 'STATE', 'VALUE', 'STEPS', 'TIME', 'PARAMS', 'RUN / ERROR'], rows)}\n`);
  if (best) process.stdout.write(`best: trial ${best.number}, ${best.values![0]} ${JSON.stringify(best.params)}\n`);
  if (front.length) process.stdout.write(`Pareto front (*): trials ${front.map((t) => t.number).join(', ')}\n`);
}

/** A trial as JSON: its intermediate values as an object by step. */
export function plain(t: TuningTrialRecord) {
  return { ...t, intermediate: Object.fromEntries(t.intermediate) };
}
