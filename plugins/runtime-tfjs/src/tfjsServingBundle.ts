import { readTfjsServingBundle } from './readTfjsServingBundle';
import { tfjsServingFormat } from './bundleSchema';

/** Anything JSON.stringify turns into the data we want: plain JSON, or an object with `toJSON()`. */
type JsonSource = object;

/** What a pipeline hands `tfjsServingBundle`. */
export interface TfjsServingBundleParts {
  /** A fitted `@mlops/transforms` chain (or its `toJSON()`); omit when the model reads raw columns. */
  preprocessing?: JsonSource;
  /** A `@mlops/trainer-tfjs` model (or its `toJSON()`). */
  model: JsonSource;
  /** Raw columns; default: the chain's inputs (categories as `string`), else the model's features (`float32`). */
  inputs?: readonly { name: string; type: 'float32' | 'string' }[];
  /** Class labels, when they should differ from the model's own. */
  classes?: readonly string[];
}

interface ChainInputs {
  inputs?: { name: string; dtype: string }[];
}

function defaultInputs(preprocessing: ChainInputs | undefined, model: { featureNames?: string[] }) {
  if (preprocessing?.inputs) return preprocessing.inputs.map((c) => ({ name: c.name, type: c.dtype === 'category' ? 'string' : 'float32' }));
  return (model.featureNames ?? []).map((name) => ({ name, type: 'float32' }));
}

/**
 * Serializes a tfjs serving bundle (plain JSON bytes, never code) for `@mlops/runtime-tfjs`. It is
 * read back and checked before returning, so a bundle that would not load is refused here.
 */
export function tfjsServingBundle(parts: TfjsServingBundleParts): Uint8Array {
  // JSON.stringify calls toJSON(), so fitted objects and their data serialize alike.
  const preprocessing = parts.preprocessing === undefined ? undefined : (JSON.parse(JSON.stringify(parts.preprocessing)) as ChainInputs);
  const model = JSON.parse(JSON.stringify(parts.model)) as { featureNames?: string[] };
  const bundle = {
    format: tfjsServingFormat,
    ...(preprocessing ? { preprocessing } : {}),
    model,
    inputs: parts.inputs ?? defaultInputs(preprocessing, model),
    ...(parts.classes ? { classes: parts.classes } : {}),
  };
  const bytes = new TextEncoder().encode(JSON.stringify(bundle));
  readTfjsServingBundle(bytes);
  return bytes;
}
