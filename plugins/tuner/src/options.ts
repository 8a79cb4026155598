import type { PrunerSpec, SamplerSpec, StudyDefinition } from '@mlops/core';
import { z } from 'zod';

const studyName = z.string().regex(/^[A-Za-z0-9][\w.-]*$/, 'a study name: letters, digits, ".", "_", "-"');

const samplerKinds = ['tpe', 'random', 'qmc', 'grid', 'nsga2'];
const prunerKinds = ['none', 'median', 'percentile', 'successive-halving', 'hyperband', 'threshold', 'patient'];

// The kind is checked here; the other fields by the sampler's or pruner's constructor, which names them.
function spec<T>(kinds: string[]) {
  return z.custom<T>((v) => typeof v === 'object' && v !== null && kinds.includes((v as { kind?: string }).kind as string), `an object with kind ${kinds.map((k) => `"${k}"`).join(' | ')}`);
}

/** A study definition: checked for shape here; `space` is the user's code. */
const studyDefinition = z
  .object({
    pipeline: z.string().min(1),
    objective: z.union([z.string().regex(/^[^.]+\..+$/, '"<step>.<metric>"'), z.array(z.string().regex(/^[^.]+\..+$/, '"<step>.<metric>"')).min(1)]),
    direction: z.union([z.enum(['minimize', 'maximize']), z.array(z.enum(['minimize', 'maximize'])).min(1)]).optional(),
    space: z.custom<StudyDefinition['space']>((v) => typeof v === 'function', 'a function (trial) => pipeline params'),
    intermediate: z.string().min(1).optional(),
    sampler: spec<SamplerSpec>(samplerKinds).optional(),
    pruner: spec<PrunerSpec>(prunerKinds).optional(),
    constraints: z.custom<StudyDefinition['constraints']>((v) => typeof v === 'function', 'a function (trial) => number[]').optional(),
    maxRetries: z.number().int().nonnegative().optional(),
    trials: z.number().int().positive().optional(),
    register: z.object({ pipeline: z.string().min(1), params: z.record(z.string(), z.unknown()).optional() }).strict().optional(),
  })
  .strict();

/**
 * Options of the `tuner` plugin: the studies `mlops tune` runs, by name; how often a running trial
 * proves its worker alive, and after how long without a beat it is failed (so a killed worker's
 * trial does not block the study). The margin is wide because a loaded machine can starve a
 * training process for seconds: a live trial failed by mistake is lost work.
 */
export const tunerOptions = z
  .object({
    studies: z.record(studyName, studyDefinition).default({}),
    heartbeatMs: z.number().int().positive().default(10_000),
    staleAfterMs: z.number().int().positive().default(60_000),
  })
  .strict()
  .refine((o) => o.staleAfterMs > o.heartbeatMs, { message: 'staleAfterMs must be longer than heartbeatMs', path: ['staleAfterMs'] });

export type TunerUserOptions = z.input<typeof tunerOptions>;
export type TunerResolvedOptions = z.output<typeof tunerOptions>;
