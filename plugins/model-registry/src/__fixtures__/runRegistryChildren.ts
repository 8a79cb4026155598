import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SqlStoreDescription } from '@mlops/sql-metadata';
import { registryChildScript } from './registryChild';

/** Built entry points the children load. */
const modules = {
  registry: resolve(__dirname, '..', '..', 'dist', 'index.js'),
  sqlMetadata: resolve(__dirname, '..', '..', '..', '..', 'packages', 'sql-metadata', 'dist', 'index.js'),
  testkit: resolve(__dirname, '..', '..', '..', '..', 'packages', 'testkit', 'dist', 'index.js'),
};

/** What every child does; `versions` bounds the random promotion targets. */
export interface RegistryChildJob {
  kind: 'register' | 'promote';
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
  for (const [name, path] of Object.entries(modules)) {
    if (!existsSync(path)) throw new Error(`${name}: ${path} does not exist; build it first (npx tsc -b plugins/model-registry)`);
  }
  const children = Array.from({ length: processes }, (_, n) => startChild({ ...job, description, modules, actor: `child-${n}` }));
  try {
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.process.stdin?.write('go\n');
    return await Promise.all(children.map((c) => c.done));
  } finally {
    for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGKILL');
  }
}

function startChild(job: object): { process: ChildProcess; ready: Promise<void>; done: Promise<number[]> } {
  const child = spawn(process.execPath, ['-e', registryChildScript], { env: { ...process.env, MLOPS_REGISTRY_JOB: JSON.stringify(job) }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<number[]>((resolveDone, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) return resolveDone((JSON.parse(last) as { versions: number[] }).versions);
      reject(new Error(`registry child exited with ${code ?? signal}:\n${stderr.trim() || stdout.trim()}`));
    });
  });
  done.catch(() => undefined); // awaited by the caller; avoids an unhandled rejection after an early failure
  // A child that dies before it is ready fails the test instead of leaving the barrier waiting.
  return { process: child, ready: Promise.race([ready, done.then(() => undefined)]), done };
}
