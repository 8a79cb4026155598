import { silentLogger, type Logger } from '@mlops/core';
import type { z } from 'zod';

/** The context the runtime would pass to `create`: options parsed by the plugin's schema. */
export function fakeContext<S extends z.ZodType>(schema: S, raw: unknown, dirs: { projectRoot: string; stateDir: string }, logger: Logger = silentLogger) {
  return {
    options: schema.parse(raw) as z.output<S>,
    projectRoot: dirs.projectRoot,
    stateDir: dirs.stateDir,
    logger,
    resolve: (): never => {
      throw new Error('this plugin requires nothing');
    },
  };
}
