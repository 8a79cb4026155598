import { hostname } from 'node:os';
import type { MetadataStore } from '../../storage/MetadataStore';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM means the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Marks runs left `running` by a runner on this host whose process is gone (killed, crashed, power
 * loss) as `crashed`, with their unfinished steps `failed`. Runs on other hosts are left alone.
 * Returns the ids it marked.
 */
export async function markAbandonedRuns(metadata: MetadataStore, now = Date.now()): Promise<string[]> {
  const host = hostname();
  const marked: string[] = [];
  for (const run of await metadata.listRuns({ status: 'running', limit: 1000 })) {
    if (run.host !== host || run.pid === process.pid || isAlive(run.pid)) continue;
    for (const s of await metadata.listStepRuns(run.id)) {
      if (s.status === 'running') await metadata.finishStepRun(s.id, { status: 'failed', endedAt: now, error: `runner process ${run.pid} exited during this step` });
    }
    await metadata.finishRun(run.id, { status: 'crashed', endedAt: now, error: `runner process ${run.pid} exited without finishing the run` });
    marked.push(run.id);
  }
  return marked;
}

/** Records a run stopped by a signal as failed, with its running steps, so it never stays `running`. */
export async function markInterrupted(metadata: MetadataStore, runId: string, signal: string, now = Date.now()): Promise<void> {
  for (const s of await metadata.listStepRuns(runId)) {
    if (s.status === 'running') await metadata.finishStepRun(s.id, { status: 'failed', endedAt: now, error: `interrupted by ${signal}` });
  }
  await metadata.finishRun(runId, { status: 'failed', endedAt: now, error: `interrupted by ${signal}` });
}
