import type { DatasetUseRecord, MetadataStore, ModelVersion } from '@mlops/core';
import { badParam, UiError, uiErrorCodes } from '../../errors';
import { intParam } from '../../http/queryParams';
import type { UiRequest, UiServices } from '../../UiSection';
import { addModelVersions, modelVersionsOfRuns } from './addModelVersions';
import { addRunToGraph } from './addRunToGraph';
import { datasetNodeId, GraphBuilder, modelNodeId, type LineageGraph } from './LineageGraph';

/** A dataset version read by many runs draws its producer and the newest readers, up to this many runs. */
const maxRuns = 6;
const maxNodes = 400;

/**
 * `GET /api/lineage/graph?run=ID | model=NAME&version=N | dataset=NAME&version=N`: the lineage
 * around one pipeline run, model version or dataset version, as nodes and edges. A model version
 * draws the run it was registered from; a dataset version the run that registered it and the runs
 * that read it, joined at the dataset's node.
 */
export async function buildLineage(services: UiServices, req: UiRequest): Promise<LineageGraph> {
  const metadata = services.metadata!;
  const { query } = req;
  let runIds: string[];
  let focus: string | null;
  let anchorVersion: ModelVersion | undefined;
  let truncated = false;
  if (query.get('run')) {
    const ref = query.get('run')!;
    const run = await metadata.getRun(ref);
    if (!run) throw new UiError(uiErrorCodes.notFound, `no pipeline run "${ref}" in the metadata store`, { path: 'run', received: ref });
    runIds = [run.id];
    focus = null;
  } else if (query.get('model')) {
    const name = query.get('model')!;
    const version = intParam(query, 'version', 0, 1, Number.MAX_SAFE_INTEGER);
    if (!services.registry) throw new UiError(uiErrorCodes.unavailable, 'no model registry is configured (plugins.modelRegistry)', { path: 'model' });
    anchorVersion = version ? await services.registry.getVersion(name, version) : (await services.registry.listVersions(name))[0];
    if (!anchorVersion) throw new UiError(uiErrorCodes.notFound, `no version ${version || '(latest)'} of model "${name}"`, { path: 'version', received: String(version) });
    runIds = anchorVersion.runId && (await metadata.getRun(anchorVersion.runId)) ? [anchorVersion.runId] : [];
    focus = modelNodeId(anchorVersion.name, anchorVersion.version);
  } else if (query.get('dataset')) {
    const name = query.get('dataset')!;
    const version = intParam(query, 'version', 0, 1, Number.MAX_SAFE_INTEGER);
    const record = await metadata.getDatasetVersion(name, version || undefined);
    if (!record) throw new UiError(uiErrorCodes.notFound, `no version ${version || '(latest)'} of dataset "${name}"`, { path: 'dataset', received: name });
    const runs = runsOfDataset(record.runId, await metadata.listDatasetUses({ name, version: record.version }));
    truncated = runs.length > maxRuns;
    runIds = runs.slice(0, maxRuns);
    focus = datasetNodeId(name, record.version);
  } else {
    throw badParam('run', 'one of run=ID, model=NAME&version=N or dataset=NAME&version=N', undefined);
  }
  return draw(services, metadata, runIds, focus, anchorVersion, truncated);
}

/** The run that registered the version first, then its readers newest first. */
function runsOfDataset(registeredBy: string | null, uses: DatasetUseRecord[]): string[] {
  const producers = uses.filter((u) => u.role === 'output').map((u) => u.runId);
  const readers = uses.filter((u) => u.role === 'input').reverse().map((u) => u.runId);
  return [...new Set([...(registeredBy ? [registeredBy] : []), ...producers, ...readers])];
}

async function draw(services: UiServices, metadata: MetadataStore, runIds: string[], focus: string | null, anchor: ModelVersion | undefined, truncated: boolean): Promise<LineageGraph> {
  const g = new GraphBuilder(maxNodes);
  const byDigest = new Map<string, string[]>();
  const lastStep = new Map<string, string>();
  for (const runId of runIds) {
    const added = await addRunToGraph(g, metadata, runId);
    for (const [digest, ids] of added.byDigest) byDigest.set(digest, [...(byDigest.get(digest) ?? []), ...ids]);
    if (added.lastStep) lastStep.set(runId, added.lastStep);
  }
  const versions = services.registry ? await modelVersionsOfRuns(services.registry, new Set(runIds)) : [];
  if (anchor && !versions.some((v) => v.name === anchor.name && v.version === anchor.version)) versions.push(anchor);
  addModelVersions(g, versions, byDigest, lastStep);
  return g.build(focus, runIds, truncated);
}
