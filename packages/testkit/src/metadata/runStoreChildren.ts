import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
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
}

/**
 * Starts `processes` children on the same store, releases them together once all are ready, and
 * returns the artifact versions each child was given.
 */
export async function runStoreChildren(recipe: RemoteStoreRecipe, processes: number, job: ChildJob): Promise<number[][]> {
  if (!isAbsolute(recipe.module) || !existsSync(recipe.module)) {
    throw new Error(`remote store module ${recipe.module} does not exist; build it first (npx tsc -b tsconfig.build.json)`);
  }
  const children = Array.from({ length: processes }, (_, n) => startChild(recipe, { ...job, prefix: `${job.prefix}-c${n}` }));
  try {
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.process.stdin?.write('go\n');
    return await Promise.all(children.map((c) => c.done));
  } finally {
    for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGKILL');
  }
}

interface Child {
  process: ChildProcess;
  ready: Promise<void>;
  done: Promise<number[]>;
}

function startChild(recipe: RemoteStoreRecipe, job: ChildJob): Child {
  const child = spawn(process.execPath, ['-e', childScript], {
    env: { ...process.env, MLOPS_CONFORMANCE_JOB: JSON.stringify({ ...recipe, ...job }) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<number[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) return resolve((JSON.parse(last) as { versions: number[] }).versions);
      reject(new Error(`store child ${job.prefix} exited with ${code ?? signal}:\n${stderr.trim() || stdout.trim()}`));
    });
  });
  done.catch(() => undefined); // handled by whoever awaits it; avoids an unhandled rejection after an early failure
  // A child that dies before it is ready must fail the test instead of leaving the barrier waiting.
  return { process: child, ready: Promise.race([ready, done.then(() => undefined)]), done };
}
