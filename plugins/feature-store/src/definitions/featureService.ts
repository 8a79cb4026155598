import { z } from 'zod';
import { FeatureDefinitionError } from '../errors';
import { parseDefinition } from '../lib/parseDefinition';
import { definitionObject } from './definitionObject';
import { isFeatureSelection, isFeatureView, isOnDemandFeature } from './isDefinition';
import { identifier } from './names';
import type { FeatureService, ServiceEntry } from './types';
import { serviceColumns } from './serviceColumns';

const serviceSchema = z
  .object({
    name: identifier,
    features: z
      .array(z.custom<ServiceEntry>((e) => isFeatureView(e) || isFeatureSelection(e) || isOnDemandFeature(e), 'expected a feature view, view.select(...) or an on-demand feature'))
      .min(1, 'expected at least one entry'),
    description: z.string().optional(),
  })
  .strict();

/** Declares the named set of features a model consumes: whole views, `view.select('a', 'b')`, on-demand features. */
export function featureService(definition: { name: string; features: readonly ServiceEntry[]; description?: string }): FeatureService {
  const parsed = parseDefinition('featureService', serviceSchema, definition);
  const service: FeatureService = definitionObject({ kind: 'featureService' as const, name: parsed.name, features: Object.freeze([...parsed.features]), description: parsed.description });
  try {
    serviceColumns(service);
  } catch (error) {
    throw new FeatureDefinitionError(parsed.name, `featureService "${parsed.name}": features: ${(error as Error).message}`);
  }
  return service;
}
