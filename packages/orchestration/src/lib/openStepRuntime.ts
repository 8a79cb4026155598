import { createRuntime, loadConfig, slotNames, type Runtime } from '@mlops/core';

/**
 * The runtime steps run in (a worker's child process, or the worker itself for inline steps): the
 * project's config with every slot but the orchestrator, so a step never submits to the queue from
 * inside a worker.
 */
export async function openStepRuntime(configPath: string): Promise<Runtime> {
  const slots = slotNames.filter((s) => s !== 'orchestrator');
  return createRuntime(await loadConfig({ configPath, slots }), { slots });
}
