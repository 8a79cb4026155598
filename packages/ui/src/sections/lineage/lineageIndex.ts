import type { UiServices } from '../../UiSection';

const newest = 20;

/**
 * `GET /api/lineage`: where a lineage graph can start: recent pipeline runs, model versions (with
 * their source run and aliases) and dataset versions (with the run that registered them).
 */
export async function lineageIndex(services: UiServices): Promise<{
  runs: { id: string; pipeline: string; status: string; startedAt: number }[];
  models: { name: string; version: number; runId: string | null; aliases: string[]; createdAt: number }[];
  datasets: { name: string; version: number; rows: number; digest: string; runId: string | null; createdAt: number }[];
}> {
  const metadata = services.metadata!;
  const [runs, datasets] = await Promise.all([metadata.listRuns({ limit: newest }), metadata.listDatasetVersions()]);
  const models: Awaited<ReturnType<typeof lineageIndex>>['models'] = [];
  if (services.registry) {
    for (const m of await services.registry.listModels()) {
      for (const v of (await services.registry.listVersions(m.name)).slice(0, newest)) models.push({ name: v.name, version: v.version, runId: v.runId, aliases: v.aliases, createdAt: v.createdAt });
    }
  }
  return {
    runs: runs.map((r) => ({ id: r.id, pipeline: r.pipeline, status: r.status, startedAt: r.startedAt })),
    models,
    datasets: datasets.slice(0, 200).map((d) => ({ name: d.name, version: d.version, rows: d.rows, digest: d.digest, runId: d.runId, createdAt: d.createdAt })),
  };
}
