import type { ArtifactRecord, MetadataStore } from '@mlops/core';
import { datasetNodeId, type GraphBuilder } from './LineageGraph';

const maxArtifactsPerRun = 1000;

function artifactNode(g: GraphBuilder, a: ArtifactRecord): string {
  const rows = a.metadata && typeof a.metadata === 'object' && !Array.isArray(a.metadata) && typeof a.metadata.rows === 'number' ? ` · ${a.metadata.rows} rows` : '';
  return g.node({ id: `artifact:${a.id}`, kind: 'artifact', label: a.output, detail: `${a.name.split('/').slice(-2, -1)[0] ?? ''} v${a.version} · ${a.serializer}${rows}`, runId: a.runId, name: a.name, version: a.version });
}

/**
 * Adds one pipeline run to the graph from the metadata store: its step runs, what each read
 * (artifacts, dataset versions) and produced (artifacts, dataset versions). A cached step produced
 * the artifacts of the step run it reused. Returns the run's artifact nodes by digest (to match the
 * registry's model versions to the artifacts they were registered from) and its last step's node.
 */
export async function addRunToGraph(g: GraphBuilder, metadata: MetadataStore, runId: string): Promise<{ byDigest: Map<string, string[]>; lastStep: string | null }> {
  const [steps, artifacts, uses] = await Promise.all([metadata.listStepRuns(runId), metadata.listArtifacts({ runId, limit: maxArtifactsPerRun }), metadata.listDatasetUses({ runId })]);
  const known = new Map(artifacts.map((a) => [a.id, a]));
  const byDigest = new Map<string, string[]>();
  const producedHere: ArtifactRecord[] = [];
  const remember = (a: ArtifactRecord, id: string) => byDigest.set(a.digest, [...(byDigest.get(a.digest) ?? []), id]);
  for (const step of steps) {
    const stepId = g.node({ id: `step:${step.id}`, kind: 'step', label: step.step, detail: step.cachedFrom ? 'cached' : step.status, runId });
    const produced = step.cachedFrom ? await metadata.artifactsOfStepRun(step.cachedFrom) : artifacts.filter((a) => a.stepRunId === step.id);
    for (const a of produced) {
      producedHere.push(a);
      const id = artifactNode(g, a);
      remember(a, id);
      g.edge(stepId, id);
    }
    for (const input of await metadata.inputsOfStepRun(step.id)) {
      const a = known.get(input.artifactId) ?? (await metadata.getArtifact(input.artifactId));
      if (!a) continue;
      known.set(a.id, a);
      g.edge(artifactNode(g, a), stepId, input.name);
    }
  }
  const frameDigest = (a: ArtifactRecord) => (a.metadata && typeof a.metadata === 'object' && !Array.isArray(a.metadata) ? a.metadata.datasetDigest : undefined);
  for (const u of uses) {
    const version = await metadata.getDatasetVersion(u.name, u.version);
    const id = g.node({ id: datasetNodeId(u.name, u.version), kind: 'dataset', label: `${u.name}@v${u.version}`, detail: version ? `${version.rows} rows · ${version.digest.slice(0, 15)}` : 'version gone', name: u.name, version: u.version });
    // The step's frame output with the same rows continues the dataset's path downstream.
    for (const a of producedHere) if (version && frameDigest(a) === version.digest) g.edge(id, `artifact:${a.id}`, 'same rows');
    if (!u.stepRunId) continue;
    if (u.role === 'input') g.edge(id, `step:${u.stepRunId}`, 'read');
    else g.edge(`step:${u.stepRunId}`, id, 'registered');
  }
  return { byDigest, lastStep: steps.length ? `step:${steps[steps.length - 1]!.id}` : null };
}
