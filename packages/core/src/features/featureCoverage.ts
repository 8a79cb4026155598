import type { ModelSignature } from '../registry/ModelRegistry';
import type { FeatureServiceDescription } from './FeatureStore';

type FeatureType = FeatureServiceDescription['columns'][number]['type'];

// Which feature types can feed a signature column: numbers widen to float, nothing narrows.
const accepts: Record<ModelSignature['inputs'][number]['type'], readonly FeatureType[]> = {
  float: ['float', 'int'],
  double: ['float', 'int'],
  int: ['int'],
  bool: ['bool'],
  string: ['string'],
};

/**
 * What stops a feature service from feeding a model: each signature input the service does not
 * output, and each it outputs with a type the input cannot take. Empty when the service covers it.
 * The server checks this when it loads a model; `features apply` before storing a change.
 */
export function featureCoverage(columns: FeatureServiceDescription['columns'], signature: Pick<ModelSignature, 'inputs'>): { missing: string[]; mistyped: { name: string; feature: FeatureType; input: string }[] } {
  const byName = new Map(columns.map((c) => [c.name, c.type]));
  const missing: string[] = [];
  const mistyped: { name: string; feature: FeatureType; input: string }[] = [];
  for (const input of signature.inputs) {
    const type = byName.get(input.name);
    if (type === undefined) missing.push(input.name);
    else if (!accepts[input.type]?.includes(type)) mistyped.push({ name: input.name, feature: type, input: input.type });
  }
  return { missing, mistyped };
}

/** One line for a coverage problem: `missing a, b; mistyped c (service string, model float)`. */
export function describeCoverage(gap: ReturnType<typeof featureCoverage>): string {
  const parts: string[] = [];
  if (gap.missing.length) parts.push(`missing ${gap.missing.join(', ')}`);
  if (gap.mistyped.length) parts.push(`mistyped ${gap.mistyped.map((m) => `${m.name} (service ${m.feature}, model ${m.input})`).join(', ')}`);
  return parts.join('; ');
}
