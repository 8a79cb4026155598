import { NotFoundError, StorageError, messages } from '@mlops/core';
import type { ArtifactQuery, ArtifactRecord, DatasetUseQuery, DatasetUseRecord, DatasetVersionRecord, MetadataStore, NewArtifact, NewDatasetVersion, RunPatch, RunQuery, RunRecord, StepInputRecord, StepRunOutcome, StepRunPatch, StepRunRecord } from '@mlops/core';

const clone = <T>(v: T): T => structuredClone(v);

function byIdOrPrefix<T extends { id: string }>(items: Iterable<T>, ref: string, kind: string, newest: (a: T, b: T) => number): T | undefined {
  const all = [...items];
  if (ref === 'latest') return all.sort(newest)[0];
  const exact = all.find((x) => x.id === ref);
  if (exact) return exact;
  const matches = all.filter((x) => x.id.startsWith(ref));
  if (matches.length > 1) throw new NotFoundError(messages.ambiguousId(kind, ref, matches.length));
  return matches[0];
}

/** A metadata store in process memory, for unit tests. Same semantics as the SQL store. */
export class MemoryMetadataStore implements MetadataStore {
  private readonly runs = new Map<string, RunRecord>();
  private readonly stepRuns = new Map<string, StepRunRecord>();
  private readonly artifacts = new Map<string, ArtifactRecord>();
  private readonly versions = new Map<string, number>();
  private readonly inputs: StepInputRecord[] = [];
  private readonly datasetVersions: DatasetVersionRecord[] = [];
  private readonly datasetUses: DatasetUseRecord[] = [];

  async createRun(run: RunRecord) {
    if (this.runs.has(run.id)) throw new StorageError(`run ${run.id} already exists`);
    this.runs.set(run.id, clone(run));
  }
  async finishRun(id: string, patch: RunPatch) {
    const run = this.runs.get(id);
    if (!run) throw new NotFoundError(messages.runNotFound(id));
    Object.assign(run, { status: patch.status, endedAt: patch.endedAt, error: patch.error ?? null });
  }
  async getRun(ref: string) {
    const run = byIdOrPrefix(this.runs.values(), ref, 'run', (a, b) => b.startedAt - a.startedAt || b.id.localeCompare(a.id));
    return run && clone(run);
  }
  async listRuns(q: RunQuery = {}) {
    return [...this.runs.values()]
      .filter((r) => (!q.pipeline || r.pipeline === q.pipeline) && (!q.status || r.status === q.status))
      .sort((a, b) => b.startedAt - a.startedAt || b.id.localeCompare(a.id))
      .slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 50))
      .map(clone);
  }
  async createStepRun(s: StepRunRecord) {
    if (this.stepRuns.has(s.id)) throw new StorageError(`step run ${s.id} already exists`);
    this.stepRuns.set(s.id, clone(s));
  }
  async finishStepRun(id: string, patch: StepRunPatch) {
    const s = this.stepRuns.get(id);
    if (!s) throw new NotFoundError(`step run ${id} not found`);
    Object.assign(s, { status: patch.status, endedAt: patch.endedAt, logs: patch.logs ?? s.logs, error: patch.error ?? null, cachedFrom: patch.cachedFrom ?? s.cachedFrom });
  }
  async recordStepRun(o: StepRunOutcome) {
    // Checked first: nothing is written when the outcome cannot be written whole.
    if (!this.runs.has(o.stepRun.runId)) throw new StorageError(`run ${o.stepRun.runId} not found`);
    const names = o.artifacts.map((a) => a.name);
    if (new Set(names).size !== names.length) throw new StorageError(`step run ${o.stepRun.id}: artifact names must be distinct`);
    this.stepRuns.set(o.stepRun.id, clone(o.stepRun));
    const known = new Set(this.inputs.filter((i) => i.stepRunId === o.stepRun.id).map((i) => i.name));
    this.inputs.push(...o.inputs.filter((i) => !known.has(i.name)).map(clone));
    const records: ArtifactRecord[] = [];
    for (const a of o.artifacts) records.push(await this.recordArtifact(a));
    return records;
  }
  async listStepRuns(runId: string) {
    return [...this.stepRuns.values()].filter((s) => s.runId === runId).sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id)).map(clone);
  }
  async findCachedStepRun(cacheKey: string) {
    const hit = [...this.stepRuns.values()].filter((s) => s.cacheKey === cacheKey && s.status === 'succeeded').sort((a, b) => b.startedAt - a.startedAt || b.id.localeCompare(a.id))[0];
    return hit && clone(hit);
  }
  async recordArtifact(a: NewArtifact) {
    const version = (this.versions.get(a.name) ?? 0) + 1;
    this.versions.set(a.name, version);
    const record = { ...clone(a), version };
    this.artifacts.set(a.id, record);
    return clone(record);
  }
  async getArtifact(ref: string) {
    const a = byIdOrPrefix(this.artifacts.values(), ref, 'artifact', (x, y) => y.createdAt - x.createdAt || y.id.localeCompare(x.id));
    return a && clone(a);
  }
  async listArtifacts(q: ArtifactQuery = {}) {
    return [...this.artifacts.values()]
      .filter((a) => (!q.runId || a.runId === q.runId) && (!q.name || a.name === q.name))
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))
      .slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 50))
      .map(clone);
  }
  async artifactsOfStepRun(stepRunId: string) {
    return [...this.artifacts.values()].filter((a) => a.stepRunId === stepRunId).sort((a, b) => a.output.localeCompare(b.output)).map(clone);
  }
  async recordStepInputs(inputs: StepInputRecord[]) {
    this.inputs.push(...inputs.map(clone));
  }
  async inputsOfStepRun(stepRunId: string) {
    return this.inputs.filter((i) => i.stepRunId === stepRunId).sort((a, b) => a.name.localeCompare(b.name)).map(clone);
  }
  async recordDatasetVersion(d: NewDatasetVersion) {
    const existing = this.datasetVersions.find((v) => v.name === d.name && v.digest === d.digest);
    if (existing) return clone(existing);
    const version = Math.max(0, ...this.datasetVersions.filter((v) => v.name === d.name).map((v) => v.version)) + 1;
    const record = { ...clone(d), version };
    this.datasetVersions.push(record);
    return clone(record);
  }
  async getDatasetVersion(name: string, version?: number) {
    const found = this.datasetVersions.filter((v) => v.name === name && (version === undefined || v.version === version)).sort((a, b) => b.version - a.version)[0];
    return found && clone(found);
  }
  async listDatasetVersions(name?: string) {
    return this.datasetVersions
      .filter((v) => name === undefined || v.name === name)
      .sort((a, b) => a.name.localeCompare(b.name) || b.version - a.version)
      .map(clone);
  }
  async recordDatasetUses(uses: DatasetUseRecord[]) {
    const key = (u: DatasetUseRecord) => JSON.stringify([u.runId, u.stepRunId, u.name, u.version, u.role]);
    const seen = new Set(this.datasetUses.map(key));
    for (const u of uses) if (!seen.has(key(u))) (seen.add(key(u)), this.datasetUses.push(clone(u)));
  }
  async listDatasetUses(q: DatasetUseQuery) {
    return this.datasetUses
      .filter((u) => (q.runId === undefined || u.runId === q.runId) && (q.stepRunId === undefined || u.stepRunId === q.stepRunId) && (q.name === undefined || u.name === q.name) && (q.version === undefined || u.version === q.version))
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(clone);
  }
}
