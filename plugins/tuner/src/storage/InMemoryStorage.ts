import { TunerError, tunerErrorCodes } from '../errors';
import type { Direction, FrozenTrial, StudyRecord, TrialState } from '../types';
import type { StoredParam, TrialOutcome, TunerStorage } from './TunerStorage';
import { applyParams, cloneTrial, emptyTrial } from './trialRecords';

/** Studies in this process's memory: the fastest storage, for one process (workers are async tasks). */
export class InMemoryStorage implements TunerStorage {
  private readonly studies: StudyRecord[] = [];
  private readonly trials = new Map<number, FrozenTrial[]>();
  private readonly byId = new Map<number, { trial: FrozenTrial; studyId: number }>();
  private nextTrialId = 1;
  // A finished trial never changes again, so one snapshot of it is shared by every later read
  // (callers treat trials as read-only): reading a study of n trials does not copy n trials each time.
  private readonly frozen = new WeakMap<FrozenTrial, FrozenTrial>();

  async createStudy(name: string, directions: Direction[]): Promise<StudyRecord> {
    if (this.studies.some((s) => s.name === name)) throw new TunerError(tunerErrorCodes.duplicateStudy, `study "${name}" already exists`, { path: 'study.name', badInput: true });
    const study = { id: this.studies.length + 1, name, directions: [...directions] };
    this.studies.push(study);
    this.trials.set(study.id, []);
    return { ...study };
  }

  async findStudy(name: string): Promise<StudyRecord | undefined> {
    const s = this.studies.find((x) => x.name === name);
    return s && { ...s, directions: [...s.directions] };
  }

  async listStudies(): Promise<StudyRecord[]> {
    return this.studies.map((s) => ({ ...s, directions: [...s.directions] }));
  }

  async enqueueTrial(studyId: number, fixedParams: Record<string, unknown>, systemAttrs: Record<string, unknown> = {}): Promise<number> {
    const t = this.add(studyId, 'waiting');
    Object.assign(t.systemAttrs, structuredClone(systemAttrs));
    t.systemAttrs.fixed_params = fixedParams;
    return t.number;
  }

  async claimTrial(studyId: number): Promise<FrozenTrial> {
    const now = Date.now();
    const waiting = this.list(studyId).find((t) => t.state === 'waiting');
    const t = waiting ?? this.add(studyId, 'running');
    t.state = 'running';
    t.startedAt = now;
    t.heartbeatAt = now;
    return cloneTrial(t);
  }

  async writeTrial(trialId: number, update: { params?: StoredParam[]; intermediate?: [number, number][]; systemAttrs?: Record<string, unknown>; userAttrs?: Record<string, unknown> }): Promise<void> {
    const t = this.get(trialId);
    if (update.params) applyParams(t, update.params);
    for (const [step, value] of update.intermediate ?? []) t.intermediate.set(step, value);
    Object.assign(t.systemAttrs, structuredClone(update.systemAttrs ?? {}));
    Object.assign(t.userAttrs, structuredClone(update.userAttrs ?? {}));
  }

  async finishTrial(trialId: number, outcome: TrialOutcome): Promise<boolean> {
    const t = this.get(trialId);
    if (t.state !== 'running') return false;
    t.state = outcome.state;
    t.values = outcome.values && [...outcome.values];
    t.error = outcome.error;
    t.completedAt = Date.now();
    return true;
  }

  async heartbeat(trialId: number): Promise<void> {
    const t = this.get(trialId);
    if (t.state === 'running') t.heartbeatAt = Date.now();
  }

  async failStaleTrials(studyId: number, staleMs: number): Promise<number[]> {
    const limit = Date.now() - staleMs;
    const failed: number[] = [];
    for (const t of this.list(studyId)) {
      if (t.state === 'running' && (t.heartbeatAt ?? 0) < limit) {
        t.state = 'fail';
        t.error = `no heartbeat for ${staleMs} ms`;
        t.completedAt = Date.now();
        failed.push(t.number);
      }
    }
    return failed;
  }

  async getTrials(studyId: number, states?: readonly TrialState[]): Promise<FrozenTrial[]> {
    const all = this.list(studyId);
    return (states ? all.filter((t) => states.includes(t.state)) : all).map((t) => this.snapshot(t));
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    return this.snapshot(this.get(trialId));
  }

  private snapshot(t: FrozenTrial): FrozenTrial {
    if (t.state === 'running' || t.state === 'waiting') return cloneTrial(t);
    let copy = this.frozen.get(t);
    if (!copy) this.frozen.set(t, (copy = cloneTrial(t)));
    return copy;
  }

  async close(): Promise<void> {}

  private list(studyId: number): FrozenTrial[] {
    const list = this.trials.get(studyId);
    if (!list) throw new TunerError(tunerErrorCodes.notFound, `study id ${studyId} not found`);
    return list;
  }

  private add(studyId: number, state: TrialState): FrozenTrial {
    const list = this.list(studyId);
    const t = emptyTrial(this.nextTrialId++, list.length, state);
    list.push(t);
    this.byId.set(t.id, { trial: t, studyId });
    return t;
  }

  private get(trialId: number): FrozenTrial {
    const entry = this.byId.get(trialId);
    if (!entry) throw new TunerError(tunerErrorCodes.notFound, `trial id ${trialId} not found`);
    return entry.trial;
  }
}
