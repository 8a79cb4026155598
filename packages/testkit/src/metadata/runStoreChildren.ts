import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { runTogether } from '../lib/runTogether';
import { childScript } from './childScript';
import type { RemoteStoreRecipe } from './MetadataStoreSubject';

/** What every child registers; ids are made unique with `prefix` plus the child's index. */
export interface ChildJob {
  pipeline: string;
  artifactName: string;
  prefix: string;
  count: number;
  startedAt: number;
  /** Concurrent writers inside each child. */
  workers: number;
  /** Every child registers versions of this dataset name, with contents 0..distinctDatasets-1. */
  datasetName: string;
  distinctDatasets: number;
}

/** What one child got: artifact versions, and `[content, version]` per dataset registration. */
export interface ChildResult {
  versions: number[];
  datasets: [number, number][];
}

/**
 * Starts `processes` children on the same store, releases them together once all are ready, and
 * returns the artifact and dataset versions each child was given.
 */
export async function runStoreChildren(recipe: RemoteStoreRecipe, processes: number, job: ChildJob): Promise<ChildResult[]> {
  if (!isAbsolute(recipe.module) || !existsSync(recipe.module)) {
    throw new Error(`remote store module ${recipe.module} does not exist; build it first (npx tsc -b tsconfig.build.json)`);
  }
  const lines = await runTogether(
    Array.from({ length: processes }, (_, n) => ({ script: childScript, env: { MLOPS_CONFORMANCE_JOB: JSON.stringify({ ...recipe, ...job, prefix: `${job.prefix}-c${n}` }) }, label: `store child ${job.prefix}-c${n}` })),
  );
  return lines.map((line) => JSON.parse(line) as ChildResult);
}
