import type { Tuner, TuningTrialRecord } from '@mlops/core';
import { buildStudyReport, type ParamImportances, type StudyReportData } from '@mlops/report';
import { importancesInWorker } from './importancesInWorker';

/** What the study page draws: the study report's columns without learning curves (their count only). */
export type StudyView = Omit<StudyReportData, 'curves' | 'importances'> & { curves: { total: number } };

interface Cached {
  fingerprint: string;
  view?: StudyView;
  importances?: Promise<ParamImportances | null>;
}

/**
 * Builds study views from the tuner's trials, once per state of the study: a finished trial never
 * changes, so the numbers, states and values of all trials identify what the view was built from.
 * Importances (a random forest, seconds for 10,000 trials) are built apart, in a worker thread, so
 * neither the charts nor other requests wait for them.
 */
export class StudyViews {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly tuner: Tuner) {}

  async view(name: string): Promise<StudyView> {
    const { entry, trials, directions } = await this.load(name);
    if (!entry.view) {
      const { curves, importances: _skipped, ...rest } = buildStudyReport({ name, directions, trials, importances: false });
      entry.view = { ...rest, curves: { total: curves.total } };
    }
    return entry.view;
  }

  async importances(name: string): Promise<{ importances: ParamImportances | null }> {
    const { entry, trials, directions } = await this.load(name);
    // Concurrent requests share one computation; a failed one is forgotten so the next request retries.
    entry.importances ??= importancesInWorker({ name, directions, trials }).catch((error: unknown) => {
      entry.importances = undefined;
      throw error;
    });
    return { importances: await entry.importances };
  }

  private async load(name: string): Promise<{ entry: Cached; trials: TuningTrialRecord[]; directions: readonly ('minimize' | 'maximize')[] }> {
    const study = await this.tuner.loadStudy(name);
    const trials = await study.trials();
    const fingerprint = `${study.directions.join(',')}|${trials.map((t) => `${t.number}:${t.state}:${t.values?.join(',') ?? ''}`).join(';')}`;
    let entry = this.cache.get(name);
    if (!entry || entry.fingerprint !== fingerprint) this.cache.set(name, (entry = { fingerprint }));
    return { entry, trials, directions: study.directions };
  }
}
