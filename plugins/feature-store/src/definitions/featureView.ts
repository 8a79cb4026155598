import { z } from 'zod';
import { parseDefinition } from '../lib/parseDefinition';
import { definitionObject } from './definitionObject';
import { parseDuration } from '../lib/parseDuration';
import { FeatureDefinitionError } from '../errors';
import { isEntity, isSource } from './isDefinition';
import { featureSchema, identifier } from './names';
import type { Entity, FeatureSchema, FeatureView, ReadThrough, Source } from './types';

const viewSchema = z
  .object({
    name: identifier,
    entities: z.array(z.custom<Entity>(isEntity, 'expected an entity made with entity()')).min(1, 'expected at least one entity'),
    source: z.custom<Source>(isSource, 'expected a source made with sqlSource(), fileSource() or streamSource()'),
    ttl: z
      .union([z.number(), z.string()])
      .nullable()
      .optional()
      .refine((t) => t === null || t === undefined || parseDuration(t) !== undefined, 'expected a duration (ms, or like "90s", "15m", "2h", "7d") or null'),
    features: featureSchema,
    description: z.string().optional(),
    readThrough: z
      .object({ compute: z.custom<ReadThrough['compute']>((f) => typeof f === 'function', 'expected a function'), cacheTtlMs: z.number().positive() })
      .strict()
      .optional(),
  })
  .strict();

/** Input of {@link featureView}. `ttl`: ms or a duration such as `'7d'`; omitted or null: never expires. */
export interface FeatureViewDefinition<S extends FeatureSchema> {
  name: string;
  entities: readonly Entity[];
  source: Source;
  ttl?: number | string | null;
  features: S;
  description?: string;
  readThrough?: ReadThrough<S>;
}

/** Declares typed features of some entities read from one source. */
export function featureView<const S extends FeatureSchema>(definition: FeatureViewDefinition<S>): FeatureView<S> {
  const parsed = parseDefinition('featureView', viewSchema, definition);
  const joinKeys = parsed.entities.flatMap((e) => e.joinKeys);
  const clash = Object.keys(parsed.features).find((f) => joinKeys.includes(f) || f === parsed.source.timestampColumn);
  if (clash) throw new FeatureDefinitionError(parsed.name, `featureView "${parsed.name}": features.${clash}: expected a name other than a join key or the timestamp column, received "${clash}"`);
  if (new Set(joinKeys).size !== joinKeys.length) throw new FeatureDefinitionError(parsed.name, `featureView "${parsed.name}": entities: expected entities with distinct join keys, received ${JSON.stringify(joinKeys)}`);
  const view = definitionObject({
    kind: 'featureView' as const,
    name: parsed.name,
    entities: Object.freeze([...parsed.entities]),
    source: parsed.source,
    ttlMs: parsed.ttl === null || parsed.ttl === undefined ? null : parseDuration(parsed.ttl)!,
    features: Object.freeze({ ...definition.features }),
    description: parsed.description,
    readThrough: definition.readThrough,
    select: (...names: string[]) => {
      const unknown = names.filter((n) => !(n in definition.features));
      if (unknown.length) throw new FeatureDefinitionError(parsed.name, `featureView "${parsed.name}".select: expected features of the view (${Object.keys(definition.features).join(', ')}), received ${unknown.join(', ')}`);
      return definitionObject({ kind: 'featureSelection' as const, view: view as unknown as FeatureView, features: Object.freeze([...names]) });
    },
  }) as unknown as FeatureView<S>;
  return view;
}
