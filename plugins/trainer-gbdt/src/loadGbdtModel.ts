import type { Json } from '@mlops/core';
import { z } from 'zod';
import { GbdtError, gbdtErrorCodes } from './errors';
import { GbdtModel } from './GbdtModel';
import type { GbdtModelData } from './GbdtModelData';

const nums = z.array(z.number());
const tree = z.object({ feature: nums, threshold: nums, left: nums, right: nums, defaultLeft: nums, value: nums });
const modelData = z.object({
  kind: z.literal('gbdt'),
  version: z.literal(1),
  task: z.enum(['binary', 'multiclass', 'regression']),
  featureNames: z.array(z.string()),
  classes: z.array(z.string()).optional(),
  baseScore: nums,
  outputs: z.number().int().min(1),
  trees: z.array(tree),
  rounds: z.number().int().min(0),
  importance: z.object({ gain: nums, split: nums }),
});

/** Rebuilds a model from its `toJSON()` data, checking the shape first. */
export function loadGbdtModel(json: Json): GbdtModel {
  const parsed = modelData.safeParse(json);
  if (!parsed.success) throw new GbdtError(gbdtErrorCodes.model, `not a GBDT model: ${z.prettifyError(parsed.error)}`);
  return new GbdtModel(parsed.data as GbdtModelData);
}
