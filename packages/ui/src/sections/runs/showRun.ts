import type { MetricPoint, TrackedRun } from '@mlops/core';
import { UiError, uiErrorCodes } from '../../errors';
import type { UiServices } from '../../UiSection';

/** An artifact of a run with what the page shows about it. */
export interface RunArtifact {
  name: string;
  digest: string;
  artifactId: string | null;
  /** Bytes; null when the artifact store no longer has it. */
  size: number | null;
  serializer: string | null;
  /** Small text or JSON: the page offers a preview. */
  previewable: boolean;
}

/** A named dataset version the run registered or loaded. */
export interface RunDatasetVersion {
  name: string;
  version: number;
  role: 'input' | 'output';
  digest: string | null;
  rows: number | null;
}

/** Curves are capped so a page never receives more than this many points per metric. */
export const maxCurvePoints = 5000;
/** Artifacts up to this size are previewed (text and JSON only). */
export const maxPreviewBytes = 64 * 1024;
const textSerializers = new Set(['json', 'html', 'text']);

/** `GET /api/runs/:id`: the run (full id, unique prefix or `latest`) with curves, artifacts and dataset versions. */
export async function showRun(services: UiServices, ref: string): Promise<{ run: TrackedRun; curves: Record<string, { step: number[]; value: (number | null)[] }>; artifacts: RunArtifact[]; datasetVersions: RunDatasetVersion[] }> {
  const tracker = services.tracker!;
  const run = await tracker.getRun(ref);
  if (!run) throw new UiError(uiErrorCodes.notFound, `no tracked run "${ref}"`, { path: 'id', received: ref });
  const curves: Record<string, { step: number[]; value: (number | null)[] }> = {};
  for (const key of Object.keys(run.metrics).sort()) {
    const points = await tracker.metricHistory(run.id, key);
    if (points.length > 1) curves[key] = thin(points);
  }
  const [artifacts, datasetVersions] = await Promise.all([runArtifacts(services, run), runDatasetVersions(services, run.id)]);
  return { run, curves, artifacts, datasetVersions };
}

/** Every `stride`-th point (and the last), so a 100,000-step curve stays a small response. */
function thin(points: MetricPoint[]): { step: number[]; value: (number | null)[] } {
  const stride = Math.ceil(points.length / maxCurvePoints);
  const step: number[] = [];
  const value: (number | null)[] = [];
  for (let i = 0; i < points.length; i += stride) push(points[i]!);
  if ((points.length - 1) % stride !== 0) push(points[points.length - 1]!);
  return { step, value };
  function push(p: MetricPoint): void {
    step.push(p.step);
    value.push(Number.isFinite(p.value) ? p.value : null);
  }
}

async function runArtifacts(services: UiServices, run: TrackedRun): Promise<RunArtifact[]> {
  return Promise.all(
    run.artifacts.map(async (a) => {
      const record = a.artifactId && services.metadata ? await services.metadata.getArtifact(a.artifactId) : undefined;
      const size = record?.size ?? (services.artifacts ? ((await services.artifacts.stat(a.digest))?.size ?? null) : null);
      const serializer = record?.serializer ?? null;
      const previewable = !!record && size !== null && size <= maxPreviewBytes && textSerializers.has(record.serializer);
      return { name: a.name, digest: a.digest, artifactId: a.artifactId ?? null, size, serializer, previewable };
    }),
  );
}

async function runDatasetVersions(services: UiServices, runId: string): Promise<RunDatasetVersion[]> {
  if (!services.metadata) return [];
  const uses = await services.metadata.listDatasetUses({ runId });
  const seen = new Set<string>();
  const out: RunDatasetVersion[] = [];
  for (const u of uses) {
    const id = `${u.role} ${u.name}@${u.version}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const v = await services.metadata.getDatasetVersion(u.name, u.version);
    out.push({ name: u.name, version: u.version, role: u.role, digest: v?.digest ?? null, rows: v?.rows ?? null });
  }
  return out;
}
