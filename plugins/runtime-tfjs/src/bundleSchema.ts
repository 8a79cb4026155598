import { z } from 'zod';

/** The `format` field of every bundle this runtime reads. */
export const tfjsServingFormat = 'mlops.tfjs-serving/1';

const denseLayer = z.object({ weights: z.array(z.array(z.number())), bias: z.array(z.number()) });

/** The fields of `@mlops/trainer-tfjs`'s `TrainedModel.toJSON()` this runtime needs (others pass through). */
const denseModel = z
  .object({
    kind: z.literal('tfjs-dense'),
    version: z.literal(1),
    task: z.enum(['binary', 'multiclass', 'regression']),
    featureNames: z.array(z.string()).min(1),
    classes: z.array(z.string()).optional(),
    activation: z.enum(['relu', 'tanh', 'sigmoid']),
    layers: z.array(denseLayer).min(1),
  })
  .passthrough();

/** One raw column the bundle takes: a float (numbers, bools) or a string (categories) `[N, 1]` tensor. */
const bundleInput = z.object({ name: z.string().min(1), type: z.enum(['float32', 'string']) });

/** The JSON schema of a serialized bundle; shape checks across fields are in `readTfjsServingBundle`. */
export const tfjsServingBundleSchema = z
  .object({
    format: z.literal(tfjsServingFormat),
    /** A fitted `@mlops/transforms` chain's `toJSON()`; checked by `loadTransformChain`. */
    preprocessing: z.record(z.string(), z.unknown()).optional(),
    model: denseModel,
    inputs: z.array(bundleInput).min(1),
    classes: z.array(z.string()).optional(),
  })
  .strict();

/** A parsed tfjs serving bundle: preprocessing (optional) + dense network + raw inputs. */
export type TfjsServingBundle = z.output<typeof tfjsServingBundleSchema>;
/** The dense network of a bundle. */
export type DenseModelData = TfjsServingBundle['model'];
