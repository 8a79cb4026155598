import type { Json } from '@mlops/core';
import { z } from 'zod';
import { TfjsError, tfjsErrorCodes } from './errors';
import { TfjsModel } from './TfjsModel';
import type { TfjsModelData } from './TfjsModelData';

const layer = z.object({ weights: z.array(z.array(z.number())), bias: z.array(z.number()) });
const modelData = z
  .object({
    kind: z.literal('tfjs-dense'),
    version: z.literal(1),
    task: z.enum(['binary', 'multiclass', 'regression']),
    featureNames: z.array(z.string()),
    classes: z.array(z.string()).optional(),
    activation: z.enum(['relu', 'tanh', 'sigmoid']),
    layers: z.array(layer).min(1),
    backend: z.string(),
    params: z.record(z.string(), z.unknown()),
    epochs: z.number().int().min(0),
    bestEpoch: z.number().int().min(0),
  })
  .refine(
    (m) => {
      let width = m.featureNames.length;
      for (const l of m.layers) {
        if (l.weights.length !== width || l.weights.some((row) => row.length !== l.bias.length)) return false;
        width = l.bias.length;
      }
      return width === (m.task === 'multiclass' ? m.classes?.length : 1);
    },
    { message: 'layer shapes must chain from featureNames.length inputs to 1 output (binary, regression) or one per class' },
  );

/** Rebuilds a model from its `toJSON()` data, checking the shapes first. */
export function loadTfjsModel(json: Json): TfjsModel {
  const parsed = modelData.safeParse(json);
  if (!parsed.success) throw new TfjsError(tfjsErrorCodes.model, `not a tfjs dense model: ${z.prettifyError(parsed.error)}`);
  return new TfjsModel(parsed.data as TfjsModelData);
}
