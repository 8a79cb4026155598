import { spawn } from 'node:child_process';
import { exitCodes, UsageError } from '../fail';
import type { GlobalOptions } from '../globalOptions';

/**
 * Runs `total` trials of a study in `workers` processes (`mlops tune worker`), each its own Node
 * process with its own runtime, all sharing the study through the project database. Resolves when
 * every worker ended; rejects naming the workers that failed, with the end of their stderr.
 */
export async function spawnWorkers(opts: GlobalOptions, study: string, total: number, workers: number, parentRunId: string | null): Promise<void> {
  const script = process.argv[1]!;
  const global = [...(opts.config ? ['--config', opts.config] : []), ...(opts.cwd ? ['--cwd', opts.cwd] : []), ...(opts.verbose ? ['--verbose'] : [])];
  const runs = Array.from({ length: workers }, (_, i) => Math.floor(total / workers) + (i < total % workers ? 1 : 0)).filter((n) => n > 0);
  const children = runs.map((n, i) => {
    const args = [script, ...global, 'tune', 'worker', study, '--trials', String(n), ...(parentRunId ? ['--parent-run', parentRunId] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
    let tail = '';
    child.stderr!.on('data', (chunk: Buffer) => void (tail = (tail + chunk.toString()).slice(-2000)));
    return new Promise<{ code: number | null; line: string } | null>((resolve) =>
      child.on('close', (code, signal) => resolve(code === 0 ? null : { code, line: `worker ${i + 1} (pid ${child.pid}) exited ${signal ?? code}: ${tail.trim().split('\n').slice(-3).join(' | ')}` })),
    );
  });
  const failures = (await Promise.all(children)).filter((f) => f !== null);
  if (!failures.length) return;
  // Exit 2 from every failed worker: the study stopped on bad input (each worker saw it), so this
  // command exits 2 as a one-process run would.
  const message = failures.map((f) => f.line).join('\n');
  if (failures.every((f) => f.code === exitCodes.usage)) throw new UsageError(message);
  throw new Error(message);
}
