import { tfjsBackendNames } from '@mlops/tfjs-backend';
import { z } from 'zod';

/** Options of the `tfjsRuntime` plugin. */
export const tfjsRuntimeOptions = z
  .object({
    /**
     * `auto` tries `@tensorflow/tfjs-node` (native, if it can be required), then the wasm backend,
     * then pure JS `cpu`: the same names as the tfjs trainer's. Naming a backend that cannot start is
     * an error at plugin creation.
     */
    backend: z.enum(['auto', ...tfjsBackendNames]).default('auto'),
    /** Threads of the wasm backend (ignored by the others). Unset: tfjs's own default. */
    threads: z.number().int().positive().optional(),
  })
  .strict();

export type TfjsRuntimeOptions = z.output<typeof tfjsRuntimeOptions>;
export type TfjsRuntimeUserOptions = z.input<typeof tfjsRuntimeOptions>;
