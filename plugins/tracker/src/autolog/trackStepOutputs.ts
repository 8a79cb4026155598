import type { DatasetRef, Json, StepOutput, TrackedArtifact, Tracker } from '@mlops/core';

/**
 * Logs what a finished step produced to the tracked run: every output as an artifact, frames as
 * datasets (outputs of steps without inputs are the data the run read, role `input`), and the
 * step's metrics (the numbers of an `evaluation`/`metrics` output) as `<step>.<metric>`.
 */
export async function trackStepOutputs(tracker: Tracker, runId: string, stepId: string, outputs: readonly StepOutput[], metrics: Record<string, number>, isSource: boolean): Promise<void> {
  const artifacts: TrackedArtifact[] = outputs.map(({ record }) => ({ name: record.name, digest: record.digest, artifactId: record.id }));
  const datasets: DatasetRef[] = [];
  for (const { record } of outputs) {
    const meta = record.metadata as { datasetDigest?: string; rows?: number } | null;
    if (record.serializer === 'frame' && meta?.datasetDigest) datasets.push({ name: record.name, digest: meta.datasetDigest, rows: meta.rows ?? null, role: isSource ? 'input' : 'output', artifactId: record.id });
  }
  if (artifacts.length) await tracker.logArtifacts(runId, artifacts);
  if (datasets.length) await tracker.logDatasets(runId, datasets);
  const timestamp = Date.now();
  const points = Object.entries(metrics).map(([k, value]) => ({ key: `${stepId}.${k}`, value, step: 0, timestamp }));
  if (points.length) await tracker.logMetrics(runId, points);
}

/**
 * A cached step did not run, so nothing logged its params and metrics in this run: copy the ones
 * it logged (keys `<step>.…`) in the run it was cached from, curves included, so every run of a
 * pipeline carries its complete metrics whatever the cache reused.
 */
export async function carryOverCachedStep(tracker: Tracker, runId: string, stepId: string, fromRunId: string): Promise<void> {
  const from = await tracker.getRun(fromRunId);
  if (!from) return;
  const prefix = `${stepId}.`;
  const params = Object.fromEntries(Object.entries(from.params).filter(([k]) => k.startsWith(prefix))) as Record<string, Json>;
  if (Object.keys(params).length) await tracker.logParams(runId, params);
  for (const key of Object.keys(from.metrics).filter((k) => k.startsWith(prefix))) {
    const history = await tracker.metricHistory(from.id, key);
    if (history.length) await tracker.logMetrics(runId, history);
  }
}
