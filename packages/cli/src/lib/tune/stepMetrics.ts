import { numericMetrics, tokens, type ArtifactRecord, type Runtime } from '@mlops/core';

/**
 * The numbers a step reported, read back from its stored `evaluation` / `metrics` outputs: what a
 * trial's objective needs when the step did not run here (a cache hit, or a step on a worker).
 */
export async function storedStepMetrics(runtime: Runtime, records: readonly ArtifactRecord[]): Promise<Record<string, number>> {
  const store = runtime.get(tokens.artifactStore);
  const out: Record<string, number> = {};
  for (const record of records) {
    if ((record.output !== 'evaluation' && record.output !== 'metrics') || record.serializer !== 'json') continue;
    Object.assign(out, numericMetrics(JSON.parse(new TextDecoder().decode(await store.get(record.digest)))));
  }
  return out;
}
