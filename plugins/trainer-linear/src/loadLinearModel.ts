import type { Json } from '@mlops/core';
import { z } from 'zod';
import { LinearError, linearErrorCodes } from './errors';
import { LinearModel } from './LinearModel';
import type { LinearModelData } from './LinearModelData';

const nums = z.array(z.number());
const modelData = z
  .object({
    kind: z.enum(['logistic-regression', 'linear-regression']),
    version: z.literal(1),
    task: z.enum(['binary', 'multiclass', 'regression']),
    featureNames: z.array(z.string()),
    classes: z.array(z.string()).optional(),
    coef: z.array(nums),
    intercept: nums,
    params: z.record(z.string(), z.union([z.number(), z.boolean()])),
    iterations: z.number().int().min(0),
    converged: z.boolean(),
  })
  .refine((m) => m.coef.length === m.intercept.length && m.coef.every((row) => row.length === m.featureNames.length), {
    message: 'coef must have one row of featureNames.length weights per intercept',
  })
  .refine((m) => (m.task === 'regression' ? !m.classes : (m.classes?.length ?? 0) >= 2 && m.coef.length === (m.task === 'binary' ? 1 : m.classes!.length)), {
    message: 'classes must match the task (binary: 2 classes, 1 coef row; multiclass: one row per class; regression: none)',
  });

/** Rebuilds a model from its `toJSON()` data, checking the shape first; `kind` restricts the accepted trainer. */
export function loadLinearModel(json: Json, kind?: LinearModelData['kind']): LinearModel {
  const parsed = modelData.safeParse(json);
  if (!parsed.success) throw new LinearError(linearErrorCodes.model, `not a linear model: ${z.prettifyError(parsed.error)}`);
  if (kind && parsed.data.kind !== kind) throw new LinearError(linearErrorCodes.model, `model kind is "${parsed.data.kind}", expected "${kind}"`);
  return new LinearModel(parsed.data as LinearModelData);
}
