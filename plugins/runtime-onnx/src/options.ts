import { z } from 'zod';

/** Options of the `onnxRuntime` plugin. */
export const onnxRuntimeOptions = z
  .object({
    /**
     * Threads one `run` may use. Default 1: the server runs one worker process per core, so more
     * threads per session would only make workers fight over the same cores.
     */
    intraOpThreads: z.number().int().positive().default(1),
    /** onnxruntime's graph optimizations applied at load time. */
    graphOptimizationLevel: z.enum(['disabled', 'basic', 'extended', 'all']).default('all'),
    /**
     * Run through onnxruntime-node's native session, synchronously (the same native call without the
     * public API's feed checks, two promise layers and `setImmediate`); false, or an onnxruntime-node
     * without a native session of the expected shape, uses the public `InferenceSession`.
     */
    nativeRun: z.boolean().default(true),
  })
  .strict();

export type OnnxRuntimeOptions = z.output<typeof onnxRuntimeOptions>;
export type OnnxRuntimeUserOptions = z.input<typeof onnxRuntimeOptions>;
