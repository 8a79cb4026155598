import { NotFoundError, StorageError, createId, definePlugin, tokens } from '@mlops/core';
import type { DatasetRef, Json, MetricPoint, NewTrackedRun, RunSearchQuery, RunSearchResult, TrackedArtifact, TrackedRun, TrackedRunStatus, Tracker } from '@mlops/core';

/**
 * A tracker in process memory, for unit tests of code that logs (pipelines, trainers, tuners).
 * Same write semantics as `@mlops/tracker` (immutable params, metric curves, prefix lookup);
 * `searchRuns` supports experiment, parentId and paging, and refuses `filter`/`orderBy`, which
 * need the SQL tracker's expression language.
 */
export class MemoryTracker implements Tracker {
  readonly runs = new Map<string, TrackedRun>();
  private readonly points = new Map<string, MetricPoint[]>();

  async startRun(init: NewTrackedRun): Promise<TrackedRun> {
    const id = init.id ?? createId();
    if (this.runs.has(id)) throw new StorageError(`tracked run ${id} already exists`);
    const run: TrackedRun = { id, experiment: init.experiment, name: init.name ?? null, parentId: init.parentId ?? null, status: 'running', startedAt: init.startedAt ?? Date.now(), endedAt: null, params: { ...(init.params ?? {}) }, metrics: {}, tags: { ...(init.tags ?? {}) }, datasets: [], artifacts: [], environment: init.environment ?? null, pipelineRunId: init.pipelineRunId ?? null };
    this.runs.set(id, run);
    return structuredClone(run);
  }
  async endRun(id: string, status: Exclude<TrackedRunStatus, 'running'>, endedAt = Date.now()) {
    Object.assign(this.must(id), { status, endedAt });
  }
  async logParams(id: string, params: Record<string, Json>) {
    const run = this.must(id);
    for (const [k, v] of Object.entries(params)) {
      if (k in run.params && JSON.stringify(run.params[k]) !== JSON.stringify(v)) throw new StorageError(`param "${k}" of run ${id} is already ${JSON.stringify(run.params[k])}; params are immutable (got ${JSON.stringify(v)})`);
      run.params[k] = v;
    }
  }
  async logMetrics(id: string, points: { key: string; value: number; step?: number; timestamp?: number }[]) {
    const run = this.must(id);
    for (const p of points) {
      const point = { key: p.key, value: p.value, step: p.step ?? 0, timestamp: p.timestamp ?? Date.now() };
      const key = `${id}\0${p.key}`;
      this.points.set(key, [...(this.points.get(key) ?? []), point]);
      const latest = this.points.get(key)!.reduce((a, b) => (b.step > a.step || (b.step === a.step && b.timestamp >= a.timestamp) ? b : a));
      run.metrics[p.key] = latest.value;
    }
  }
  async setTags(id: string, tags: Record<string, string>) {
    Object.assign(this.must(id).tags, tags);
  }
  async logDatasets(id: string, datasets: DatasetRef[]) {
    this.must(id).datasets.push(...structuredClone(datasets));
  }
  async logArtifacts(id: string, artifacts: TrackedArtifact[]) {
    this.must(id).artifacts.push(...structuredClone(artifacts));
  }
  async getRun(ref: string) {
    const all = [...this.runs.values()];
    if (ref === 'latest') return structuredClone(all.sort((a, b) => b.startedAt - a.startedAt)[0]);
    const matches = all.filter((r) => r.id === ref || r.id.startsWith(ref));
    const exact = matches.find((r) => r.id === ref);
    if (!exact && matches.length > 1) throw new NotFoundError(`run prefix "${ref}" matches ${matches.length} runs`);
    const found = exact ?? matches[0];
    return found && structuredClone(found);
  }
  async metricHistory(id: string, key: string) {
    return [...(this.points.get(`${id}\0${key}`) ?? [])].sort((a, b) => a.step - b.step || a.timestamp - b.timestamp);
  }
  async searchRuns(query: RunSearchQuery = {}): Promise<RunSearchResult> {
    if (query.filter || query.orderBy) throw new StorageError('MemoryTracker does not evaluate filter/orderBy expressions; use @mlops/tracker');
    const matching = [...this.runs.values()]
      .filter((r) => (query.experiment === undefined || r.experiment === query.experiment) && (query.parentId === undefined || r.parentId === query.parentId))
      .sort((a, b) => b.startedAt - a.startedAt);
    const offset = query.offset ?? 0;
    return { runs: structuredClone(matching.slice(offset, offset + (query.limit ?? 100))), total: matching.length };
  }
  private must(id: string): TrackedRun {
    const run = this.runs.get(id);
    if (!run) throw new NotFoundError(`no tracked run ${id}`);
    return run;
  }
}

/** Plugin for configs in tests: `plugins: { tracker: memoryTracker }` (one tracker per runtime). */
export const memoryTracker = definePlugin({ name: 'memory-tracker', provides: tokens.tracker, create: () => new MemoryTracker() });
