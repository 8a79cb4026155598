import { z } from 'zod';
import { FeatureDefinitionError } from '../errors';
import { parseDefinition } from '../lib/parseDefinition';
import { definitionObject } from './definitionObject';
import { isFeatureView } from './isDefinition';
import { featureSchema, identifier } from './names';
import type { FeatureSchema, FeatureView, OnDemandFeature, OnDemandInput, OnDemandInputs, RowOf } from './types';

const onDemandSchema = z
  .object({
    name: identifier,
    inputs: z
      .object({
        request: z.record(identifier, z.enum(['float', 'int', 'string', 'bool'], { message: 'expected one of float, int, string, bool' })).optional(),
        views: z.array(z.custom<FeatureView>(isFeatureView, 'expected a feature view made with featureView()')).optional(),
      })
      .strict(),
    outputs: featureSchema,
    fn: z.custom<(input: never) => unknown>((f) => typeof f === 'function', 'expected a function'),
  })
  .strict();

/**
 * Declares features computed by `fn` from request data and the features of `inputs.views`. The
 * input names must be distinct across request fields and view features; outputs must not reuse them.
 */
export function onDemandFeature<const R extends FeatureSchema = {}, const V extends readonly FeatureView[] = [], const O extends FeatureSchema = FeatureSchema>(definition: {
  name: string;
  inputs: OnDemandInputs<R, V>;
  outputs: O;
  fn: (input: OnDemandInput<R, V>) => Partial<RowOf<O>>;
}): OnDemandFeature<O> {
  const parsed = parseDefinition('onDemandFeature', onDemandSchema, definition);
  const request = parsed.inputs.request ?? {};
  const views = parsed.inputs.views ?? [];
  const seen = new Map<string, string>(Object.keys(request).map((k) => [k, 'request']));
  for (const view of views) {
    for (const feature of Object.keys(view.features)) {
      const other = seen.get(feature);
      if (other) throw new FeatureDefinitionError(parsed.name, `onDemandFeature "${parsed.name}": inputs: expected distinct input names, received "${feature}" from ${other} and view ${view.name}`);
      seen.set(feature, `view ${view.name}`);
    }
  }
  const reused = Object.keys(parsed.outputs).find((o) => seen.has(o));
  if (reused) throw new FeatureDefinitionError(parsed.name, `onDemandFeature "${parsed.name}": outputs.${reused}: expected a name other than an input, received "${reused}"`);
  return definitionObject({
    kind: 'onDemandFeature' as const,
    name: parsed.name,
    request: Object.freeze({ ...request }),
    views: Object.freeze([...views]),
    outputs: Object.freeze({ ...definition.outputs }),
    fn: definition.fn as unknown as OnDemandFeature<O>['fn'],
  });
}
