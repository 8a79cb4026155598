import { z } from 'zod';

const metricName = z.string().min(1);
const direction = z.enum(['higher', 'lower']);

/** A metric that must not get worse than the incumbent's by more than `tolerance`. */
export const guardOptions = z
  .object({
    metric: metricName,
    /** Which way is better for this metric. */
    direction: direction.default('higher'),
    /** Largest allowed regression, in the metric's units. */
    tolerance: z.number().nonnegative().default(0),
  })
  .strict();

/** The promotion gate: the candidate must beat the incumbent on `metric` by more than `minImprovement`. */
export const gateOptions = z
  .object({
    metric: metricName.default('rocAuc'),
    direction: direction.default('higher'),
    minImprovement: z.number().nonnegative().default(0),
    guards: z.array(guardOptions).default([]),
  })
  .strict();

/** Free text shown on a model's card; a field left out is shown as "not stated". */
export const cardOptions = z
  .object({
    owner: z.string().optional(),
    intendedUse: z.string().optional(),
    outOfScope: z.string().optional(),
    limitations: z.string().optional(),
    fairness: z.string().optional(),
    ethicalConsiderations: z.string().optional(),
  })
  .strict();

/** Options of the `modelRegistry` plugin. */
export const modelRegistryOptions = z
  .object({
    /** The gate of every model without an entry in `gates`. */
    gate: gateOptions.default(gateOptions.parse({})),
    /** Per model name, replacing `gate` for that model. */
    gates: z.record(z.string(), gateOptions).default({}),
    /** Aliases only `promote` (and `rollback`) may move; `setAlias` refuses them. */
    gatedAliases: z.array(z.string().min(1)).default(['champion']),
    /** Per model name: the owner's statements shown on the model card. */
    cards: z.record(z.string(), cardOptions).default({}),
    /** Fixed actor for the audit trail; else the call's `actor`, else `$MLOPS_ACTOR`, else the OS user. */
    actor: z.string().min(1).optional(),
  })
  .strict();

export type GateOptions = z.output<typeof gateOptions>;
export type CardOptions = z.output<typeof cardOptions>;
export type ModelRegistryOptions = z.output<typeof modelRegistryOptions>;
/** What a user writes in `plugins.modelRegistry.options`. */
export type ModelRegistryUserOptions = z.input<typeof modelRegistryOptions>;
