import type { ModelRegistry, ModelVersion } from '@mlops/core';
import { modelNodeId, type GraphBuilder } from './LineageGraph';

/** Every version whose source run is one of `runIds` (the registry has no index by run: a scan of its versions). */
export async function modelVersionsOfRuns(registry: ModelRegistry, runIds: ReadonlySet<string>): Promise<ModelVersion[]> {
  const out: ModelVersion[] = [];
  for (const model of await registry.listModels()) {
    for (const v of await registry.listVersions(model.name)) if (v.runId && runIds.has(v.runId)) out.push(v);
  }
  return out;
}

/**
 * Adds model versions and their aliases. A version links from the run's artifacts whose digests it
 * records (the ONNX graph, the trainer's model, …); when none match, from the run's last step.
 */
export function addModelVersions(g: GraphBuilder, versions: readonly ModelVersion[], artifactsByDigest: ReadonlyMap<string, string[]>, lastStepOfRun: ReadonlyMap<string, string>): void {
  for (const v of versions) {
    const id = g.node({ id: modelNodeId(v.name, v.version), kind: 'model', label: `${v.name} v${v.version}`, detail: `by ${v.createdBy}${v.training ? ` · ${v.training.kind}` : ''}`, runId: v.runId ?? undefined, name: v.name, version: v.version });
    let linked = false;
    for (const [key, digest] of Object.entries(v.artifacts)) {
      for (const from of artifactsByDigest.get(digest) ?? []) {
        g.edge(from, id, key);
        linked = true;
      }
    }
    const last = v.runId ? lastStepOfRun.get(v.runId) : undefined;
    if (!linked && last) g.edge(last, id, 'registered');
    for (const alias of v.aliases) {
      g.edge(id, g.node({ id: `alias:${v.name}@${alias}`, kind: 'alias', label: `@${alias}`, detail: v.name, name: v.name, version: v.version }));
    }
  }
}
