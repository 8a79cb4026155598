import type { Json, TrackedRun, Tracker } from '@mlops/core';
import { badParam, UiError, uiErrorCodes } from '../../errors';
import { listParam } from '../../http/queryParams';
import type { UiRequest } from '../../UiSection';

/** One compared field: its value in each run (in the order asked) and whether they differ. */
export interface CompareRow {
  key: string;
  values: (string | null)[];
  differs: boolean;
}

const maxCompared = 10;

/**
 * `GET /api/compare?ids=a,b[,…]`: params, metrics, datasets and environment of 2 to 10 runs side by
 * side, and the curves they share (one series per run), for overlaying.
 */
export async function compareRuns(tracker: Tracker, req: UiRequest): Promise<{ runs: { id: string; name: string | null; experiment: string; status: string; startedAt: number }[]; sections: Record<string, CompareRow[]>; curves: Record<string, { step: number; value: number | null }[][]> }> {
  const ids = listParam(req.query, 'ids');
  if (ids.length < 2 || ids.length > maxCompared) throw badParam('ids', `2 to ${maxCompared} comma-separated run ids`, req.query.get('ids') ?? undefined);
  const runs = await Promise.all(
    ids.map(async (id) => {
      const run = await tracker.getRun(id);
      if (!run) throw new UiError(uiErrorCodes.notFound, `no tracked run "${id}"`, { path: 'ids', received: id });
      return run;
    }),
  );
  const sections = {
    params: rows(runs, (r) => flatten(r.params)),
    metrics: rows(runs, (r) => Object.fromEntries(Object.entries(r.metrics).map(([k, v]) => [k, String(v)]))),
    datasets: rows(runs, (r) => Object.fromEntries(r.datasets.map((d) => [`${d.role} ${d.name}`, d.digest]))),
    environment: rows(runs, (r) => environmentOf(r)),
  };
  const shared = Object.keys(runs[0]!.metrics).filter((k) => runs.every((r) => k in r.metrics));
  const curves: Record<string, { step: number; value: number | null }[][]> = {};
  for (const key of shared.sort()) {
    const series = await Promise.all(runs.map((r) => tracker.metricHistory(r.id, key)));
    if (series.some((s) => s.length > 1)) curves[key] = series.map((s) => s.map((p) => ({ step: p.step, value: Number.isFinite(p.value) ? p.value : null })));
  }
  return { runs: runs.map((r) => ({ id: r.id, name: r.name, experiment: r.experiment, status: r.status, startedAt: r.startedAt })), sections, curves };
}

function rows(runs: TrackedRun[], pick: (run: TrackedRun) => Record<string, string>): CompareRow[] {
  const maps = runs.map(pick);
  const keys = [...new Set(maps.flatMap((m) => Object.keys(m)))].sort();
  return keys.map((key) => {
    const values = maps.map((m) => m[key] ?? null);
    return { key, values, differs: values.some((v) => v !== values[0]) };
  });
}

/** Nested params as dotted keys, leaves as JSON text (strings unquoted). */
function flatten(value: Record<string, Json>, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, Json>, key, out);
    else out[key] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

function environmentOf(run: TrackedRun): Record<string, string> {
  const e = run.environment;
  if (!e) return {};
  const out: Record<string, string> = {
    'git.commit': e.git?.commit ?? '',
    'git.branch': e.git?.branch ?? '',
    'git.dirty': e.git ? String(e.git.dirty) : '',
    node: e.node,
    os: `${e.os.platform} ${e.os.release} ${e.os.arch}`,
    host: e.host,
    lockfileDigest: e.lockfileDigest ?? '',
    configDigest: e.configDigest ?? '',
  };
  for (const [name, version] of Object.entries(e.packages)) out[`packages.${name}`] = version;
  return out;
}
