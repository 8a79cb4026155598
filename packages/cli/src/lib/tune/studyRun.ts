import type { Runtime, Tracker } from '@mlops/core';

/** Experiment of a study's tracked runs. */
export function studyExperiment(study: string): string {
  return `tune-${study}`;
}

/**
 * The study's tracked run (trials' runs nest under it), made the first time the study runs and
 * reused on resume; null without a tracker.
 */
export async function ensureStudyRun(runtime: Runtime, study: string, tags: Record<string, string>): Promise<string | null> {
  const { tokens } = await import('@mlops/core');
  if (!runtime.has(tokens.tracker)) return null;
  const tracker = runtime.get(tokens.tracker);
  const found = await findStudyRun(tracker, study);
  if (found) return found;
  return (await tracker.startRun({ experiment: studyExperiment(study), name: study, tags: { 'tune.study': study, ...tags } })).id;
}

/** The study's tracked run, if it has one. */
export async function findStudyRun(tracker: Tracker, study: string): Promise<string | null> {
  const { runs } = await tracker.searchRuns({ experiment: studyExperiment(study), parentId: null, orderBy: 'startedAt', limit: 1 });
  return runs[0]?.id ?? null;
}
