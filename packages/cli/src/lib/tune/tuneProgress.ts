import type { TuningStudy, TuningTrialRecord } from '@mlops/core';
import { color } from '../format';

/** Shows a study's progress while trials run (here or in worker processes), from its storage. */
export interface TuneProgress {
  /** Reads the study once more, prints what is new, and stops polling. */
  stop(): Promise<void>;
}

/**
 * Polls the study every `intervalMs`. On a terminal: one line rewritten in place (a bar, counts by
 * state and the best value so far); otherwise one plain line per finished trial, nothing rewritten.
 */
export function watchProgress(study: TuningStudy, options: { total: number; tty: boolean; quiet?: boolean; intervalMs?: number }): TuneProgress {
  const seen = new Set<number>();
  // A failed read only costs the first poll its baseline: progress must never crash the command.
  const baseline = study
    .trials()
    .then((ts) => ts.filter(isFinished).forEach((t) => seen.add(t.number)))
    .catch(() => undefined);
  let finishedHere = 0;
  let best: TuningTrialRecord | undefined;
  const sign = study.directions[0] === 'maximize' ? -1 : 1;
  const single = study.directions.length === 1;
  const poll = async () => {
    await baseline;
    const trials = await study.trials();
    for (const t of trials) {
      // The study's best so far, earlier sessions' trials included.
      if (single && t.state === 'complete' && t.values && !t.constraints?.some((c) => c > 0) && (!best || sign * t.values[0]! < sign * best.values![0]!)) best = t;
      if (!isFinished(t) || seen.has(t.number)) continue;
      seen.add(t.number);
      finishedHere++;
      if (!options.tty && !options.quiet) process.stdout.write(`trial ${t.number} ${t.state}${t.values ? ` ${t.values.map(fmt).join(', ')}` : ''}${t.error ? ` (${t.error})` : ''}${bestText()}\n`);
    }
    if (options.tty && !options.quiet) {
      const counts = { running: 0, complete: 0, pruned: 0, fail: 0 } as Record<string, number>;
      for (const t of trials) counts[t.state] = (counts[t.state] ?? 0) + 1;
      const width = 20;
      const done = Math.min(width, Math.round((finishedHere / Math.max(1, options.total)) * width));
      process.stdout.write(`\r\x1b[2K${study.name} ${'█'.repeat(done)}${color.dim('░'.repeat(width - done))} ${finishedHere}/${options.total} · running ${counts.running} · complete ${counts.complete} · pruned ${counts.pruned} · failed ${counts.fail}${bestText()}`);
    }
  };
  const bestText = () => (best ? ` · best ${fmt(best.values![0]!)} (trial ${best.number})` : '');
  let pending = Promise.resolve();
  const timer = setInterval(() => void (pending = pending.then(poll).catch(() => undefined)), options.intervalMs ?? 500);
  return {
    async stop() {
      clearInterval(timer);
      await pending;
      await poll();
      if (options.tty && !options.quiet) process.stdout.write('\n');
    },
  };
}

function isFinished(t: TuningTrialRecord): boolean {
  return t.state === 'complete' || t.state === 'pruned' || t.state === 'fail';
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(6);
}
