import type { Json, TrackedRun } from '@mlops/core';

export type CompareSection = 'run' | 'params' | 'metrics' | 'tags' | 'datasets' | 'environment';

/** One line of a side-by-side comparison: a key and its value in each run. */
export interface CompareRow {
  section: CompareSection;
  key: string;
  values: (Json | undefined)[];
  /** True when not every run has the same value (a missing value counts as different). */
  differs: boolean;
}

function flattenEnvironment(run: TrackedRun): Record<string, Json> {
  const env = run.environment;
  if (!env) return {};
  const out: Record<string, Json> = {
    'git.commit': env.git?.commit ?? null,
    'git.branch': env.git?.branch ?? null,
    'git.dirty': env.git?.dirty ?? null,
    node: env.node,
    os: `${env.os.platform} ${env.os.release} ${env.os.arch}`,
    host: env.host,
    lockfileDigest: env.lockfileDigest,
    configDigest: env.configDigest,
  };
  for (const [name, version] of Object.entries(env.packages)) out[`package.${name}`] = version;
  return out;
}

function section(name: CompareSection, maps: Record<string, Json | undefined>[]): CompareRow[] {
  const keys = [...new Set(maps.flatMap((m) => Object.keys(m)))].sort();
  return keys.map((key) => {
    const values = maps.map((m) => m[key]);
    const first = JSON.stringify(values[0]);
    return { section: name, key, values, differs: values.some((v) => v === undefined || JSON.stringify(v) !== first) };
  });
}

/** Every param, metric, tag, dataset and environment fact of the runs, aligned by key. */
export function compareRuns(runs: TrackedRun[]): CompareRow[] {
  return [
    ...section('run', runs.map((r) => ({ experiment: r.experiment, status: r.status, durationMs: r.endedAt === null ? null : r.endedAt - r.startedAt }))),
    ...section('params', runs.map((r) => r.params)),
    ...section('metrics', runs.map((r) => r.metrics)),
    ...section('tags', runs.map((r) => r.tags)),
    ...section('datasets', runs.map((r) => Object.fromEntries(r.datasets.map((d) => [d.name, d.digest])))),
    ...section('environment', runs.map(flattenEnvironment)),
  ];
}
