import { NotFoundError, type OpenStudyOptions, type StudyDefinition, type Tuner, type TuningStudy, type TuningStudySummary, type TuningTrialState } from '@mlops/core';
import { prunerFromSpec, samplerFromSpec } from './fromSpec';
import { createStudy, loadStudy } from './Study';
import { StudyHandle, toRecord } from './StudyHandle';
import { isFeasible } from './constraints';
import type { TunerStorage } from './storage/TunerStorage';

/**
 * `tokens.tuner`: studies in the given storage (the project database for the plugin), opened with
 * samplers and pruners described as data, plus the study definitions of the config. Every study it
 * opens beats a heartbeat while `optimize` runs a trial, so a killed worker's trial is failed.
 */
export class SqlTuner implements Tuner {
  constructor(
    readonly storage: TunerStorage,
    readonly definitions: Readonly<Record<string, StudyDefinition>>,
    private readonly heartbeat: { intervalMs: number; staleMs: number },
  ) {}

  async openStudy(options: OpenStudyOptions): Promise<TuningStudy> {
    const study = await createStudy({
      name: options.name,
      storage: this.storage,
      directions: options.directions ?? ['minimize'],
      sampler: samplerFromSpec(options.sampler),
      pruner: prunerFromSpec(options.pruner),
      loadIfExists: options.loadIfExists ?? true,
      heartbeat: this.heartbeat,
      constraints: options.constraints && ((t) => options.constraints!(toRecord(t))),
      maxRetries: options.maxRetries,
    });
    return new StudyHandle(study);
  }

  async loadStudy(name: string): Promise<TuningStudy> {
    if (!(await this.storage.findStudy(name))) {
      const names = (await this.storage.listStudies()).map((s) => s.name);
      throw new NotFoundError(`no study "${name}"; studies: ${names.length ? names.join(', ') : '(none yet)'}`);
    }
    return new StudyHandle(await loadStudy({ name, storage: this.storage }));
  }

  async listStudies(): Promise<TuningStudySummary[]> {
    const out: TuningStudySummary[] = [];
    for (const record of await this.storage.listStudies()) {
      const counts: Record<TuningTrialState, number> = { waiting: 0, running: 0, complete: 0, pruned: 0, fail: 0 };
      let best: number | undefined;
      const sign = record.directions[0] === 'maximize' ? -1 : 1;
      for (const t of await this.storage.getTrials(record.id)) {
        counts[t.state]++;
        if (record.directions.length === 1 && t.state === 'complete' && t.values && isFeasible(t) && (best === undefined || sign * t.values[0]! < sign * best)) best = t.values[0]!;
      }
      out.push({ name: record.name, directions: record.directions, counts, bestValue: best });
    }
    return out;
  }

  async close(): Promise<void> {
    await this.storage.close();
  }
}
