import { z } from 'zod';
import { isPlugin } from '../plugins/definePlugin';
import { isPipeline } from '../pipeline/pipeline';
import { slotNames, type SlotName } from '../tokens/tokens';

const pluginRef = z.union([z.string().min(1), z.custom((v) => isPlugin(v), 'a plugin object (made with definePlugin)')]);

/** `"pkg"`, a plugin object, or `{ use, options }`. */
export const pluginSpecSchema = z.union([pluginRef, z.object({ use: pluginRef, options: z.record(z.string(), z.unknown()).optional() }).strict()]);

// `false` leaves a slot empty where a default would fill it (the embedded orchestrator).
const slotSchema = z.union([pluginSpecSchema, z.literal(false)]).optional();
const slots = Object.fromEntries(slotNames.map((s) => [s, slotSchema])) as Record<SlotName, typeof slotSchema>;

/** The core's own part of the config schema; each plugin's options schema is applied after it. */
export const configSchema = z
  .object({
    project: z.string().min(1).optional(),
    stateDir: z.string().min(1).optional(),
    plugins: z.object(slots).strict().optional(),
    pipelines: z.record(z.string().regex(/^[A-Za-z][\w-]*$/), z.custom((v) => isPipeline(v) || typeof v === 'function', 'a pipeline (made with pipeline()) or a function that loads one')).optional(),
    serializers: z
      .array(z.custom((v) => typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string' && typeof (v as { serialize?: unknown }).serialize === 'function', 'a serializer with name, canHandle, serialize and deserialize'))
      .optional(),
    maxParallelSteps: z.number().int().positive().optional(),
    logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional(),
    /** `mlops ui`: `token` enables its actions (promote, rollback); write `env('MLOPS_UI_TOKEN', { default: '' })`, never the secret itself. */
    ui: z.object({ token: z.string().optional() }).strict().optional(),
  })
  .strict();
