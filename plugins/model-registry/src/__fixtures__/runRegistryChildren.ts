import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SqlStoreDescription } from '@mlops/sql-metadata';
import { runTogether } from '@mlops/testkit';
import { registryChildScript } from './registryChild';

/** Built entry points the children load. */
const modules = {
  registry: resolve(__dirname, '..', '..', 'dist', 'index.js'),
  sqlMetadata: resolve(__dirname, '..', '..', '..', '..', 'packages', 'sql-metadata', 'dist', 'index.js'),
  testkit: resolve(__dirname, '..', '..', '..', '..', 'packages', 'testkit', 'dist', 'index.js'),
};

/** What every child does; `versions` bounds the random promotion targets. */
export interface RegistryChildJob {
  kind: 'register' | 'register-same' | 'promote';
  model: string;
  count: number;
  workers: number;
  versions?: number;
}

/**
 * Starts `processes` children on the same database, releases them together once all are ready,
 * and returns the versions each registered.
 */
export async function runRegistryChildren(description: SqlStoreDescription, processes: number, job: RegistryChildJob): Promise<number[][]> {
  return (await runRegistryChildrenWithCounts(description, processes, job)).map((r) => r.versions);
}

/** As {@link runRegistryChildren}, with how many registrations each child created. */
export async function runRegistryChildrenWithCounts(description: SqlStoreDescription, processes: number, job: RegistryChildJob): Promise<{ versions: number[]; created: number }[]> {
  for (const [name, path] of Object.entries(modules)) {
    if (!existsSync(path)) throw new Error(`${name}: ${path} does not exist; build it first (npx tsc -b plugins/model-registry)`);
  }
  const lines = await runTogether(
    Array.from({ length: processes }, (_, n) => ({ script: registryChildScript, env: { MLOPS_REGISTRY_JOB: JSON.stringify({ ...job, description, modules, actor: `child-${n}` }) }, label: `registry child ${n}` })),
  );
  return lines.map((line) => JSON.parse(line) as { versions: number[]; created: number });
}
