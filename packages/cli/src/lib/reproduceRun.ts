import { captureEnvironment, DatasetCatalog, findPipeline, formatDatasetRef, goneMessage, NotFoundError, PipelineError, runPipeline, tokens, type Json, type RunEnvironment, type RunEvent, type Runtime, type TrackedRun } from '@mlops/core';

/** What `mlops runs reproduce` found: the re-run, and which data, metrics and environment facts changed. */
export interface ReproductionReport {
  original: string;
  rerun: string;
  rerunStatus: string;
  /** Facts of the environment that changed since the original run (a likely cause of a mismatch). */
  environment: { key: string; recorded: Json; current: Json }[];
  /** The data the original run read, by name: same digest or not. */
  datasets: { name: string; recorded: string; current: string | null; matches: boolean }[];
  metrics: { key: string; recorded: number; current: number | null; matches: boolean }[];
  /** The re-run succeeded, read the same data and every metric matched within the tolerance. */
  reproduced: boolean;
}

function environmentFacts(env: RunEnvironment | null): Record<string, Json> {
  if (!env) return {};
  const facts: Record<string, Json> = { 'git.commit': env.git?.commit ?? null, 'git.dirty': env.git?.dirty ?? null, node: env.node, lockfileDigest: env.lockfileDigest, configDigest: env.configDigest };
  for (const [name, version] of Object.entries(env.packages)) facts[`package.${name}`] = version;
  return facts;
}

const close = (a: number, b: number, tolerance: number) => a === b || Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Re-runs a tracked pipeline run from its recorded params with the cache off, then compares: the
 * digests of the data it read, every metric (relative `tolerance`), and the environment (git
 * commit, lockfile, config, package versions), which explains a mismatch when there is one.
 */
export async function reproduceRun(runtime: Runtime, idOrPrefix: string, options: { tolerance?: number; onEvent?: (e: RunEvent) => void; signal?: AbortSignal } = {}): Promise<ReproductionReport> {
  const tolerance = options.tolerance ?? 1e-9;
  const tracker = runtime.get(tokens.tracker);
  const original = await tracker.getRun(idOrPrefix);
  if (!original) throw new NotFoundError(`no tracked run matches "${idOrPrefix}" (see \`mlops runs ls\`)`);
  const recorded = await runtime.get(tokens.metadataStore).getRun(original.pipelineRunId ?? original.id);
  if (!recorded) throw new PipelineError(original.experiment, `run ${original.id} was not a pipeline run, so there is nothing to re-run`);
  const def = await findPipeline(runtime, recorded.pipeline);
  const datasetPins = await checkDatasetVersions(runtime, recorded.id, recorded.pipeline);

  const current = environmentFacts(captureEnvironment(runtime.config, def.plan(recorded.params as never).map((p) => p.step)));
  const before = environmentFacts(original.environment);
  const environment = Object.keys({ ...before, ...current })
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(current[k] ?? null))
    .sort()
    .map((key) => ({ key, recorded: before[key] ?? null, current: current[key] ?? null }));

  const result = await runPipeline(runtime, def, { params: recorded.params as Record<string, unknown>, noCache: true, tags: { ...recorded.tags, 'mlops.reproduces': original.id }, onEvent: options.onEvent, signal: options.signal, datasetPins });
  const rerun = (await tracker.getRun(result.run.id)) as TrackedRun;
  const datasets = original.datasets
    .filter((d) => d.role === 'input')
    .map((d) => {
      const now = rerun.datasets.find((x) => x.name === d.name)?.digest ?? null;
      return { name: d.name, recorded: d.digest, current: now, matches: now === d.digest };
    });
  const metrics = Object.entries(original.metrics)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => {
      const now = rerun.metrics[key] ?? null;
      return { key, recorded: value, current: now, matches: now !== null && close(value, now, tolerance) };
    });
  const reproduced = result.run.status === 'succeeded' && datasets.every((d) => d.matches) && metrics.every((m) => m.matches);
  return { original: original.id, rerun: result.run.id, rerunStatus: result.run.status, environment, datasets, metrics, reproduced };
}

/**
 * The named dataset versions the run read or wrote must all still exist: a re-run that silently read
 * other data would prove nothing. Returns the versions it read, by name, so the re-run loads those
 * and not the latest.
 */
async function checkDatasetVersions(runtime: Runtime, runId: string, pipeline: string): Promise<Record<string, number>> {
  const metadata = runtime.get(tokens.metadataStore);
  const catalog = new DatasetCatalog(runtime.get(tokens.artifactStore), metadata);
  const uses = await metadata.listDatasetUses({ runId });
  const gone: string[] = [];
  const pins: Record<string, number> = {};
  for (const use of uses) {
    const record = await metadata.getDatasetVersion(use.name, use.version);
    if (!record) gone.push(`dataset ${formatDatasetRef(use)} is no longer in the index`);
    else if (!(await catalog.isAvailable(record))) gone.push(goneMessage(record));
    if (use.role === 'input') pins[use.name] = use.version;
  }
  if (gone.length) throw new PipelineError(pipeline, `cannot reproduce run ${runId}: it used ${[...new Set(gone)].join('; ')}`);
  return pins;
}
