import { tokens } from '@mlops/core';
import { UsageError } from '../fail';
import { queueTrials } from './queueTrials';
import type { TrialLoop } from './runTrials';

/**
 * `mlops tune run STUDY --queue`: trials go to the configured orchestrator. With the embedded one and
 * no `mlops scheduler` running, this process runs them itself (each step in a child process), as
 * `mlops retrain` does; with a distributed one and no worker connected, the trials wait for one.
 */
export async function startQueuedTrials(loop: TrialLoop, parallel: number | undefined, quiet = false): Promise<void> {
  const { runtime } = loop;
  if (!runtime.has(tokens.orchestrator)) throw new UsageError(`--queue: ${runtime.config.file} has no orchestrator (plugins.orchestrator), and the embedded default needs an SQL metadata store`, { path: 'plugins.orchestrator', expected: "an orchestrator, e.g. { use: '@mlops/orchestrator-bullmq', options: { redisUrl } }", received: 'none' });
  const orchestrator = runtime.get(tokens.orchestrator);
  const workers = (await orchestrator.queueStatus()).workers.length;
  const inFlight = parallel ?? Math.max(2, workers);
  // The pruner lives here and the trainer on a worker: a queued trial runs all its iterations.
  if (loop.def.intermediate && !quiet) process.stderr.write(`--queue: trials run to the end (intermediate "${loop.def.intermediate}" prunes only trials run in this process or with --workers)\n`);
  if (workers === 0 && orchestrator.embedded && orchestrator.serveWorker) {
    if (!quiet) process.stderr.write('no `mlops scheduler` is running: the trials run here, each step in a child process\n');
    await orchestrator.serveWorker({ configFile: runtime.config.file, concurrency: inFlight });
  } else if (workers === 0 && !quiet) process.stderr.write('no worker is connected: the trials wait until `mlops worker` starts\n');
  await queueTrials({ ...loop, parallel: inFlight });
}
